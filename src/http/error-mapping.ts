import type { FastifyError, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { classifyFailure } from '../db/retry.js';
import type { ErrorCode } from '../errors/error-codes.js';
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

/**
 * The HTTP status of every code of the one list (src/errors/error-codes.ts). A Record over the
 * whole ErrorCode union: a code added to the list without a status here does not compile.
 */
const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  // A malformed amount is a malformed request.
  'money/not-a-string': 400,
  'money/malformed': 400,
  'money/negative': 400,
  'money/zero': 400,
  'money/too-many-decimals': 400,
  'money/too-large': 400,
  'money/not-a-multiple-of-unit': 400,
  // The engine's violations: the request conflicts with the state of the hand.
  'engine/invalid-setup': 400,
  'engine/hand-complete': 409,
  'engine/not-your-turn': 409,
  'engine/unknown-player': 409,
  'engine/unknown-action': 400,
  'engine/amount-required': 400,
  'engine/amount-not-integer': 400,
  'engine/amount-too-small': 409,
  'engine/amount-too-large': 409,
  'engine/cannot-check': 409,
  'engine/cannot-fold': 409,
  'engine/nothing-to-call': 409,
  'engine/bet-not-allowed': 409,
  'engine/raise-not-allowed': 409,
  'engine/no-runout-pending': 409,
  'engine/invalid-runs': 409,
  'engine/raise-uncallable': 409,
  // A hand history that cannot be read is a bad document.
  'phh/toml-syntax': 400,
  'phh/invalid-field': 400,
  'phh/unsupported-variant': 400,
  'phh/bad-amount': 400,
  'phh/bad-action': 400,
  'phh/unsupported-action': 400,
  'phh/unknown-player': 400,
  'phh/bad-cards': 400,
  'phh/duplicate-card': 400,
  'phh/card-conflict': 400,
  'phh/street-mismatch': 400,
  'phh/incomplete-hand': 400,
  // The tables: well-formed requests that conflict with the table's state.
  'table/not-found': 404,
  'table/mailbox-full': 409,
  'table/halted': 409,
  'table/closing': 409,
  'table/invalid-seat': 409,
  'table/seat-taken': 409,
  'table/already-seated': 409,
  'table/not-seated': 409,
  'table/not-in-hand': 409,
  'table/no-hand-in-progress': 409,
  'table/not-your-turn': 409,
  'table/stale-action': 409,
  'table/wrong-deal': 409,
  'table/no-runout': 409,
  'table/no-run-it-twice': 409,
  'table/already-decided': 409,
  'table/illegal-action': 409,
  'table/invalid-amount': 409,
  'table/buy-in-out-of-range': 409,
  'table/top-up-out-of-range': 409,
  'table/top-up-in-progress': 409,
  'table/reservation-expired': 409,
  'chat/not-watching': 409,
  'chat/too-long': 400,
  'chat/rate-limited': 429,
  'table/no-chips': 409,
  'table/already-sitting-out': 409,
  'table/not-sitting-out': 409,
  'table/already-leaving': 409,
  'table/not-waiting-for-big-blind': 409,
  'table/tournament-seating': 409,
  'table/not-a-tournament': 409,
  'table/player-in-hand': 409,
  'table/invalid-tournament-value': 400,
  'table/not-empty': 409,
  // Business-rule refusals of the ledger (insufficient funds, table closed, ...) conflict with the
  // current state; a retry under an idempotency key that carries a different request is 422 (as
  // the IETF Idempotency-Key draft answers it); contention or a lost connection is 503 (nothing is
  // known to have moved: retry later with the same key).
  'ledger/insufficient-funds': 409,
  'ledger/idempotency-conflict': 422,
  'ledger/unknown-account': 404,
  'ledger/unknown-table': 404,
  'ledger/unknown-seat': 404,
  'ledger/seat-taken': 409,
  'ledger/already-seated': 409,
  'ledger/not-seated': 409,
  'ledger/stale-epoch': 409,
  'ledger/stale-hand': 409,
  'ledger/settlement-mismatch': 409,
  'ledger/table-closed': 409,
  'ledger/table-not-empty': 409,
  'ledger/buy-in-out-of-range': 409,
  'ledger/invalid-amount': 400,
  'ledger/invalid-request': 400,
  'ledger/unknown-tournament': 404,
  'ledger/unknown-entry': 404,
  'ledger/tournament-registration-closed': 409,
  'ledger/tournament-registration-open': 409,
  'ledger/tournament-full': 409,
  'ledger/tournament-entry-limit': 409,
  'ledger/tournament-already-registered': 409,
  'ledger/tournament-not-registered': 409,
  'ledger/tournament-wrong-status': 409,
  'ledger/tournament-too-few-entrants': 409,
  'ledger/tournament-pool-short': 409,
  'ledger/tournament-pool-not-empty': 409,
  'ledger/tournament-entries-in-play': 409,
  'ledger/tournament-prize-conflict': 409,
  'ledger/tournament-state-conflict': 409,
  'ledger/busy': 503,
  'ledger/unavailable': 503,
  // Failures of ours: the client only learns internal/error (see INTERNAL_CODES).
  'ledger/constraint-violation': 500,
  'ledger/failed': 500,
  'auth/unauthenticated': 401,
  'auth/invalid-session': 401,
  'auth/session-expired': 401,
  'auth/session-revoked': 401,
  'auth/invalid-credentials': 401,
  'auth/forbidden': 403,
  'auth/account-disabled': 403,
  'auth/username-taken': 409,
  'auth/invalid-username': 400,
  'auth/invalid-password': 400,
  'users/not-found': 404,
  'users/not-a-player': 422,
  'users/bootstrap-failed': 500,
  'hands/not-found': 404,
  'hands/voided': 409,
  // Socket codes; listed for completeness (a socket gets them in an ack, not over HTTP).
  'realtime/unauthenticated': 401,
  'realtime/forbidden': 403,
  'realtime/invalid-payload': 400,
  'realtime/payload-too-large': 413,
  'realtime/unknown-event': 404,
  'realtime/rate-limited': 429,
  'realtime/missing-ack': 400,
  'realtime/too-many-connections': 429,
  'request/not-found': 404,
  'request/bad-request': 400,
  'request/malformed-json': 400,
  'request/body-too-large': 413,
  'request/unsupported-media-type': 415,
  'request/rate-limited': 429,
  'validation/invalid-request': 400,
  'validation/idempotency-key-required': 400,
  'validation/idempotency-key-mismatch': 400,
  'service/unavailable': 503,
  'cluster/owner-unreachable': 503,
  'cluster/timeout': 503,
  'config/invalid': 500,
  'cli/no-such-path': 400,
  'cli/not-a-phh-file': 400,
  'internal/error': 500,
  'tournament/registration-closed': 409,
  'tournament/already-registered': 409,
  'tournament/not-registered': 404,
  'tournament/entries-exhausted': 409,
  'tournament/full': 409,
  'tournament/not-running': 409,
  'tournament/unknown-table': 404,
  'tournament/invalid-event': 400,
  'tournament/hand-mismatch': 409,
  'tournament/invalid-deal': 400,
  'tournament/deal-too-many-players': 400,
  'tournament/not-in-deal': 403,
  'tournament/deal-pending': 409,
  'tournament/deal-already-answered': 409,
  'tournament/deal-stale': 409,
  'tournament/director-unreachable': 503,
};

/**
 * Domain codes that mean a failure of ours rather than a refusal: the client learns only that the
 * request failed (internal/error); the code and its cause go to the log.
 */
const INTERNAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ledger/failed',
  'ledger/constraint-violation',
]);

export function statusForCode(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}

export interface MappedError {
  readonly status: number;
  readonly body: ErrorBody;
  /** Unexpected failures are logged with their full detail; expected ones are not errors of ours. */
  readonly unexpected: boolean;
}

function answer(code: ErrorCode, message: string, unexpected = false): MappedError {
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
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request/body-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request/unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request/bad-request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request/malformed-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request/malformed-json',
  FST_ERR_BAD_URL: 'request/bad-request',
  FST_ERR_ASYNC_CONSTRAINT: 'request/bad-request',
};

const FASTIFY_MESSAGES: Partial<Record<ErrorCode, string>> = {
  'request/body-too-large': 'the request body is too large',
  'request/unsupported-media-type': 'send the body as application/json',
  'request/malformed-json': 'the request body is not valid JSON',
  'request/bad-request': 'bad request',
};

export function mapError(error: unknown, request: FastifyRequest): MappedError {
  if (isApiError(error)) {
    if (INTERNAL_CODES.has(error.code)) return INTERNAL();
    // A domain code whose status is 500 is a failure of ours: say so loudly in the log.
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
