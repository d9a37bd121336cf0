import { useEffect, useState } from 'preact/hooks';
import { ApiRequestError } from './http.js';

export interface CursorPages<Item> {
  /** Every item loaded so far, newest first. */
  readonly items: readonly Item[];
  /** The cursor of the next (older) page, or null when there is none. */
  readonly cursor: string | null;
  readonly error: string | null;
  /** The first page has answered (or failed): an empty list now means there is nothing. */
  readonly loaded: boolean;
  /** Loads the page after `cursor` and appends it; null starts over. */
  load(cursor: string | null): Promise<void>;
}

/**
 * A listing the API pages with a cursor (the wallet ledger, the hand history), read page by page:
 * the first page on mount, the next on demand. `itemsOf` picks the items out of a page; `failure`
 * is shown when a request fails without a message of the server's.
 */
export function useCursorPages<Page extends { readonly nextCursor: string | null }, Item>(
  fetchPage: (cursor: string | null) => Promise<Page>,
  itemsOf: (page: Page) => readonly Item[],
  failure: string,
): CursorPages<Item> {
  const [items, setItems] = useState<readonly Item[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const load = async (from: string | null) => {
    try {
      const page = await fetchPage(from);
      const loadedItems = itemsOf(page);
      setItems((current) => (from === null ? loadedItems : [...current, ...loadedItems]));
      setCursor(page.nextCursor);
      setError(null);
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : failure);
    } finally {
      setLoaded(true);
    }
  };
  // The first page, once, when the listing appears.
  useEffect(() => void load(null), []);
  return { items, cursor, error, loaded, load };
}
