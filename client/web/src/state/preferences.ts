import { createStore, type Store } from './store.js';

/**
 * What a player sets once and expects to find again: sounds on or off, the players whose chat they
 * muted. Kept in localStorage (a private window, or a browser that refuses it, keeps them in memory).
 */

function stored<T>(key: string, fallback: T, valid: (value: unknown) => value is T): Store<T> {
  let initial = fallback;
  try {
    const text = localStorage.getItem(key);
    const parsed: unknown = text === null ? fallback : JSON.parse(text);
    if (valid(parsed)) initial = parsed;
  } catch {
    // Nothing stored, or not readable: the default.
  }
  const store = createStore<T>(initial);
  store.subscribe((value) => {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or refused: the choice holds for this page only.
    }
  });
  return store;
}

export const soundMutedStore = stored(
  'holdem:sound-muted',
  false,
  (v): v is boolean => typeof v === 'boolean',
);

export const chatMutedStore = stored<readonly string[]>(
  'holdem:chat-muted',
  [],
  (v): v is readonly string[] => Array.isArray(v) && v.every((item) => typeof item === 'string'),
);

export function toggleChatMute(userId: string): void {
  chatMutedStore.update((muted) =>
    muted.includes(userId) ? muted.filter((id) => id !== userId) : [...muted, userId],
  );
}
