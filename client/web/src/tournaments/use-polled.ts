import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiRequestError } from '../api/http.js';

export interface Polled<T> {
  readonly data: T | null;
  readonly error: string | null;
  /** Polling stopped after its longest run: the page says so and offers to read again. */
  readonly paused: boolean;
  /** Reads now (and polls again if it had paused). */
  reload(): void;
}

/**
 * Reads `load` now, then every `intervalMs` while the page is open, for `maxMs` at most (a tab
 * left open overnight does not poll all night), and whenever `refreshKey` changes (a notice; it
 * also resumes a poll that had stopped). One request at a time; the one in flight is aborted when
 * the page goes.
 */
export function usePolled<T>(
  load: (signal: AbortSignal) => Promise<T>,
  intervalMs: number,
  maxMs: number,
  refreshKey: unknown,
  failure: string,
): Polled<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [paused, setPaused] = useState(false);
  const [run, setRun] = useState(0);
  const readNow = useRef<() => void>(() => {});

  useEffect(() => {
    const started = Date.now();
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    const read = async () => {
      if (inFlight || controller.signal.aborted) return;
      inFlight = true;
      clearTimeout(timer);
      try {
        setData(await load(controller.signal));
        setError(null);
      } catch (caught) {
        if (controller.signal.aborted) return;
        setError(caught instanceof ApiRequestError ? caught.message : failure);
      } finally {
        inFlight = false;
      }
      if (controller.signal.aborted) return;
      if (Date.now() - started >= maxMs) setPaused(true);
      else timer = setTimeout(() => void read(), intervalMs);
    };
    setPaused(false);
    readNow.current = () => void read();
    void read();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [run]);

  // A notice (or a new hand): read at once, without restarting the poll's clock; a poll that had
  // stopped starts again, since the page is clearly in use.
  useEffect(() => {
    if (refreshKey === null || refreshKey === undefined) return;
    if (paused) setRun((count) => count + 1);
    else readNow.current();
  }, [refreshKey]);

  return { data, error, paused, reload: () => setRun((count) => count + 1) };
}
