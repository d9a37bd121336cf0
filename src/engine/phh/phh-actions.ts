import { type Card, cardToString, parseCard } from '../cards.js';
import { decimalTextToDecimal } from './phh-amount.js';
import { type PhhResult, phhError } from './phh-errors.js';

/**
 * PHH action strings for No-Limit Hold'em, parsed into values. Players are 0-based positions here
 * (PHH writes p1 for position 0). A card is null where the history writes "??" (not known).
 */
export type PhhCards = readonly (Card | null)[];

export type PhhAction =
  | { readonly kind: 'deal-hole'; readonly player: number; readonly cards: PhhCards }
  | { readonly kind: 'deal-board'; readonly cards: PhhCards }
  | { readonly kind: 'fold'; readonly player: number }
  | { readonly kind: 'check-or-call'; readonly player: number }
  /** `cbr`: complete, bet or raise to `amount`, the player's total for the street (decimal text). */
  | { readonly kind: 'bet-or-raise-to'; readonly player: number; readonly amount: string }
  /** `sm`: show the cards, or muck when `cards` is null. */
  | { readonly kind: 'show-or-muck'; readonly player: number; readonly cards: PhhCards | null };

const PLAYER_TOKEN = /^p([1-9]\d*)$/;

/** Parses "AsKd", "????" or "As??" into cards, null for each unknown card. */
export function parsePhhCards(text: string): PhhCards | null {
  if (text.length === 0 || text.length % 2 !== 0) return null;
  const cards: (Card | null)[] = [];
  for (let i = 0; i < text.length; i += 2) {
    const token = text.slice(i, i + 2);
    if (token === '??') {
      cards.push(null);
      continue;
    }
    const card = parseCard(token);
    if (card === null) return null;
    cards.push(card);
  }
  return cards;
}

export function formatPhhCards(cards: PhhCards): string {
  return cards.map((card) => (card === null ? '??' : cardToString(card))).join('');
}

/** Parses one action string. A trailing comment ("p1 cc # limp") is ignored. */
export function parsePhhAction(source: string, index: number): PhhResult<PhhAction> {
  const hash = source.indexOf('#');
  const text = (hash >= 0 ? source.slice(0, hash) : source).trim();
  const tokens = text.split(/\s+/).filter((token) => token.length > 0);
  const bad = (why: string) =>
    phhError('phh/bad-action', `action ${index} "${source.slice(0, 60)}": ${why}`, index);
  if (tokens.length === 0) return bad('empty');

  if (tokens[0] === 'd') {
    const [, verb, third, fourth] = tokens;
    if (verb === 'dh') {
      const player = PLAYER_TOKEN.exec(third ?? '');
      if (!player || fourth === undefined || tokens.length !== 4) return bad('expected "d dh pN CARDS"');
      const cards = parsePhhCards(fourth);
      if (!cards) return phhError('phh/bad-cards', `action ${index}: bad cards "${fourth}"`, index);
      return { ok: true, value: { kind: 'deal-hole', player: Number(player[1]) - 1, cards } };
    }
    if (verb === 'db') {
      if (third === undefined || tokens.length !== 3) return bad('expected "d db CARDS"');
      const cards = parsePhhCards(third);
      if (!cards) return phhError('phh/bad-cards', `action ${index}: bad cards "${third}"`, index);
      return { ok: true, value: { kind: 'deal-board', cards } };
    }
    return phhError(
      'phh/unsupported-action',
      `action ${index}: dealer action "${verb}" is not No-Limit Hold'em`,
      index,
    );
  }

  const playerMatch = PLAYER_TOKEN.exec(tokens[0]!);
  if (!playerMatch) return bad('expected "d" or a player "pN"');
  const player = Number(playerMatch[1]) - 1;
  const [, verb, argument] = tokens;
  switch (verb) {
    case 'f':
      if (tokens.length !== 2) return bad('fold takes no argument');
      return { ok: true, value: { kind: 'fold', player } };
    case 'cc':
      if (tokens.length !== 2) return bad('check or call takes no argument');
      return { ok: true, value: { kind: 'check-or-call', player } };
    case 'cbr': {
      if (argument === undefined || tokens.length !== 3) return bad('expected "pN cbr AMOUNT"');
      const amount = decimalTextToDecimal(argument);
      if (!amount.ok) return phhError('phh/bad-amount', `action ${index}: ${amount.error.message}`, index);
      return { ok: true, value: { kind: 'bet-or-raise-to', player, amount: amount.value } };
    }
    case 'sm': {
      if (tokens.length > 3) return bad('expected "pN sm [CARDS]"');
      // Mucking is written "pN sm" (some writers use "pN sm -").
      if (argument === undefined || argument === '-')
        return { ok: true, value: { kind: 'show-or-muck', player, cards: null } };
      const cards = parsePhhCards(argument);
      if (!cards) return phhError('phh/bad-cards', `action ${index}: bad cards "${argument}"`, index);
      return { ok: true, value: { kind: 'show-or-muck', player, cards } };
    }
    case undefined:
      return bad('missing verb');
    default:
      return phhError(
        'phh/unsupported-action',
        `action ${index}: "${verb}" is not a No-Limit Hold'em action`,
        index,
      );
  }
}

/** Writes an action string (amounts are already canonical decimal text). */
export function formatPhhAction(action: PhhAction): string {
  switch (action.kind) {
    case 'deal-hole':
      return `d dh p${action.player + 1} ${formatPhhCards(action.cards)}`;
    case 'deal-board':
      return `d db ${formatPhhCards(action.cards)}`;
    case 'fold':
      return `p${action.player + 1} f`;
    case 'check-or-call':
      return `p${action.player + 1} cc`;
    case 'bet-or-raise-to':
      return `p${action.player + 1} cbr ${action.amount}`;
    case 'show-or-muck':
      return action.cards === null
        ? `p${action.player + 1} sm`
        : `p${action.player + 1} sm ${formatPhhCards(action.cards)}`;
  }
}
