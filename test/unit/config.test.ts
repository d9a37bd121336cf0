import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('has safe defaults for everything', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 3000,
      DATA_DIR: './.data',
      BODY_LIMIT_BYTES: 16_384,
      SESSION_COOKIE_SECURE: false,
      DEPOSIT_AMOUNT_MAX: '100000',
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PG_POOL_MAX).toBeGreaterThan(0);
    expect(config.SESSION_TTL_SECONDS).toBeGreaterThan(0);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('parses numbers, booleans and URLs from strings', () => {
    const config = loadConfig({
      PORT: '8080',
      TRUST_PROXY: 'true',
      DATABASE_URL: 'postgresql://root@127.0.0.1:5432/holdem',
      NODE_ENV: 'production',
    });
    expect(config.PORT).toBe(8080);
    expect(config.TRUST_PROXY).toBe(true);
    expect(config.DATABASE_URL).toBe('postgresql://root@127.0.0.1:5432/holdem');
    expect(config.SESSION_COOKIE_SECURE).toBe(true);
  });

  it('treats an empty DATABASE_URL as unset (embedded database)', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable at once', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        DEPOSIT_AMOUNT_MAX: '-5',
        TRUST_PROXY: 'maybe',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    for (const name of ['PORT', 'DATABASE_URL', 'DEPOSIT_AMOUNT_MAX', 'TRUST_PROXY'])
      expect(message).toContain(name);
  });

  it('wants bootstrap usernames and passwords in pairs', () => {
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_USERNAME: 'admin' })).toThrow(/BOOTSTRAP_ADMIN_PASSWORD/);
    expect(
      loadConfig({ BOOTSTRAP_ADMIN_USERNAME: 'admin', BOOTSTRAP_ADMIN_PASSWORD: 'long enough pw' }),
    ).toMatchObject({
      BOOTSTRAP_ADMIN_USERNAME: 'admin',
    });
  });

  it('refuses inconsistent bounds', () => {
    expect(() => loadConfig({ PASSWORD_LENGTH_MIN: '50', PASSWORD_LENGTH_MAX: '20' })).toThrow(ConfigError);
    expect(() => loadConfig({ PAGE_LIMIT_DEFAULT: '500', PAGE_LIMIT_MAX: '100' })).toThrow(ConfigError);
  });
});
