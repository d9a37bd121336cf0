import { wallet } from '../api/endpoints.js';
import { createStore } from './store.js';

/** The logged-in user's wallet balance, refreshed after anything that may have moved money. */
export const walletStore = createStore<string | null>(null);

export async function refreshWallet(): Promise<void> {
  try {
    walletStore.set((await wallet()).balance);
  } catch {
    // Shown as unknown; the next refresh tries again.
  }
}
