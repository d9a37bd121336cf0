/**
 * Timing and limits shared by every table of a process. main.ts fills them from src/config.ts;
 * tests pass small values. Times are milliseconds.
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
  /** How long a disconnected player keeps the seat before leaving it (the clock keeps running). */
  readonly disconnectGraceMs: number;
  /**
   * At shutdown, how long a hand in progress may take to finish before it is voided. Keep it under
   * the process's own shutdown timeout (SHUTDOWN_TIMEOUT_MS).
   */
  readonly shutdownHandWaitMs: number;
}

export const DEFAULT_TABLE_SETTINGS: TableSettings = {
  mailboxCapacity: 256,
  reservationMs: 15_000,
  actionTimeoutMs: 15_000,
  timeBankInitialMs: 30_000,
  timeBankPerHandMs: 2_000,
  timeBankMaxMs: 60_000,
  missedTurnsBeforeSitOut: 2,
  handPauseMs: 2_500,
  disconnectGraceMs: 60_000,
  shutdownHandWaitMs: 8_000,
};
