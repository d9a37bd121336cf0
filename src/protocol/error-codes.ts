/**
 * The error codes a client can receive: the server's one list (src/errors/error-codes.ts), so that
 * a client author finds them where the rest of the protocol is.
 */
import type { ErrorCode } from '../errors/error-codes.js';

export { ERROR_CODES, type ErrorCode, isErrorCode } from '../errors/error-codes.js';

/** An error as it travels to a client: a code and a message, never a cause. */
export interface ProtocolError {
  readonly code: ErrorCode;
  readonly message: string;
}
