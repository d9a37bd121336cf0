import type { MoneyString } from './money-string.js';
import type { TableStakes, TableStatusWire } from './table-view.js';

/** One line of the lobby. */
export interface LobbyTable {
  readonly tableId: string;
  readonly name: string;
  readonly stakes: TableStakes;
  readonly maxSeats: number;
  readonly seatsTaken: number;
  readonly seatsFree: number;
  readonly status: TableStatusWire;
  /** Average pot (rake included) over the hands of the last hour; "0" without hands. */
  readonly averagePot: MoneyString;
  /** Hands completed in the last hour. */
  readonly handsPerHour: number;
}

export interface LobbySnapshot {
  readonly tables: readonly LobbyTable[];
}
