import { describe, expect, it } from 'vitest';
import { decoyHash, hashPassword, verifyPassword } from '../../src/users/password-hash.js';

const CURRENT = { costLog2: 15, blockSize: 8, parallelism: 1 };
const CHEAP = { costLog2: 10, blockSize: 8, parallelism: 1 };

describe('scrypt password hashing', () => {
  it('verifies the right password and rejects a wrong one, at the production cost', async () => {
    const hash = await hashPassword('correct horse battery', CURRENT);
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    await expect(verifyPassword('correct horse battery', hash, CURRENT)).resolves.toEqual({
      valid: true,
      needsRehash: false,
    });
    await expect(verifyPassword('correct horse batterY', hash, CURRENT)).resolves.toMatchObject({
      valid: false,
    });
  });

  it('salts every hash: the same password hashes differently twice', async () => {
    const a = await hashPassword('same password here', CHEAP);
    const b = await hashPassword('same password here', CHEAP);
    expect(a).not.toBe(b);
  });

  it('verifies hashes made with older parameters and asks for a rehash', async () => {
    const old = await hashPassword('an older password', CHEAP);
    await expect(verifyPassword('an older password', old, CURRENT)).resolves.toEqual({
      valid: true,
      needsRehash: true,
    });
  });

  it('treats Unicode forms of one password as the same password', async () => {
    const composed = 'caf\u00e9 au lait!';
    const decomposed = 'cafe\u0301 au lait!';
    const hash = await hashPassword(composed, CHEAP);
    await expect(verifyPassword(decomposed, hash, CHEAP)).resolves.toMatchObject({ valid: true });
  });

  it.each([
    '',
    'bcrypt$10$abc',
    'scrypt$15$8$1$c2FsdA$short',
    // Hostile parameters (N = 2^40) must be refused, not attempted.
    `scrypt$40$8$1$${'A'.repeat(22)}$${'A'.repeat(43)}`,
    `scrypt$15$8$0$${'A'.repeat(22)}$${'A'.repeat(43)}`,
  ])('never matches a malformed stored hash %j', async (stored) => {
    await expect(verifyPassword('whatever', stored, CHEAP)).resolves.toEqual({
      valid: false,
      needsRehash: false,
    });
  });

  it('keeps one decoy hash per parameter set, which no password matches by chance', async () => {
    const decoy = await decoyHash(CHEAP);
    expect(await decoyHash(CHEAP)).toBe(decoy);
    await expect(verifyPassword('', decoy, CHEAP)).resolves.toMatchObject({ valid: false });
  });
});
