import type { FastifyError, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { classifyFailure } from '../ledger/retry.js';
import { parseAmount } from '../money/amount.js';
import { type ErrorBody, isMoneySchema } from '../protocol/http-common.js';
import { isApiError } from './api-error.js';

/**
 * The ONE place where an error becomes an HTTP answer. Every failure, whatever raised it (a domain
 * result, a schema check, the body parser, the rate limiter, a database driver), leaves as
 * `{ error: { code, message } }` with a stable code and the status chosen here. Errors we did not
 * expect (database, bugs) are answered with a bare `internal/error` and logged in full: their text
 * can carry SQL, table names or other users' data, so it never reaches a client.
 */

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  'auth/unauthenticated': 401,
  'auth/invalid-session': 401,
  'auth/session-expired': 401,
  'auth/session-revoked': 401,
  'auth/invalid-credentials': 401,
  'auth/forbidden': 403,
  'auth/username-taken': 409,
  'auth/invalid-username': 400,
  'auth/invalid-password': 400,
  'users/not-found': 404,
  // A retry under an idempotency key that carries a different request (as the IETF
  // Idempotency-Key draft answers it).
  'ledger/idempotency-conflict': 422,
  'ledger/invalid-amount': 400,
  'ledger/invalid-request': 400,
  // Contention or a lost connection: nothing is known to have moved, retry later with the same key.
  'ledger/busy': 503,
  'ledger/unavailable': 503,
  'users/not-a-player': 422,
  'request/not-found': 404,
  'request/bad-request': 400,
  'request/malformed-json': 400,
  'request/body-too-large': 413,
  'request/unsupported-media-type': 415,
  'request/rate-limited': 429,
  'service/unavailable': 503,
  'internal/error': 500,
};

/** Whole namespaces whose codes share a status, for codes not listed one by one above. */
const STATUS_BY_NAMESPACE: Readonly<Record<string, number>> = {
  money: 400,
  validation: 400,
  // Business-rule refusals of the ledger (insufficient funds, table closed, ...): the request was
  // well-formed but conflicts with the current state.
  ledger: 409,
  table: 409,
  tables: 409,
};

/**
 * Domain codes that mean a failure of ours rather than a refusal: the client learns only that the
 * request failed (internal/error); the code and its cause go to the log.
 */
const INTERNAL_CODES: ReadonlySet<string> = new Set(['ledger/failed', 'ledger/constraint-violation']);

const NOT_FOUND_CODES = /\/(unknown-|not-found|no-such-)/;

export function statusForCode(code: string): number {
  const exact = STATUS_BY_CODE[code];
  if (exact !== undefined) return exact;
  if (NOT_FOUND_CODES.test(code)) return 404;
  const namespace = code.split('/')[0] ?? '';
  return STATUS_BY_NAMESPACE[namespace] ?? 500;
}

export interface MappedError {
  readonly status: number;
  readonly body: ErrorBody;
  /** Unexpected failures are logged with their full detail; expected ones are not errors of ours. */
  readonly unexpected: boolean;
}

function answer(code: string, message: string, unexpected = false): MappedError {
  return { status: statusForCode(code), body: { error: { code, message } }, unexpected };
}

const INTERNAL = () => answer('internal/error', 'internal error', true);

/** Follows a validation issue's path through a zod schema, to learn which field failed. */
function schemaAt(schema: unknown, path: readonly string[]): unknown {
  let current = schema;
  for (const key of path) {
    current = unwrapSchema(current);
    if (current instanceof z.ZodObject) current = current.shape[key];
    else if (current instanceof z.ZodArray) current = current.element;
    else return undefined;
  }
  return unwrapSchema(current);
}

function unwrapSchema(schema: unknown): unknown {
  let current = schema;
  // Optional, nullable, default, readonly and catch wrappers keep the wrapped schema here.
  while (current instanceof z.ZodType && !isMoneySchema(current)) {
    const inner = (current._zod.def as { innerType?: unknown }).innerType;
    if (inner === undefined) break;
    current = inner;
  }
  return current;
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

function mapValidationError(
  issues: readonly { instancePath: string; message?: string }[],
  part: RequestPart,
  request: FastifyRequest,
): MappedError {
  const first = issues[0];
  const path = (first?.instancePath ?? '').split('/').filter((segment) => segment !== '');
  const where = [part === 'querystring' ? 'query' : part, ...path].join('.');
  const schema = (request.routeOptions.schema as Record<string, unknown> | undefined)?.[part];
  if (isMoneySchema(schemaAt(schema, path))) {
    const raw = valueAt(part === 'querystring' ? request.query : request[part], path);
    const money = parseAmount(raw);
    if (!money.ok) return answer(money.error.code, `${where}: ${money.error.message}`);
  }
  return answer('validation/invalid-request', `${where}: ${first?.message ?? 'invalid value'}`);
}

/** Fastify's own request errors (body parser, content type, URL) that are the client's fault. */
const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request/body-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request/unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request/bad-request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request/malformed-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request/malformed-json',
  FST_ERR_BAD_URL: 'request/bad-request',
  FST_ERR_ASYNC_CONSTRAINT: 'request/bad-request',
};

const FASTIFY_MESSAGES: Readonly<Record<string, string>> = {
  'request/body-too-large': 'the request body is too large',
  'request/unsupported-media-type': 'send the body as application/json',
  'request/malformed-json': 'the request body is not valid JSON',
  'request/bad-request': 'bad request',
};

export function mapError(error: unknown, request: FastifyRequest): MappedError {
  if (isApiError(error)) {
    if (INTERNAL_CODES.has(error.code)) return INTERNAL();
    // A domain code with no status of its own is a gap in this table: say so loudly in the log.
    return { ...answer(error.code, error.message), unexpected: statusForCode(error.code) === 500 };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = ((error as { validationContext?: string }).validationContext ?? 'body') as RequestPart;
    return mapValidationError(error.validation, part, request);
  }
  if (typeof error !== 'object' || error === null) return INTERNAL();
  if (error instanceof ResponseSerializationError) return INTERNAL();
  const fastifyError = error as Partial<FastifyError>;
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (known) return answer(known, FASTIFY_MESSAGES[known] ?? 'bad request');
  // The JSON body parser reports a syntax error as a plain SyntaxError with status 400.
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return answer('request/malformed-json', FASTIFY_MESSAGES['request/malformed-json'] ?? 'malformed JSON');
  }
  // A database that is unreachable or overloaded, met outside the ledger (a session lookup, a
  // listing): the client may retry later; still nothing of the driver's text is passed on.
  const failure = classifyFailure(error);
  if (failure === 'unavailable' || failure === 'busy') {
    return {
      ...answer('service/unavailable', 'the service is temporarily unavailable; try again'),
      unexpected: true,
    };
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Some other client error raised by Fastify or a plugin: keep its status, not its wording.
    return {
      status,
      body: { error: { code: 'request/bad-request', message: 'bad request' } },
      unexpected: false,
    };
  }
  return INTERNAL();
}
