import type { CreateTournamentBody } from '../../src/protocol/http-tournaments.js';
import type { BlindLevel, TournamentStructure } from '../../src/protocol/tournament-structure.js';
import type { BotOptions, TournamentOptions } from './cli-args.js';

/**
 * The tournament a run creates (--create-tournament): its admin request, and `custom-fast`, a
 * structure whose levels last seconds, so that bots play a whole tournament in minutes.
 */

/** Big blinds of custom-fast: about +25 to +50 % a level, up to one where every stack is all in. */
const FAST_BIG_BLINDS = [
  20, 30, 40, 60, 80, 100, 150, 200, 300, 400, 500, 600, 800, 1_000, 1_500, 2_000, 3_000, 4_000, 5_000, 6_000,
  8_000, 10_000, 15_000, 20_000, 30_000, 40_000, 50_000, 60_000, 80_000, 100_000, 150_000, 200_000, 300_000,
  500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000,
];
const FAST_STARTING_STACK = 1_000;
/** The big-blind ante (equal to the big blind) from this level on. */
const FAST_ANTE_FROM_LEVEL = 6;

export function customFastStructure(levelS: number): TournamentStructure {
  const steps: BlindLevel[] = FAST_BIG_BLINDS.map((bigBlind, index) => ({
    kind: 'level',
    smallBlind: bigBlind / 2,
    bigBlind,
    ante: index + 1 >= FAST_ANTE_FROM_LEVEL ? bigBlind : 0,
    durationMs: levelS * 1_000,
  }));
  return { name: `custom-fast ${levelS}s`, startingStack: FAST_STARTING_STACK, steps };
}

/** The admin's request: maxEntrants = the bots, tables of --players-per-table; an MTT starts after --start-in-s. */
export function createTournamentRequest(
  options: BotOptions,
  tournament: TournamentOptions,
  nowMs: number,
): CreateTournamentBody {
  const kind = tournament.create ?? 'SNG';
  return {
    name: `${options.namePrefix} bots ${kind.toLowerCase()} ${tournament.entrants}`,
    kind,
    variant: options.variant,
    buyIn: tournament.buyIn,
    fee: tournament.fee,
    guarantee: tournament.guarantee,
    structure:
      tournament.structure === 'custom-fast' ? customFastStructure(tournament.levelS) : tournament.structure,
    tableSize: options.playersPerTable,
    maxEntrants: tournament.entrants,
    ...(kind === 'MTT' && {
      minEntrants: 2,
      scheduledStart: new Date(nowMs + tournament.startInS * 1_000).toISOString(),
    }),
  };
}
