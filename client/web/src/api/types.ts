/**
 * Shapes of the HTTP API's requests and answers, inferred from the zod schemas of src/protocol
 * (http-*.ts): the very schemas the server validates requests and serializes answers with, and
 * generates its OpenAPI document from (/api/openapi.json). They cannot drift from the server.
 * The client checks every JSON answer against those schemas too (src/api/endpoints.ts).
 */

export type { LoginResponse, MeResponse, UserOut as User } from '../../../../src/protocol/http-auth.js';
export type {
  CashierMovementResponse as CashierMovement,
  PlayerSummary,
} from '../../../../src/protocol/http-cashier.js';
export type { HandListResponse, HandResponse, HandSummary } from '../../../../src/protocol/http-hands.js';
export type {
  CreateTableBody as CreateTableRequest,
  TableOut as TableRecord,
} from '../../../../src/protocol/http-tables.js';
export type {
  LedgerEntry,
  LedgerPage,
  TransferKind,
  WalletResponse,
} from '../../../../src/protocol/http-wallet.js';
