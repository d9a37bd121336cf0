import type { z } from 'zod';
import { ErrorBody } from '../../../../src/protocol/http-common.js';

/** A refused or failed request: the server's stable code and message, or a network failure. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** Codes after which the session is gone and the user must log in again. */
const SESSION_LOST = new Set([
  'auth/unauthenticated',
  'auth/invalid-session',
  'auth/session-expired',
  'auth/session-revoked',
  'auth/account-disabled',
]);

export function isSessionLost(error: unknown): boolean {
  return error instanceof ApiRequestError && SESSION_LOST.has(error.code);
}

export interface RequestOptions {
  readonly token?: string | null;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

let onSessionLost: () => void = () => {};

/** Called (once per failed request) when the server says the session is no longer valid. */
export function whenSessionLost(handler: () => void): void {
  onSessionLost = handler;
}

/** The error a refusal carries: the server's code and message, or only the status when there is none. */
export function errorOf(status: number, body: unknown): ApiRequestError {
  const parsed = ErrorBody.safeParse(body);
  return parsed.success
    ? new ApiRequestError(status, parsed.data.error.code, parsed.data.error.message)
    : new ApiRequestError(status, 'http/error', `the server answered ${status}`);
}

/**
 * A successful answer, checked against the API's schema before anything reads it: a proxy's page
 * or a server of another version fails here, with a typed error, instead of deep inside a page.
 */
export function answerOf<Schema extends z.ZodType>(
  schema: Schema,
  status: number,
  body: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new ApiRequestError(
    status,
    'http/unexpected-answer',
    'the server sent an answer this client does not understand',
  );
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      ...(options.signal && { signal: options.signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiRequestError(
      0,
      'network/unreachable',
      'the server cannot be reached; check your connection',
    );
  }
  if (response.ok) return response;
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page): keep the status only.
  }
  const error = errorOf(response.status, body);
  if (SESSION_LOST.has(error.code) && options.token) onSessionLost();
  throw error;
}

/**
 * A JSON request to the API, its answer checked against `schema` (src/protocol). Amounts in bodies
 * and answers are decimal strings, never numbers.
 */
export async function requestJson<Schema extends z.ZodType>(
  schema: Schema,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<z.output<Schema>> {
  const response = await send(method, path, options);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined; // Not JSON: answerOf refuses it.
  }
  return answerOf(schema, response.status, body);
}

/** A request whose answer is text (a PHH download). */
export async function requestText(path: string, options: RequestOptions = {}): Promise<string> {
  const response = await send('GET', path, options);
  return response.text();
}

/** A fresh idempotency key: 128 random bits, hex (works outside secure contexts, unlike randomUUID). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
