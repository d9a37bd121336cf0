import type { GatewaySettings } from './gateway-settings.js';

type CapSettings = Pick<GatewaySettings, 'connectionsPerAddressMax' | 'connectionsPerUserMax'>;

/**
 * Open sockets of this node per client address and per user, each under its cap. Counts exist
 * only for addresses and users with a socket open, so the maps never outgrow the sockets.
 */
export class ConnectionCaps {
  private readonly byAddress = new Map<string, number>();
  private readonly byUser = new Map<string, number>();

  constructor(private readonly settings: CapSettings) {}

  /** Whether one more socket from this address fits. */
  addressFits(address: string): boolean {
    return (this.byAddress.get(address) ?? 0) < this.settings.connectionsPerAddressMax;
  }

  /** Whether one more socket of this user fits. */
  userFits(userId: string): boolean {
    return (this.byUser.get(userId) ?? 0) < this.settings.connectionsPerUserMax;
  }

  /** Counts one socket; the answer uncounts it (once, however often it is called). */
  hold(address: string, userId: string | null): () => void {
    increment(this.byAddress, address);
    if (userId !== null) increment(this.byUser, userId);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      decrement(this.byAddress, address);
      if (userId !== null) decrement(this.byUser, userId);
    };
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function decrement(counts: Map<string, number>, key: string): void {
  const count = (counts.get(key) ?? 1) - 1;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}
