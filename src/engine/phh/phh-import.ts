import type { Money } from '../../money/index.js';
import {
  actionsOf,
  applyAction,
  isAwaitingRunout,
  legalActions,
  runOut,
  startHand,
  viewFor,
} from '../hand.js';
import type { HandEvent, HandSetup, HandState, PlayerAction } from '../hand-types.js';
import type { PhhAction } from './phh-actions.js';
import { chipUnitFor, decimalToUnits, tomlAmountToDecimal } from './phh-amount.js';
import { buildDeck, collectKnownCards } from './phh-deck.js';
import { type PhhResult, phhError } from './phh-errors.js';
import { amountsOf, type PhhHand } from './phh-model.js';
import {
  type DeclaredRunout,
  declaredBlindBeforeAnte,
  declaredChipUnit,
  declaredLivePosts,
  declaredRake,
  declaredRunout,
  LIVE_POSTS_FIELD,
  RAKE_CAP_FIELD,
} from './phh-user-fields.js';

/**
 * PHH -> engine. The history's amounts become whole chip units, its dealt and shown cards become a
 * deck, and its actions are fed to the engine one by one: whether `cbr` is a bet or a raise, and
 * whether `cc` is a check or a call, is the engine's answer (legalActions), not ours. Showing and
 * mucking are not fed: the engine runs the showdown itself; the shown cards only place cards in
 * the deck. The engine's state after the last action comes back too, so a replay needs no second run.
 * A hand that paused for its runout (`_runs`) is played with the pause, and its board is run out
 * (once or twice) where the history deals the next board card.
 */
export interface PhhImport {
  readonly setup: HandSetup;
  readonly actions: readonly PlayerAction[];
  readonly chipUnit: Money;
  /** The hand after the history's last action (complete, unless the history stops early). */
  readonly state: HandState;
  /** Every event the engine emitted, in order. */
  readonly events: readonly HandEvent[];
}

const SPECTATOR = { kind: 'spectator' } as const;

/** The actions a player makes in a betting round: the ones fed to the engine. */
type PhhBettingAction = Extract<PhhAction, { kind: 'fold' | 'check-or-call' | 'bet-or-raise-to' }>;

/** The declared unit, or else the finest unit among the amounts the hand is played from. */
function chipUnitOf(hand: PhhHand, livePosts: readonly string[]): PhhResult<Money> {
  const declared = declaredChipUnit(hand.extras);
  if (!declared.ok) return declared;
  if (declared.value !== null) return { ok: true, value: declared.value };
  const amounts = [...amountsOf(hand), ...livePosts];
  const cap = hand.extras[RAKE_CAP_FIELD];
  if (cap !== undefined) {
    const capAmount = tomlAmountToDecimal(cap);
    if (capAmount.ok) amounts.push(capAmount.value);
  }
  return { ok: true, value: chipUnitFor(amounts) };
}

function unitsOf(amounts: readonly string[], unit: Money, field: string): PhhResult<number[]> {
  const result: number[] = [];
  for (const amount of amounts) {
    const units = decimalToUnits(amount, unit);
    if (!units.ok) return phhError('phh/bad-amount', `${field}: ${units.error.message}`);
    result.push(units.value);
  }
  return { ok: true, value: result };
}

/** The setup a history describes, its chip unit and how its board was run out. */
export function phhSetup(
  hand: PhhHand,
): PhhResult<{ setup: HandSetup; chipUnit: Money; runout: DeclaredRunout | null }> {
  const playerCount = hand.startingStacks.length;
  const declaredPosts = declaredLivePosts(hand.extras, playerCount);
  if (!declaredPosts.ok) return declaredPosts;
  const unit = chipUnitOf(hand, declaredPosts.value ?? []);
  if (!unit.ok) return unit;
  const chipUnit = unit.value;

  const stacks = unitsOf(hand.startingStacks, chipUnit, 'starting_stacks');
  if (!stacks.ok) return stacks;
  const antes = unitsOf(hand.antes, chipUnit, 'antes');
  if (!antes.ok) return antes;
  const blinds = unitsOf(hand.blindsOrStraddles, chipUnit, 'blinds_or_straddles');
  if (!blinds.ok) return blinds;
  const minBet = unitsOf([hand.minBet], chipUnit, 'min_bet');
  if (!minBet.ok) return minBet;
  const livePosts = unitsOf(declaredPosts.value ?? [], chipUnit, LIVE_POSTS_FIELD);
  if (!livePosts.ok) return livePosts;
  const rake = declaredRake(hand.extras, chipUnit);
  if (!rake.ok) return rake;
  const blindBeforeAnte = declaredBlindBeforeAnte(hand.extras);
  if (!blindBeforeAnte.ok) return blindBeforeAnte;

  const runout = declaredRunout(hand.extras);
  if (!runout.ok) return runout;
  const known = collectKnownCards(hand.actions, playerCount, hand.variant, runout.value?.secondBoard);
  if (!known.ok) return known;
  const deck = buildDeck(known.value);
  if (!deck.ok) return deck;

  const seats = hand.seats ?? Array.from({ length: playerCount }, (_, i) => i + 1);
  const setup: HandSetup = {
    ...(hand.variant !== 'NT' && { variant: hand.variant }),
    players: stacks.value.map((stack, i) => ({ seat: seats[i]!, stack })),
    antes: antes.value,
    blindsOrStraddles: blinds.value,
    ...(declaredPosts.value !== null && { livePosts: livePosts.value }),
    ...(blindBeforeAnte.value && { blindBeforeAnte: true }),
    minBet: minBet.value[0]!,
    rake: rake.value,
    deck: deck.value,
    ...(runout.value !== null && { pauseForRunout: true, runItTwice: runout.value.runs === 2 }),
  };
  return { ok: true, value: { setup, chipUnit, runout: runout.value } };
}

/** The engine action for one PHH player action, decided by what the engine allows now. */
function engineAction(
  state: HandState,
  action: PhhBettingAction,
  chipUnit: Money,
  index: number,
): PhhResult<PlayerAction> {
  const legal = legalActions(state);
  switch (action.kind) {
    case 'fold':
      return { ok: true, value: { player: action.player, kind: 'fold' } };
    case 'check-or-call':
      return {
        ok: true,
        value: { player: action.player, kind: legal && !legal.canCheck ? 'call' : 'check' },
      };
    case 'bet-or-raise-to': {
      const to = decimalToUnits(action.amount, chipUnit);
      if (!to.ok) return phhError('phh/bad-amount', `action ${index}: ${to.error.message}`, index);
      // When betting is closed to the player, ask for what the street would need; the engine's
      // refusal then says why.
      const kind = legal?.betOrRaise?.kind ?? (legal?.canCheck === false ? 'raise' : 'bet');
      return { ok: true, value: { player: action.player, kind, to: to.value } };
    }
  }
}

/** Imports a hand history into the engine, or says which action the engine refused, and why. */
export function importPhh(hand: PhhHand): PhhResult<PhhImport> {
  const prepared = phhSetup(hand);
  if (!prepared.ok) return prepared;
  const { setup, chipUnit, runout } = prepared.value;
  const playerCount = setup.players.length;

  const started = startHand(setup);
  if (!started.ok) return phhError(started.error.code, started.error.message);
  let state = started.value.state;
  const events: HandEvent[] = [...started.value.events];
  // The paused runout happens where the history deals its next board card, or at its end.
  const runOutIfPaused = (index: number): PhhResult<void> => {
    if (!isAwaitingRunout(state)) return { ok: true, value: undefined };
    const ran = runOut(state, runout?.runs ?? 1);
    if (!ran.ok) return phhError(ran.error.code, `action ${index}: ${ran.error.message}`, index);
    state = ran.value.state;
    events.push(...ran.value.events);
    return { ok: true, value: undefined };
  };
  // Board cards the history has dealt so far, to check that it and the engine agree on when
  // each betting round ends.
  let boardDealt = 0;

  for (const [index, action] of hand.actions.entries()) {
    if (action.kind === 'deal-hole') continue;
    if (action.kind === 'deal-board') {
      const ran = runOutIfPaused(index);
      if (!ran.ok) return ran;
    }
    const engineBoard = viewFor(state, SPECTATOR).board.length;
    if (action.kind === 'deal-board') {
      boardDealt += action.cards.length;
      if (boardDealt > engineBoard) {
        return phhError(
          'phh/street-mismatch',
          `action ${index}: the history deals board card ${boardDealt} while the engine still waits for ` +
            'actions on the previous street',
          index,
        );
      }
      continue;
    }
    if (action.player >= playerCount) {
      return phhError('phh/unknown-player', `action ${index}: no player p${action.player + 1}`, index);
    }
    if (action.kind === 'show-or-muck') continue;
    if (boardDealt !== engineBoard) {
      return phhError(
        'phh/street-mismatch',
        `action ${index}: the engine has dealt ${engineBoard} board cards, the history ${boardDealt}`,
        index,
      );
    }
    const mapped = engineAction(state, action, chipUnit, index);
    if (!mapped.ok) return mapped;
    const applied = applyAction(state, mapped.value);
    if (!applied.ok) {
      return phhError(applied.error.code, `action ${index}: ${applied.error.message}`, index);
    }
    state = applied.value.state;
    events.push(...applied.value.events);
  }
  const ran = runOutIfPaused(hand.actions.length);
  if (!ran.ok) return ran;
  return { ok: true, value: { setup, actions: actionsOf(state), chipUnit, state, events } };
}
