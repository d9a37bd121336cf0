import { parse } from 'smol-toml';
import { Money } from '../../../../src/money/index.js';
import { cardsText } from '../table/dealer-log.js';
import { type LivePot, livePots } from '../table/live-pots.js';

/**
 * A hand history (PHH, as the server's /api/hands/:id returns it) turned into the positions of a
 * step-by-step replay. The server already removed what the viewer may not see (other players'
 * unshown cards are "????"), so this only replays. Positions are PHH's: p1 is the first to act
 * after the button, and `seats` names the table seat of each.
 */

export type ReplayStreet = 'preflop' | 'flop' | 'turn' | 'river' | 'showdown' | 'finished';

export interface ReplayPlayer {
  readonly name: string;
  readonly seat: number | null;
  readonly stack: string;
  /** Chips put in on the current street. */
  readonly bet: string;
  /** Known cards; null entries are cards the viewer never saw. Null before the deal. */
  readonly cards: readonly (string | null)[] | null;
  readonly folded: boolean;
  readonly shown: boolean;
  /** Every chip in (not folded, cards dealt, nothing behind). */
  readonly allIn: boolean;
  /** The hand the shown cards make ("a flush, ace high"), once shown. */
  readonly handName: string | null;
}

/** A hand shown at the showdown, as the server names it (GET /api/hands/{id}: shownHands). */
export interface NamedShownHand {
  readonly position: number;
  readonly name: string;
  readonly cards: readonly string[];
}

export interface ReplayStep {
  readonly description: string;
  /** Position that acted in this step, if a player did. */
  readonly actor: number | null;
  readonly street: ReplayStreet;
  readonly board: readonly string[];
  /** Chips in the middle from completed streets. */
  readonly pot: string;
  /** Everything put in so far, this street's bets included: the pot as it stands. */
  readonly livePot: string;
  /** The main pot and side pots as they stand (one entry when nobody is all-in). */
  readonly pots: readonly LivePot[];
  readonly players: readonly ReplayPlayer[];
}

export interface Replay {
  readonly steps: readonly ReplayStep[];
}

export type ReplayResult =
  | { readonly ok: true; readonly value: Replay }
  | { readonly ok: false; readonly message: string };

/**
 * A TOML amount as exact decimal text. TOML carries decimal stakes as floats; their shortest
 * round-trip text (String) is the literal that was written, the same rule the server's reader uses.
 */
function amountText(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0)
    return new Money(String(value)).toFixed();
  if (typeof value === 'string' && /^(0|[1-9]\d*)(\.\d+)?$/.test(value)) return new Money(value).toFixed();
  throw new Error(`not an amount: ${String(value)}`);
}

function amounts(value: unknown, count: number, name: string): Money[] {
  if (value === undefined) return Array.from({ length: count }, () => new Money(0));
  if (!Array.isArray(value)) throw new Error(`${name} is not a list`);
  return Array.from({ length: count }, (_, i) => new Money(i < value.length ? amountText(value[i]) : '0'));
}

/** "AhKh" -> ["Ah", "Kh"]; "????" -> [null, null]. */
export function splitCards(text: string): (string | null)[] {
  const cards: (string | null)[] = [];
  for (let i = 0; i + 1 < text.length; i += 2) {
    const card = text.slice(i, i + 2);
    cards.push(card === '??' ? null : card);
  }
  return cards;
}

interface Position {
  name: string;
  seat: number | null;
  stack: Money;
  bet: Money;
  cards: (string | null)[] | null;
  folded: boolean;
  shown: boolean;
  /** Everything this player put in (antes, blinds, bets). */
  committed: Money;
}

function streetOf(boardSize: number): ReplayStreet {
  if (boardSize >= 5) return 'river';
  if (boardSize === 4) return 'turn';
  if (boardSize === 3) return 'flop';
  return 'preflop';
}

export function buildReplay(text: string, shownHands: readonly NamedShownHand[] = []): ReplayResult {
  try {
    return {
      ok: true,
      value: replay(parse(text, { integersAsBigInt: true }) as Record<string, unknown>, shownHands),
    };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function replay(doc: Record<string, unknown>, shownHands: readonly NamedShownHand[]): Replay {
  const handNameOf = (position: number) =>
    shownHands.find((hand) => hand.position === position)?.name ?? null;
  const starting = doc['starting_stacks'];
  if (!Array.isArray(starting) || starting.length < 2) throw new Error('no starting stacks');
  const count = starting.length;
  const names = Array.isArray(doc['players']) ? (doc['players'] as unknown[]).map(String) : [];
  const seats = Array.isArray(doc['seats']) ? (doc['seats'] as unknown[]).map((seat) => Number(seat)) : [];
  const stacks = amounts(starting, count, 'starting_stacks');
  const antes = amounts(doc['antes'], count, 'antes');
  const blinds = amounts(doc['blinds_or_straddles'], count, 'blinds_or_straddles');
  // The server's user field for big blinds posted out of position by players who joined the game.
  const livePosts = amounts(doc['_live_posts'], count, '_live_posts');
  const finishing =
    doc['finishing_stacks'] === undefined
      ? null
      : amounts(doc['finishing_stacks'], count, 'finishing_stacks');
  const actions = Array.isArray(doc['actions']) ? (doc['actions'] as unknown[]).map(String) : [];

  let pot = new Money(0);
  const board: string[] = [];
  const positions: Position[] = stacks.map((stack, i) => ({
    name: names[i] ?? `p${i + 1}`,
    seat: seats[i] ?? null,
    stack,
    bet: new Money(0),
    cards: null,
    folded: false,
    shown: false,
    committed: new Money(0),
  }));
  const posts: string[] = [];
  // Heads-up, PHH gives the first two blinds in reverse: the button (the last position) posts the small one.
  const smallBlindIndex = count === 2 ? 1 : 0;
  const bigBlindIndex = count === 2 ? 0 : 1;
  // Heads-up, PHH assigns the first two antes and blinds in reverse: position 0 (the big blind)
  // posts entry 1, the button entry 0.
  const entry = (i: number) => (count === 2 ? 1 - i : i);
  positions.forEach((position, i) => {
    const ante = Money.min(antes[entry(i)]!, position.stack);
    position.stack = position.stack.minus(ante);
    pot = pot.plus(ante);
    const blind = Money.min(blinds[entry(i)]!.plus(livePosts[i]!), position.stack);
    position.stack = position.stack.minus(blind);
    position.bet = blind;
    position.committed = ante.plus(blind);
    if (ante.greaterThan(0)) posts.push(`${position.name} an ante of ${ante.toFixed()}`);
    if (blind.greaterThan(0)) {
      const which = !livePosts[i]!.isZero()
        ? 'a live big blind'
        : i === smallBlindIndex
          ? 'the small blind'
          : i === bigBlindIndex
            ? 'the big blind'
            : 'a straddle';
      posts.push(`${position.name} ${which} ${blind.toFixed()}`);
    }
  });

  const steps: ReplayStep[] = [];
  let street: ReplayStreet = 'preflop';
  const record = (description: string, actor: number | null) => {
    steps.push({
      description,
      actor,
      street,
      board: [...board],
      pot: pot.toFixed(),
      livePot: positions.reduce((sum, p) => sum.plus(p.committed), new Money(0)).toFixed(),
      pots:
        street === 'finished'
          ? []
          : livePots(
              positions.map((p, i) => ({
                seat: p.seat ?? i + 1,
                totalCommitted: p.committed.toFixed(),
                folded: p.folded,
                allIn: isAllIn(p),
              })),
            ),
      players: positions.map((p, i) => ({
        name: p.name,
        seat: p.seat,
        stack: p.stack.toFixed(),
        bet: p.bet.toFixed(),
        cards: p.cards && [...p.cards],
        folded: p.folded,
        shown: p.shown,
        allIn: isAllIn(p),
        handName: p.shown ? handNameOf(i) : null,
      })),
    });
  };
  const isAllIn = (p: Position) => !p.folded && p.stack.isZero() && p.committed.greaterThan(0);
  const put = (position: Position, chips: Money) => {
    position.stack = position.stack.minus(chips);
    position.bet = position.bet.plus(chips);
    position.committed = position.committed.plus(chips);
  };
  const collectBets = () => {
    for (const position of positions) {
      pot = pot.plus(position.bet);
      position.bet = new Money(0);
    }
  };
  record(posts.length > 0 ? `Blinds and antes posted: ${posts.join(', ')}` : 'Blinds and antes posted', null);

  for (const line of actions) {
    const tokens = line.split('#')[0]!.trim().split(/\s+/);
    if (tokens[0] === 'd' && tokens[1] === 'dh') {
      const index = Number(tokens[2]?.slice(1)) - 1;
      const position = positions[index];
      if (!position) throw new Error(`bad action "${line}"`);
      position.cards = splitCards(tokens[3] ?? '');
      const known = position.cards.every((card) => card !== null);
      record(
        `${position.name} is dealt ${known ? cardsText(position.cards as string[]) : `${position.cards.length} cards`}`,
        null,
      );
      continue;
    }
    if (tokens[0] === 'd' && tokens[1] === 'db') {
      collectBets();
      const cards = splitCards(tokens[2] ?? '').filter((card): card is string => card !== null);
      board.push(...cards);
      street = streetOf(board.length);
      record(`${street[0]!.toUpperCase()}${street.slice(1)}: ${cardsText(cards)}`, null);
      continue;
    }
    const index = Number(tokens[0]?.slice(1)) - 1;
    const position = positions[index];
    if (!position || !tokens[0]?.startsWith('p')) throw new Error(`bad action "${line}"`);
    const highest = positions.reduce((max, p) => Money.max(max, p.bet), new Money(0));
    switch (tokens[1]) {
      case 'f':
        position.folded = true;
        record(`${position.name} folds`, index);
        break;
      case 'cc': {
        const toCall = Money.min(highest.minus(position.bet), position.stack);
        put(position, toCall);
        record(
          toCall.isZero()
            ? `${position.name} checks`
            : `${position.name} calls ${toCall.toFixed()}${position.stack.isZero() ? ' (all-in)' : ''}`,
          index,
        );
        break;
      }
      case 'cbr': {
        const to = new Money(amountText(tokens[2]));
        put(position, to.minus(position.bet));
        const verb = highest.isZero() ? 'bets' : 'raises to';
        record(
          `${position.name} ${verb} ${to.toFixed()}${position.stack.isZero() ? ' (all-in)' : ''}`,
          index,
        );
        break;
      }
      case 'sm': {
        if (street !== 'showdown') {
          collectBets();
          street = 'showdown';
        }
        const cards = tokens[2] && tokens[2] !== '-' ? splitCards(tokens[2]) : null;
        if (cards) {
          position.cards = cards;
          position.shown = true;
          const named = handNameOf(index);
          record(
            `${position.name} shows ${cardsText(cards.filter((card): card is string => card !== null))}${named ? ` (${named})` : ''}`,
            index,
          );
        } else record(`${position.name} mucks`, index);
        break;
      }
      default:
        throw new Error(`unknown action "${line}"`);
    }
  }

  // The server's user field for a board run twice: the second run's own cards (the first run is
  // in the actions, as any board).
  const secondRun = doc['_second_board'];
  if (typeof secondRun === 'string' && secondRun.length > 0) {
    const cards = splitCards(secondRun).filter((card): card is string => card !== null);
    record(`Run twice · second run: ${cardsText(cards)}`, null);
  }

  if (finishing) {
    collectBets();
    street = 'finished';
    const winners: string[] = [];
    positions.forEach((position, i) => {
      const won = finishing[i]!.minus(position.stack);
      const named = position.shown ? handNameOf(i) : null;
      if (won.greaterThan(0))
        winners.push(`${position.name} collects ${won.toFixed()}${named ? ` with ${named}` : ''}`);
      position.stack = finishing[i]!;
    });
    pot = new Money(0);
    record(winners.length > 0 ? winners.join('; ') : 'Hand over', null);
  }
  return { steps };
}
