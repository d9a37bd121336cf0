/**
 * What a tournament table holds beyond a cash table's state: the blind level, the pause its
 * director asked for, and what the director tells its players about the tournament. Chips here are
 * tournament chips, whole numbers (the table's chip unit is 1): they are not money.
 */

/** A level's blinds and its big-blind ante (posted by the big blind for the whole table). */
export interface TournamentLevel {
  /** The level's number in the structure (1 for the first). */
  readonly level: number;
  readonly smallBlind: number;
  readonly bigBlind: number;
  readonly ante: number;
}

/** Why a tournament table deals no new hand: hand-for-hand play on the bubble, or a break. */
export type TournamentPause = 'hand-for-hand' | 'break';

/** What the director tells a table's viewers; `ranks` is by user id, for the whole tournament. */
export interface TournamentInfo {
  /** When the level (or the break) ends, ms since the epoch; null when not counting down. */
  readonly levelEndsAtMs: number | null;
  readonly playersLeft: number;
  /** In chips, rounded by the director to a whole number. */
  readonly averageStack: number;
  readonly ranks: ReadonlyMap<string, number>;
}

export interface TournamentTableState {
  readonly tournamentId: string;
  /** The level of the hand being played (or of the last one). */
  level: TournamentLevel;
  /** A level set during play: it takes effect when the next hand is dealt, never in the middle of one. */
  nextLevel: TournamentLevel | null;
  /** No hand is dealt while set; the hand being played finishes. */
  pause: TournamentPause | null;
  /** The director's info, with the ranks of the players seated here only (tableInfoOf). */
  info: TournamentInfo | null;
  /** The director was told the table stands idle, and nothing has been dealt or resumed since. */
  idleReported: boolean;
  /**
   * Set when the table deals only when its director says so (dealWhenTold at start): then each
   * hand needs its own dealHand, and `held` is true from a deal until the next dealHand.
   */
  readonly dealsWhenTold: boolean;
  held: boolean;
  /**
   * The players the director told this table to deal (its next hand deals exactly them, if they
   * are here with chips): a player seated after dealHand, moved in while the deal waits for the
   * pause between hands, waits for the next hand as the director expects. Null: everyone seated.
   */
  dealOnly: ReadonlySet<string> | null;
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

/** A level's amounts must be whole chips: blinds above zero, the small blind at most the big blind. */
export function levelProblem(level: TournamentLevel): string | null {
  if (!isCount(level.level, 1)) return 'the level number must be a whole number from 1';
  if (!isCount(level.smallBlind, 1) || !isCount(level.bigBlind, 1) || !isCount(level.ante, 0))
    return 'blinds must be whole numbers of chips above 0, and the ante 0 or more';
  if (level.smallBlind > level.bigBlind) return 'the small blind may not exceed the big blind';
  return null;
}

export function infoProblem(info: TournamentInfo): string | null {
  if (info.levelEndsAtMs !== null && !isCount(info.levelEndsAtMs, 0))
    return 'levelEndsAtMs must be a time in ms or null';
  if (!isCount(info.playersLeft, 0) || !isCount(info.averageStack, 0))
    return 'players left and the average stack must be whole numbers';
  for (const rank of info.ranks.values()) if (!isCount(rank, 1)) return 'ranks are whole numbers from 1';
  return null;
}

/** Keeps, of the director's ranks, those of the players seated here: bounded by the seats. */
export function tableInfoOf(info: TournamentInfo, seatedUserIds: Iterable<string>): TournamentInfo {
  const ranks = new Map<string, number>();
  for (const userId of seatedUserIds) {
    const rank = info.ranks.get(userId);
    if (rank !== undefined) ranks.set(userId, rank);
  }
  return {
    levelEndsAtMs: info.levelEndsAtMs,
    playersLeft: info.playersLeft,
    averageStack: info.averageStack,
    ranks,
  };
}
