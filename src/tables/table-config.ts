import type { GameVariant } from '../engine/hand-types.js';
import { formatAmount, formatUnits, fromUnits, Money, toUnitsExact } from '../money/index.js';
import type { TableStakes } from '../protocol/table-view.js';

/** A table's fixed rules, with every amount in whole chip units (what the engine counts in). */
export interface TableConfig {
  readonly tableId: string;
  readonly name: string;
  readonly variant: GameVariant;
  /** The players all-in may agree to run the rest of the board twice. */
  readonly runItTwice: boolean;
  readonly maxSeats: number;
  readonly chipUnit: Money;
  readonly smallBlind: number;
  readonly bigBlind: number;
  readonly ante: number;
  readonly minBuyIn: number;
  readonly maxBuyIn: number;
  readonly rakeBasisPoints: number;
  readonly rakeCap: number;
  /** This table's action clock (ms), or null for the server's (TableSettings.actionTimeoutMs). */
  readonly actionTimeoutMs: number | null;
  /** The time bank a player sits down with here (ms), or null for the server's. */
  readonly timeBankMs: number | null;
  /**
   * Set for a table of that tournament: its chips are tournament chips (not money), its players
   * are seated and moved by the director, its blinds come from the director's level, and its hands
   * are reported to the director (TournamentTablePort) instead of settled in the ledger.
   */
  readonly tournamentId?: string;
}

/** A table row's amounts as Decimals (from the database), before conversion to units. */
export interface TableDefinition {
  readonly tableId: string;
  readonly name: string;
  readonly variant: GameVariant;
  readonly runItTwice: boolean;
  readonly maxSeats: number;
  readonly chipUnit: Money;
  readonly smallBlind: Money;
  readonly bigBlind: Money;
  readonly ante: Money;
  readonly minBuyIn: Money;
  readonly maxBuyIn: Money;
  readonly rakeBasisPoints: number;
  readonly rakeCap: Money;
  readonly actionTimeoutMs?: number | null;
  readonly timeBankMs?: number | null;
}

/** Converts a definition to units; throws if an amount is not a multiple of the chip unit (bad data). */
export function tableConfigOf(definition: TableDefinition): TableConfig {
  const unit = definition.chipUnit;
  return {
    tableId: definition.tableId,
    name: definition.name,
    variant: definition.variant,
    runItTwice: definition.runItTwice,
    maxSeats: definition.maxSeats,
    chipUnit: unit,
    smallBlind: toUnitsExact(definition.smallBlind, unit),
    bigBlind: toUnitsExact(definition.bigBlind, unit),
    ante: toUnitsExact(definition.ante, unit),
    minBuyIn: toUnitsExact(definition.minBuyIn, unit),
    maxBuyIn: toUnitsExact(definition.maxBuyIn, unit),
    rakeBasisPoints: definition.rakeBasisPoints,
    rakeCap: toUnitsExact(definition.rakeCap, unit),
    actionTimeoutMs: definition.actionTimeoutMs ?? null,
    timeBankMs: definition.timeBankMs ?? null,
  };
}

/**
 * A tournament table's fixed rules: one chip is one unit, and there is no buy-in and no rake. Its
 * blinds and ante are the director's level (TableStart.tournament), not these fields, which stay 0.
 */
export function tournamentTableConfig(definition: {
  readonly tableId: string;
  readonly name: string;
  readonly tournamentId: string;
  readonly variant: GameVariant;
  readonly maxSeats: number;
  readonly actionTimeoutMs?: number | null;
  readonly timeBankMs?: number | null;
}): TableConfig {
  return {
    tableId: definition.tableId,
    name: definition.name,
    variant: definition.variant,
    runItTwice: false,
    maxSeats: definition.maxSeats,
    chipUnit: new Money(1),
    smallBlind: 0,
    bigBlind: 0,
    ante: 0,
    minBuyIn: 0,
    maxBuyIn: 0,
    rakeBasisPoints: 0,
    rakeCap: 0,
    actionTimeoutMs: definition.actionTimeoutMs ?? null,
    timeBankMs: definition.timeBankMs ?? null,
    tournamentId: definition.tournamentId,
  };
}

/** Units to a wire amount. */
export function unitsToWire(units: number, config: TableConfig): string {
  return formatUnits(units, config.chipUnit);
}

export function unitsToMoney(units: number, config: TableConfig): Money {
  return fromUnits(units, config.chipUnit);
}

/** The clock of a table: its own where it has one, the server's otherwise. */
export function clockOf(
  config: TableConfig,
  settings: {
    readonly actionTimeoutMs: number;
    readonly timeBankInitialMs: number;
    readonly timeBankMaxMs: number;
  },
): { actionTimeoutMs: number; timeBankInitialMs: number; timeBankMaxMs: number } {
  const timeBankInitialMs = config.timeBankMs ?? settings.timeBankInitialMs;
  return {
    actionTimeoutMs: config.actionTimeoutMs ?? settings.actionTimeoutMs,
    timeBankInitialMs,
    timeBankMaxMs: Math.max(settings.timeBankMaxMs, timeBankInitialMs),
  };
}

export function stakesOf(config: TableConfig): TableStakes {
  return {
    variant: config.variant,
    runItTwice: config.runItTwice,
    smallBlind: unitsToWire(config.smallBlind, config),
    bigBlind: unitsToWire(config.bigBlind, config),
    ante: unitsToWire(config.ante, config),
    chipUnit: formatAmount(config.chipUnit),
    minBuyIn: unitsToWire(config.minBuyIn, config),
    maxBuyIn: unitsToWire(config.maxBuyIn, config),
  };
}
