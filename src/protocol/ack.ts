import type { ErrorCode, ProtocolError } from './error-codes.js';

/** The acknowledgement of every client event: the result, or a typed error. Never both, never none. */
export type Ack<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly error: ProtocolError };

export type AckCallback<T> = (ack: Ack<T>) => void;

export function ackOk<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function ackError(code: ErrorCode, message: string): Ack<never> {
  return { ok: false, error: { code, message } };
}
