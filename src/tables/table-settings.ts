/**
 * Timing and limits shared by every table of a process. realtimeSettingsOf (src/realtime) fills them
 * from src/config.ts, where their defaults live; tests change the values they need. Times are milliseconds.
 */
export interface TableSettings {
  /** Commands waiting in one table's mailbox before new ones are refused (table/mailbox-full). */
  readonly mailboxCapacity: number;
  /** How long a seat stays reserved while its buy-in runs. */
  readonly reservationMs: number;
  /** Regular time to act. */
  readonly actionTimeoutMs: number;
  /** Time bank a player starts with; used once the regular time runs out. */
  readonly timeBankInitialMs: number;
  /** Time bank added after each hand the player was dealt into, up to the maximum. */
  readonly timeBankPerHandMs: number;
  readonly timeBankMaxMs: number;
  /** Consecutive timed-out turns after which a player is sat out. */
  readonly missedTurnsBeforeSitOut: number;
  /** Pause between the settlement of a hand and the start of the next. */
  readonly handPauseMs: number;
  /** Wait before a new game's first hand, once two players could play, so others can sit down too. */
  readonly gameStartDelayMs: number;
  /** How long a disconnected player plays on (the clock keeps running) before being sat out. */
  readonly disconnectGraceMs: number;
  /** How long a player sat out at the end of the grace keeps the seat, before being cashed out. */
  readonly awaySeatKeepMs: number;
  /**
   * At shutdown, how long a hand in progress may take to finish before it is voided. Keep it under
   * the process's own shutdown timeout (SHUTDOWN_TIMEOUT_MS).
   */
  readonly shutdownHandWaitMs: number;
  /**
   * When betting is over with cards to come: how long the hands stay face up, with the equity,
   * before the board runs out (0: at once).
   */
  readonly runoutPauseMs: number;
  /** At a table that allows running it twice: how long the players all-in have to agree. */
  readonly runItTwiceDecisionMs: number;
}
