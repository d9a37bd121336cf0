import type { HandViewWire, LastActionWire, TableView } from '../../../../src/protocol/table-view.js';
import { displayAmount } from '../money/amounts.js';
import { livePots } from './live-pots.js';

/** One line of the dealer log: what the dealer says, or a line of chat. */
export interface LogEntry {
  readonly id: number;
  readonly kind: 'hand' | 'action' | 'street' | 'result' | 'chat' | 'info';
  readonly text: string;
  /** Chat only: who said it (muting hides their lines), and their name as shown. */
  readonly userId?: string;
  readonly username?: string;
}

export type NewLogEntry = Omit<LogEntry, 'id'>;

/** Seat number to the name of who played it in this hand (kept after they leave the table). */
export type SeatNames = (seat: number) => string;

const STREET_LABELS: Record<string, string> = { flop: 'Flop', turn: 'Turn', river: 'River' };
const SUITS: Record<string, string> = { s: '♠', h: '♥', d: '♦', c: '♣' };

/** "As Td" as players read it: "A♠ 10♦". */
export function cardsText(cards: readonly string[]): string {
  return cards
    .map((card) => `${card[0] === 'T' ? '10' : card[0]}${SUITS[card[1] ?? ''] ?? card[1]}`)
    .join(' ');
}

/** "Raise to 160", "Call 40", "Check", "Fold", "Post BB 2", "All-in 300": a seat's last move, short. */
export function lastActionLabel(action: LastActionWire, hand: HandViewWire, seat: number): string {
  const amount = action.amount === null ? '' : ` ${displayAmount(action.amount)}`;
  if (action.allIn && action.kind !== 'fold' && action.kind !== 'check') return `All-in${amount}`;
  switch (action.kind) {
    case 'ante':
      return `Ante${amount}`;
    case 'blind':
      return `${blindName(hand, seat, true)}${amount}`;
    case 'fold':
      return 'Fold';
    case 'check':
      return 'Check';
    case 'call':
      return `Call${amount}`;
    case 'bet':
      return `Bet${amount}`;
    case 'raise':
      return `Raise to${amount}`;
  }
}

function blindName(hand: HandViewWire, seat: number, short: boolean): string {
  if (seat === hand.smallBlindSeat && seat !== hand.bigBlindSeat) return short ? 'SB' : 'the small blind';
  if (seat === hand.bigBlindSeat) return short ? 'BB' : 'the big blind';
  return short ? 'Live BB' : 'a live big blind';
}

/** A move as the dealer says it: "bob raises to 160", "alice calls 40 and is all-in". */
export function describeAction(
  name: string,
  action: LastActionWire,
  hand: HandViewWire,
  seat: number,
): string {
  const amount = action.amount === null ? '' : displayAmount(action.amount);
  const allIn = action.allIn ? ' and is all-in' : '';
  switch (action.kind) {
    case 'ante':
      return `${name} posts an ante of ${amount}${allIn}`;
    case 'blind':
      return `${name} posts ${blindName(hand, seat, false)} ${amount}${allIn}`;
    case 'fold':
      return `${name} folds`;
    case 'check':
      return `${name} checks`;
    case 'call':
      return `${name} calls ${amount}${allIn}`;
    case 'bet':
      return `${name} bets ${amount}${allIn}`;
    case 'raise':
      return `${name} raises to ${amount}${allIn}`;
  }
}

/** The text of each pot's winners: "bob wins 412 with a flush, ace high". */
export function resultLines(hand: HandViewWire, nameOf: SeatNames, ownSeat: number | null): string[] {
  const result = hand.result;
  if (!result) return [];
  const lines: string[] = [];
  const handOf = (seat: number) => result.shown.find((shown) => shown.seat === seat)?.hand?.name ?? null;
  result.pots.forEach((pot, index) => {
    const prefix = result.pots.length > 1 ? `${index === 0 ? 'Main pot' : `Side pot ${index}`}: ` : '';
    const winners = pot.winners.map((winner) => {
      const you = winner.seat === ownSeat;
      const name = you ? 'You' : nameOf(winner.seat);
      const withHand = handOf(winner.seat);
      return `${name} ${you ? 'win' : 'wins'} ${displayAmount(winner.amount)}${withHand ? ` with ${withHand}` : ''}`;
    });
    lines.push(`${prefix}${winners.join(', ')}`);
    // A board run twice: who took each half (the first run takes the odd chip).
    pot.runs?.forEach((run, runIndex) => {
      const takers = run.winners.map((winner) =>
        winner.seat === ownSeat
          ? `you ${displayAmount(winner.amount)}`
          : `${nameOf(winner.seat)} ${displayAmount(winner.amount)}`,
      );
      lines.push(`${prefix}run ${runIndex + 1} of ${displayAmount(run.amount)}: ${takers.join(', ')}`);
    });
  });
  if (result.uncalled) {
    const to = result.uncalled.seat === ownSeat ? 'you' : nameOf(result.uncalled.seat);
    lines.push(`${displayAmount(result.uncalled.amount)} returned to ${to}`);
  }
  return lines;
}

/**
 * What the dealer says about the change from one view of the table to the next: a new hand and
 * its posts, each player's new move (told apart by its index), each new street with the pot, and
 * the result. Views move on one change at a time, so nothing is missed but across a resync.
 */
export function describeChange(
  previous: TableView | null,
  next: TableView,
  nameOf: SeatNames,
): NewLogEntry[] {
  const hand = next.hand;
  if (!hand) return [];
  const before = previous?.hand && previous.hand.number === hand.number ? previous.hand : null;
  const entries: NewLogEntry[] = [];
  if (!before) {
    const button = nameOf(hand.buttonSeat);
    entries.push({ kind: 'hand', text: `Hand #${hand.number} · ${button} has the button` });
  }
  const moves = hand.players
    .map((player, index) => ({ player, before: before?.players[index]?.lastAction ?? null }))
    .filter(({ player, before: old }) => player.lastAction && player.lastAction.index !== old?.index)
    .sort((a, b) => a.player.lastAction!.index - b.player.lastAction!.index);
  const phaseChanged = before !== null && before.phase !== hand.phase;
  // A move of the street that just closed comes before the new street's cards.
  for (const { player } of moves) {
    entries.push({
      kind: 'action',
      text: describeAction(nameOf(player.seat), player.lastAction!, hand, player.seat),
    });
  }
  if ((phaseChanged || !before) && STREET_LABELS[hand.phase]) {
    const pots = livePots(hand.players)
      .map((pot) => `${pot.label.toLowerCase()} ${displayAmount(pot.amount)}`)
      .join(', ');
    entries.push({
      kind: 'street',
      text: `${STREET_LABELS[hand.phase]}: ${cardsText(hand.board)} (${pots || 'pot 0'})`,
    });
  }
  if (hand.result && !before?.result) {
    for (const shown of hand.result.shown) {
      entries.push({
        kind: 'result',
        text: `${nameOf(shown.seat)} shows ${cardsText(shown.cards)}${shown.hand ? ` (${shown.hand.name})` : ''}`,
      });
    }
    for (const line of resultLines(hand, nameOf, null)) entries.push({ kind: 'result', text: line });
    if (hand.result.rake !== '0')
      entries.push({ kind: 'result', text: `Rake ${displayAmount(hand.result.rake)}` });
  }
  return entries;
}
