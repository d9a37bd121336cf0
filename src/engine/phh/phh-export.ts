import type { TomlValue } from 'smol-toml';
import type { Money } from '../../money/index.js';
import type { Card } from '../cards.js';
import { handResult, handSetupOf } from '../hand.js';
import type { HandEvent, HandState } from '../hand-types.js';
import { formatPhhCards, type PhhAction } from './phh-actions.js';
import { chipUnitFor, unitsToDecimal } from './phh-amount.js';
import { amountsOf, type PhhHand } from './phh-model.js';
import { serializePhh } from './phh-serialize.js';
import {
  BLIND_BEFORE_ANTE_FIELD,
  CHIP_UNIT_FIELD,
  LIVE_POSTS_FIELD,
  RAKE_BASIS_POINTS_FIELD,
  RAKE_CAP_FIELD,
  RAKE_NO_FLOP_NO_DROP_FIELD,
  RUNS_FIELD,
  SECOND_BOARD_FIELD,
} from './phh-user-fields.js';

/**
 * Engine -> PHH. The engine's own events, as it returned them while the hand was played, become
 * the history's lines in the order they happened: hole cards, board cards where each street was
 * dealt, the players' actions, and the cards shown at showdown. So what is written is what the
 * engine did, and importing it back reproduces the hand. A second run of the board is not a PHH
 * action: it goes to the `_second_board` user field (see phh-user-fields).
 */
export interface PhhExportOptions {
  readonly chipUnit: Money;
  readonly players?: readonly string[];
  readonly hand?: number | string;
  readonly currency?: string;
  /** More fields to write (PHH optional fields such as `event`, or user fields starting with `_`). */
  readonly extras?: Readonly<Record<string, TomlValue>>;
}

function phhActionOf(event: HandEvent, amount: (units: number) => string): PhhAction | null {
  switch (event.type) {
    case 'HoleCardsDealt':
      return { kind: 'deal-hole', player: event.player, cards: event.cards };
    case 'BoardDealt':
      return event.run === 2 ? null : { kind: 'deal-board', cards: event.cards };
    case 'PlayerFolded':
      return { kind: 'fold', player: event.player };
    case 'PlayerChecked':
    case 'PlayerCalled':
      return { kind: 'check-or-call', player: event.player };
    case 'PlayerBet':
    case 'PlayerRaised':
      return { kind: 'bet-or-raise-to', player: event.player, amount: amount(event.to) };
    case 'CardsShown':
      return { kind: 'show-or-muck', player: event.player, cards: event.cards };
    case 'CardsMucked':
      return { kind: 'show-or-muck', player: event.player, cards: null };
    default:
      return null;
  }
}

/**
 * The hand history of a hand (finished or not) as a PHH model: `events` are every event the engine
 * returned for it, from startHand on, in order.
 */
export function handToPhh(
  state: HandState,
  events: readonly HandEvent[],
  options: PhhExportOptions,
): PhhHand {
  const setup = handSetupOf(state);
  const unit = options.chipUnit;
  const amount = (units: number) => unitsToDecimal(units, unit);
  const actions: PhhAction[] = [];
  for (const event of events) {
    const action = phhActionOf(event, amount);
    if (action !== null) actions.push(action);
  }
  const result = handResult(state);
  const extras: Record<string, TomlValue> = { ...options.extras };
  if (events.some((event) => event.type === 'RunoutPending')) {
    const secondBoard: Card[] = [];
    for (const event of events)
      if (event.type === 'BoardDealt' && event.run === 2) secondBoard.push(...event.cards);
    extras[RUNS_FIELD] = secondBoard.length > 0 ? 2 : 1;
    if (secondBoard.length > 0) extras[SECOND_BOARD_FIELD] = formatPhhCards(secondBoard);
  }
  if (setup.rake.basisPoints > 0) {
    extras[RAKE_BASIS_POINTS_FIELD] = setup.rake.basisPoints;
    // A decimal string, exact whatever the unit (our reader accepts amounts as strings).
    extras[RAKE_CAP_FIELD] = amount(setup.rake.capUnits);
    extras[RAKE_NO_FLOP_NO_DROP_FIELD] = setup.rake.noFlopNoDrop;
  }
  const livePosts = setup.livePosts ?? [];
  if (livePosts.some((post) => post > 0)) {
    extras[LIVE_POSTS_FIELD] = setup.players.map((_, i) => amount(livePosts[i] ?? 0));
  }
  if (setup.blindBeforeAnte === true) extras[BLIND_BEFORE_ANTE_FIELD] = true;
  const hand: PhhHand = {
    variant: setup.variant ?? 'NT',
    antes: setup.players.map((_, i) => amount(setup.antes[i] ?? 0)),
    blindsOrStraddles: setup.players.map((_, i) => amount(setup.blindsOrStraddles[i] ?? 0)),
    minBet: amount(setup.minBet),
    startingStacks: setup.players.map((player) => amount(player.stack)),
    actions,
    ...(result && { finishingStacks: result.finalStacks.map(amount) }),
    ...(options.players && { players: options.players }),
    ...(options.hand !== undefined && { hand: options.hand }),
    seats: setup.players.map((player) => player.seat),
    ...(options.currency !== undefined && { currency: options.currency }),
    extras,
  };
  // The reader takes the unit from the amounts; declare it when they do not show it all.
  if (!chipUnitFor(amountsOf(hand)).equals(unit)) extras[CHIP_UNIT_FIELD] = unit.toFixed();
  return hand;
}

/** The hand history of a hand as .phh TOML text. */
export function exportPhh(state: HandState, events: readonly HandEvent[], options: PhhExportOptions): string {
  return serializePhh(handToPhh(state, events, options));
}
