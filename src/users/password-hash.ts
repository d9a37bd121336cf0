import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt (memory-hard, in node:crypto). The stored form carries its own
 * parameters, so raising the cost later needs no migration: old hashes still verify with the
 * parameters they were made with, and `needsRehash` tells the login to upgrade them.
 *
 * Format: `scrypt$<log2 N>$<r>$<p>$<salt, base64url>$<key, base64url>`
 */

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  readonly costLog2: number;
  /** Block size r. */
  readonly blockSize: number;
  /** Parallelism p. */
  readonly parallelism: number;
}

const SCHEME = 'scrypt';
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Bounds accepted when reading a stored hash: a corrupt or hostile row must not exhaust memory. */
const COST_LOG2_MAX = 20;
const BLOCK_SIZE_MAX = 32;
const PARALLELISM_MAX = 16;

/** scrypt needs 128 * N * r bytes (plus a little); Node refuses by default above 32 MiB. */
function maxMemoryBytes(params: ScryptParams): number {
  return 128 * 2 ** params.costLog2 * params.blockSize * params.parallelism + 16 * 1024 * 1024;
}

function deriveKey(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** params.costLog2,
    r: params.blockSize,
    p: params.parallelism,
    maxmem: maxMemoryBytes(params),
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

export async function hashPassword(password: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, params);
  return [
    SCHEME,
    params.costLog2,
    params.blockSize,
    params.parallelism,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseHash(encoded: string): ParsedHash | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== SCHEME) return undefined;
  const [costLog2, blockSize, parallelism] = parts.slice(1, 4).map((part) => Number(part));
  const params = { costLog2, blockSize, parallelism } as ScryptParams;
  const inRange = (value: number, max: number) => Number.isInteger(value) && value >= 1 && value <= max;
  if (
    !inRange(params.costLog2, COST_LOG2_MAX) ||
    !inRange(params.blockSize, BLOCK_SIZE_MAX) ||
    !inRange(params.parallelism, PARALLELISM_MAX)
  ) {
    return undefined;
  }
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const key = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length < 8 || key.length !== KEY_BYTES) return undefined;
  return { params, salt, key };
}

export interface VerifyResult {
  readonly valid: boolean;
  /** The hash was made with other parameters than the current ones: store a fresh hash. */
  readonly needsRehash: boolean;
}

/** Checks a password against a stored hash in constant time. A malformed hash never matches. */
export async function verifyPassword(
  password: string,
  encoded: string,
  current: ScryptParams,
): Promise<VerifyResult> {
  const parsed = parseHash(encoded);
  if (!parsed) return { valid: false, needsRehash: false };
  const key = await deriveKey(password, parsed.salt, parsed.params);
  const valid = timingSafeEqual(key, parsed.key);
  const needsRehash =
    parsed.params.costLog2 !== current.costLog2 ||
    parsed.params.blockSize !== current.blockSize ||
    parsed.params.parallelism !== current.parallelism;
  return { valid, needsRehash };
}

/**
 * A hash of a random password, made once per parameter set. Login verifies against it when the
 * username does not exist, so an unknown user costs the same time as a wrong password and the
 * response time does not reveal which usernames exist.
 */
const decoyHashes = new Map<string, Promise<string>>();
export function decoyHash(params: ScryptParams): Promise<string> {
  const key = `${params.costLog2}/${params.blockSize}/${params.parallelism}`;
  let hash = decoyHashes.get(key);
  if (!hash) {
    hash = hashPassword(randomBytes(16).toString('hex'), params);
    decoyHashes.set(key, hash);
  }
  return hash;
}
