import type * as Enums from './generated/prisma/enums.js';

/**
 * The database's enum columns as plain string unions, for the layers above (the ledger's SQL reads
 * them as text). Derived from Prisma's generated enums, so a change to the schema reaches them.
 */
export type AccountKind = `${Enums.AccountKind}`;
export type TransferKind = `${Enums.TransferKind}`;
export type TableStatus = `${Enums.TableStatus}`;
export type SeatStatus = `${Enums.SeatStatus}`;
export type HandStatus = `${Enums.HandStatus}`;
export type UserRole = `${Enums.Role}`;
export type UserStatus = `${Enums.UserStatus}`;
export type TournamentKind = `${Enums.TournamentKind}`;
export type TournamentStatus = `${Enums.TournamentStatus}`;
export type TournamentEntryStatus = `${Enums.TournamentEntryStatus}`;
