import { fail, type Result } from '../errors/result.js';
import { DECK_SIZE } from './cards.js';
import type { HandConfig } from './hand-state.js';
import type { HandPlayerSetup, HandSetup, RuleViolation } from './hand-types.js';
import { GAME_VARIANTS, HOLE_CARDS } from './hand-types.js';

export const MIN_PLAYERS = 2;
export const MAX_PLAYERS = 10;
const BASIS_POINTS_WHOLE = 10_000;
const HALF_DECK = DECK_SIZE / 2;
const BOARD_CARDS = 5;

export type SetupCheck = Result<HandConfig, RuleViolation>;

function invalid(message: string): SetupCheck {
  return fail('engine/invalid-setup', message);
}

function isNonNegativeUnits(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Checks a per-position amount list (antes or blinds): at most one entry per player, each >= 0. */
function checkAmounts(name: string, amounts: unknown, playerCount: number): string | null {
  if (!Array.isArray(amounts)) return `${name} must be an array`;
  if (amounts.length > playerCount) return `${name} has ${amounts.length} entries for ${playerCount} players`;
  for (const amount of amounts) {
    if (!isNonNegativeUnits(amount)) return `${name} must be whole chip units >= 0`;
  }
  return null;
}

/**
 * Per-position amounts, padded with zeros. Heads-up, PHH assigns the first two entries in reverse:
 * position 1 (the button) posts entry 0 and position 0 (the big blind) posts entry 1.
 */
function byPosition(amounts: readonly number[], playerCount: number): number[] {
  const result = new Array<number>(playerCount).fill(0);
  for (let i = 0; i < amounts.length; i++) result[i] = amounts[i]!;
  if (playerCount === 2) {
    const first = result[0]!;
    result[0] = result[1]!;
    result[1] = first;
  }
  return result;
}

/**
 * Validates a setup at the boundary (it may come from a PHH file or a table's settings) and derives
 * what the engine needs. Every field is checked at run time, not only by the type system.
 */
export function checkSetup(setup: HandSetup): SetupCheck {
  if (typeof setup !== 'object' || setup === null) return invalid('setup must be an object');
  const { players, deck, rake } = setup;
  if (!Array.isArray(players)) return invalid('players must be an array');
  const playerCount = players.length;
  if (playerCount < MIN_PLAYERS || playerCount > MAX_PLAYERS) {
    return invalid(`a hand needs ${MIN_PLAYERS}..${MAX_PLAYERS} players, not ${playerCount}`);
  }
  const variant = setup.variant ?? 'NT';
  if (!GAME_VARIANTS.includes(variant)) return invalid(`unknown game ${String(variant)}`);
  if (setup.pauseForRunout !== undefined && typeof setup.pauseForRunout !== 'boolean')
    return invalid('pauseForRunout must be a boolean');
  if (setup.runItTwice !== undefined && typeof setup.runItTwice !== 'boolean')
    return invalid('runItTwice must be a boolean');
  if (setup.blindBeforeAnte !== undefined && typeof setup.blindBeforeAnte !== 'boolean')
    return invalid('blindBeforeAnte must be a boolean');
  // The hole cards, and two whole boards should the players run it twice, come from one deck.
  const holeCardCount = HOLE_CARDS[variant];
  if (holeCardCount * playerCount + 2 * BOARD_CARDS > DECK_SIZE)
    return invalid(`one deck cannot deal ${variant} to ${playerCount} players`);
  // Seat numbers below 31 are checked with a bit mask; a Set only for unusual numbering.
  let seatMask = 0;
  let largeSeats: Set<number> | null = null;
  let chipsTotal = 0;
  for (let i = 0; i < playerCount; i++) {
    const player = players[i];
    if (typeof player !== 'object' || player === null) return invalid('each player must be an object');
    const seat = player.seat;
    if (!isNonNegativeUnits(seat)) return invalid('seat numbers must be integers >= 0');
    if (seat < 31) {
      if ((seatMask & (1 << seat)) !== 0) return invalid(`seat ${seat} appears twice`);
      seatMask |= 1 << seat;
    } else {
      largeSeats ??= new Set<number>();
      if (largeSeats.has(seat)) return invalid(`seat ${seat} appears twice`);
      largeSeats.add(seat);
    }
    if (!isNonNegativeUnits(player.stack) || player.stack === 0) {
      return invalid('every stack must be a whole number of chip units > 0');
    }
    chipsTotal += player.stack;
  }
  if (!Number.isSafeInteger(chipsTotal)) return invalid('the stacks add up to more than a safe integer');

  const antesProblem = checkAmounts('antes', setup.antes, playerCount);
  if (antesProblem !== null) return invalid(antesProblem);
  const blindsProblem = checkAmounts('blindsOrStraddles', setup.blindsOrStraddles, playerCount);
  if (blindsProblem !== null) return invalid(blindsProblem);
  const livePostsProblem =
    setup.livePosts === undefined ? null : checkAmounts('livePosts', setup.livePosts, playerCount);
  if (livePostsProblem !== null) return invalid(livePostsProblem);
  if (!isNonNegativeUnits(setup.minBet) || setup.minBet === 0) {
    return invalid('minBet must be a whole number of chip units > 0');
  }

  if (typeof rake !== 'object' || rake === null) return invalid('rake must be an object');
  if (!isNonNegativeUnits(rake.basisPoints) || rake.basisPoints > BASIS_POINTS_WHOLE) {
    return invalid('rake basis points must be an integer in 0..10000');
  }
  if (!isNonNegativeUnits(rake.capUnits)) return invalid('rake cap must be whole chip units >= 0');
  if (typeof rake.noFlopNoDrop !== 'boolean') return invalid('rake noFlopNoDrop must be a boolean');

  if (!Array.isArray(deck) || deck.length !== DECK_SIZE)
    return invalid(`the deck must hold ${DECK_SIZE} cards`);
  // Two 26-bit masks: much cheaper than a Set on a path that runs once per hand.
  let seenLow = 0;
  let seenHigh = 0;
  for (let i = 0; i < DECK_SIZE; i++) {
    const card = deck[i];
    if (typeof card !== 'number' || card >>> 0 !== card || card >= DECK_SIZE) {
      return invalid('deck cards must be integers 0..51');
    }
    if (card < HALF_DECK) {
      if ((seenLow & (1 << card)) !== 0) return invalid('the deck holds a card twice');
      seenLow |= 1 << card;
    } else {
      if ((seenHigh & (1 << (card - HALF_DECK))) !== 0) return invalid('the deck holds a card twice');
      seenHigh |= 1 << (card - HALF_DECK);
    }
  }

  const antes = byPosition(setup.antes, playerCount);
  const blindBeforeAnte = setup.blindBeforeAnte === true;
  if (blindBeforeAnte && antes.filter((ante) => ante > 0).length > 1)
    return invalid('the blind comes before the ante only with a big-blind ante (one position antes)');
  const blinds = byPosition(setup.blindsOrStraddles, playerCount);
  // The player after the largest blind or straddle opens the preflop betting; the later poster wins
  // a tie. With no blinds at all, the first player after the button opens.
  let largest = playerCount - 1;
  let largestBlind = 0;
  for (let position = 0; position < playerCount; position++) {
    const blind = blinds[position]!;
    if (blind > 0 && blind >= largestBlind) {
      largestBlind = blind;
      largest = position;
    }
  }

  const livePosts = new Array<number>(playerCount).fill(0);
  for (let position = 0; position < (setup.livePosts?.length ?? 0); position++) {
    const post = setup.livePosts![position]!;
    if (post === 0) continue;
    if (blinds[position]! > 0) return invalid(`position ${position} posts a blind and a live blind`);
    if (post > largestBlind)
      return invalid('a live blind may not exceed the largest blind: that is a straddle');
    livePosts[position] = post;
  }

  // Private copies (plain loops: this runs once per hand and should stay cheap).
  const playersCopy: HandPlayerSetup[] = new Array(playerCount);
  const startingStacks: number[] = new Array(playerCount);
  const postedAntes: number[] = new Array(playerCount);
  for (let i = 0; i < playerCount; i++) {
    const stack = players[i]!.stack;
    playersCopy[i] = { seat: players[i]!.seat, stack };
    startingStacks[i] = stack;
    // Blind first: the ante takes what the blind (or live blind) leaves of the stack.
    const before = blindBeforeAnte ? Math.min(blinds[i]! + livePosts[i]!, stack) : 0;
    postedAntes[i] = Math.min(antes[i]!, stack - before);
  }
  const deckCopy = deck.slice();
  const rakeCopy = {
    basisPoints: rake.basisPoints,
    capUnits: rake.capUnits,
    noFlopNoDrop: rake.noFlopNoDrop,
  };
  // Every key always present (undefined where the caller left one out), never spread in: one object
  // shape for every hand. A conditional spread builds the object on a slow path, and made whole
  // hands twice as slow when the optional keys were set.
  const copy: HandSetup = {
    variant: setup.variant,
    pauseForRunout: setup.pauseForRunout,
    runItTwice: setup.runItTwice,
    blindBeforeAnte: setup.blindBeforeAnte,
    players: playersCopy,
    antes: setup.antes.slice(),
    blindsOrStraddles: setup.blindsOrStraddles.slice(),
    livePosts: setup.livePosts?.slice(),
    minBet: setup.minBet,
    rake: rakeCopy,
    deck: deckCopy,
  };
  return {
    ok: true,
    value: {
      setup: copy,
      variant,
      holeCardCount,
      boardStart: holeCardCount * playerCount,
      playerCount,
      deck: deckCopy,
      startingStacks,
      antes,
      postedAntes,
      blindBeforeAnte,
      blinds,
      livePosts,
      minBet: setup.minBet,
      rake: rakeCopy,
      firstPreflopActor: (largest + 1) % playerCount,
      preflopRaiseIncrement: Math.max(setup.minBet, largestBlind),
    },
  };
}
