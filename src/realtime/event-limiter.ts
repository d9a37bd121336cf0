import type { GatewaySettings } from './gateway-settings.js';
import { TokenBucket } from './token-bucket.js';

export type LimitVerdict = 'allowed' | 'limited' | 'disconnect';

/**
 * Rate limits of the gateway: one bucket per socket and one per user (so opening many sockets does
 * not multiply a user's allowance). Refusals count as strikes; a socket that keeps sending
 * refused events is a repeat offender and gets disconnected.
 */
export class EventLimiter {
  private readonly userBuckets = new Map<string, { bucket: TokenBucket; sockets: number }>();

  constructor(
    private readonly settings: GatewaySettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Per-socket state; call `release` when the socket is gone. */
  forSocket(userId: string | null): SocketLimiter {
    const settings = this.settings;
    const socketBucket = new TokenBucket(settings.socketBurst, settings.socketEventsPerSecond, this.now());
    let user: { bucket: TokenBucket; sockets: number } | undefined;
    if (userId !== null) {
      user = this.userBuckets.get(userId);
      if (!user) {
        user = {
          bucket: new TokenBucket(settings.userBurst, settings.userEventsPerSecond, this.now()),
          sockets: 0,
        };
        this.userBuckets.set(userId, user);
      }
      user.sockets += 1;
    }
    let strikes = 0;
    const strike = (): LimitVerdict => {
      strikes += 1;
      return strikes >= settings.strikesBeforeDisconnect ? 'disconnect' : 'limited';
    };
    return {
      admit: () => {
        const now = this.now();
        // Both buckets are charged, so neither a single socket nor a user's sockets together exceed their rate.
        const socketOk = socketBucket.take(now);
        const userOk = user ? user.bucket.take(now) : true;
        if (socketOk && userOk) return 'allowed';
        return strike();
      },
      strike,
      forgive: () => {
        strikes = 0;
      },
      release: () => {
        if (userId === null || !user) return;
        user.sockets -= 1;
        if (user.sockets === 0) this.userBuckets.delete(userId);
      },
    };
  }
}

export interface SocketLimiter {
  /** Charges one event. */
  admit(): LimitVerdict;
  /** Counts a refused event (malformed, unknown) against the socket. */
  strike(): LimitVerdict;
  /** A good event: the strike count starts over. */
  forgive(): void;
  release(): void;
}
