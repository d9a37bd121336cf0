import { createHash } from 'node:crypto';

type Canonical =
  | string
  | number
  | boolean
  | null
  | readonly Canonical[]
  | { readonly [key: string]: Canonical };

/** JSON with sorted keys, so the same request always hashes the same. */
function canonicalJson(value: Canonical): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const record = value as { readonly [key: string]: Canonical };
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key] ?? null)}`).join(',')}}`;
}

/**
 * The fingerprint of a request stored beside its idempotency key: a retry must carry the same one,
 * or it is a different request reusing the key. Amounts go in as normalized decimal strings.
 */
export function requestHash(operation: string, request: { readonly [key: string]: Canonical }): string {
  return createHash('sha256').update(operation).update('\n').update(canonicalJson(request)).digest('hex');
}
