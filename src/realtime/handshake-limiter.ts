import type { GatewaySettings } from './gateway-settings.js';
import { TokenBucket } from './token-bucket.js';

type HandshakeSettings = Pick<
  GatewaySettings,
  'handshakeBurst' | 'handshakesPerSecond' | 'handshakeAddressesMax'
>;

/**
 * Handshakes that carry a session token, per client address: a token bucket each, charged before
 * the token is looked up, so a flood of made-up tokens never reaches the database. At most
 * `handshakeAddressesMax` buckets are kept; past that the least recently used is dropped (its
 * address starts again with a full bucket, which costs at most one burst).
 */
export class HandshakeLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly settings: HandshakeSettings,
    private readonly now: () => number = Date.now,
  ) {}

  admit(address: string): boolean {
    const nowMs = this.now();
    let bucket = this.buckets.get(address);
    if (bucket) {
      // Moved to the end: the map's order is least recently used first.
      this.buckets.delete(address);
    } else {
      bucket = new TokenBucket(this.settings.handshakeBurst, this.settings.handshakesPerSecond, nowMs);
      if (this.buckets.size >= this.settings.handshakeAddressesMax) {
        const oldest = this.buckets.keys().next();
        if (!oldest.done) this.buckets.delete(oldest.value);
      }
    }
    this.buckets.set(address, bucket);
    return bucket.take(nowMs);
  }

  get addresses(): number {
    return this.buckets.size;
  }
}
