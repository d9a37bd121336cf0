import { z } from 'zod';
import { MoneyString, PositiveMoneyString } from './money-string.js';

/**
 * The building blocks of the HTTP API's wire format: the error envelope, amounts, ids, timestamps,
 * idempotency keys and paging. The server validates requests and serializes answers with these
 * schemas (src/http), the OpenAPI document is generated from them, and a client checks what it
 * receives with them, so all three agree by construction.
 */

/** Every error answer of the API has this shape, whatever the status. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe('stable, namespaced: auth/*, ledger/*, money/*, validation/*, request/*, internal/*'),
      message: z.string(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Response entries for every error status a route can answer with. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
  422: ErrorBody,
  429: ErrorBody,
  500: ErrorBody,
  503: ErrorBody,
} as const;

/**
 * Money fields of request bodies. Which schemas are money matters to the error mapping: a value that
 * fails one of them is answered with the precise money/* code of src/money (money/negative,
 * money/not-a-string, ...) instead of a generic validation error.
 */
const moneySchemas = new WeakSet<z.ZodType>();
function money<T extends z.ZodType>(schema: T): T {
  moneySchemas.add(schema);
  return schema;
}
export function isMoneySchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && moneySchemas.has(schema as z.ZodType);
}

/** A strictly positive amount as a decimal string ("12.50"); JSON numbers are rejected. */
export const PositiveAmount = money(
  PositiveMoneyString.meta({ description: 'positive decimal string, e.g. "12.50"; never a JSON number' }),
);
/** An amount that may be zero (an ante, a rake cap). */
export const Amount = money(
  MoneyString.meta({ description: 'decimal string, e.g. "0" or "12.50"; never a JSON number' }),
);
/** Amounts in responses (balances can be any non-negative decimal). */
export const AmountOut = MoneyString.meta({ description: 'decimal string, e.g. "12.5"' });

export const Uuid = z.uuid();

/**
 * Control characters (C0 with NUL, DEL, C1) and lone UTF-16 surrogates. PostgreSQL refuses a NUL
 * in text outright, and a lone surrogate cannot be encoded as UTF-8 (it would be stored as a
 * replacement character, so the value read back is not the one sent): neither belongs in a name.
 */
const CONTROL_OR_LONE_SURROGATE = /[\p{Cc}\p{Cs}]/u;
const LONE_SURROGATE_OR_NUL = /[\p{Cs}\0]/u;

/**
 * A name a person types (a username, a table name): 1 to `maxLength` characters (after trimming
 * the ends, if asked), printable, well-formed.
 */
export function nameText(maxLength: number, { trim = false } = {}) {
  return (trim ? z.string().trim() : z.string())
    .min(1)
    .max(maxLength)
    .refine((text) => !CONTROL_OR_LONE_SURROGATE.test(text), 'must not contain control characters');
}

/** Text kept as sent (a password): any character but a NUL, in well-formed Unicode. */
export function opaqueText(maxLength: number) {
  return z
    .string()
    .max(maxLength)
    .refine((text) => !LONE_SURROGATE_OR_NUL.test(text), 'must not contain a NUL or a lone surrogate');
}

/** The largest id of a PostgreSQL bigint (hands, transfers): a larger one cannot name a row. */
const BIGINT_MAX = 2n ** 63n - 1n;

const BIGINT_ID_PATTERN = /^[1-9]\d{0,18}$/;

/** A bigint row id as text (JSON numbers cannot hold it exactly): 1 to 2^63 - 1. */
export function bigintId(description: string) {
  // One check, so BigInt() only ever sees digits (zod runs every check, even after one failed).
  return z.string().refine((text) => BIGINT_ID_PATTERN.test(text) && BigInt(text) <= BIGINT_MAX, description);
}
export const Timestamp = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 timestamp' });

/** Idempotency keys: what a cashier's system or a retrying client generates (a UUID is ideal). */
export const IdempotencyKey = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');

/** Page through a listing with an opaque cursor (the last id seen) and a bounded limit. */
export function pageQuery(limitDefault: number, limitMax: number) {
  return z.strictObject({
    cursor: bigintId('a cursor returned by a previous page').optional(),
    limit: z.coerce.number().int().min(1).max(limitMax).default(limitDefault),
  });
}
