import { whenSessionLost } from '../api/http.js';
import type { User } from '../api/types.js';
import { createStore } from './store.js';

export interface Session {
  readonly token: string;
  readonly user: User;
  readonly expiresAt: string;
}

/**
 * The logged-in session. The token is kept in sessionStorage: it survives a reload (and a dropped
 * connection) but not the closing of the tab, and each tab logs in on its own. The server also
 * sets an HttpOnly cookie, but the Socket.IO handshake needs the token itself.
 */
const STORAGE_KEY = 'holdem.session';

function load(): Session | null {
  try {
    const text = sessionStorage.getItem(STORAGE_KEY);
    if (!text) return null;
    const value = JSON.parse(text) as Session;
    if (typeof value.token !== 'string' || Date.parse(value.expiresAt) <= Date.now()) return null;
    return value;
  } catch {
    return null;
  }
}

export const sessionStore = createStore<Session | null>(load());

sessionStore.subscribe((session) => {
  try {
    if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage may be unavailable (private mode): the session then lasts as long as the page.
  }
});

whenSessionLost(() => sessionStore.set(null));

export function currentToken(): string | null {
  return sessionStore.get()?.token ?? null;
}
