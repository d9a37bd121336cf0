import type { ErrorBody } from './types.js';

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

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
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
  const error = isErrorBody(body)
    ? new ApiRequestError(response.status, body.error.code, body.error.message)
    : new ApiRequestError(response.status, 'http/error', `the server answered ${response.status}`);
  if (SESSION_LOST.has(error.code) && options.token) onSessionLost();
  throw error;
}

/** A JSON request to the API. Amounts in bodies and answers are decimal strings, never numbers. */
export async function requestJson<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  return (await response.json()) as T;
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
