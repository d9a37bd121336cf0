import { useRef } from 'preact/hooks';
import type { ActionClockView } from '../../../../src/protocol/table-view.js';
import { useNow } from './use-now.js';

interface ActionClockProps {
  readonly clock: ActionClockView;
  /** Server time minus local time, from the latest view. */
  readonly clockOffsetMs: number;
  /** The player's time bank as of the view (used after the regular time runs out). */
  readonly timeBankMs: number;
}

function seconds(ms: number): string {
  return `${Math.max(0, Math.ceil(ms / 1000))}s`;
}

/**
 * The countdown of the player to act: the regular time first, then the time bank. Deadlines are
 * the server's, moved onto the local clock with the offset measured from serverTimeMs. The bar
 * shows the share left of what remained when this clock was first seen.
 */
export function ActionClock({ clock, clockOffsetMs, timeBankMs }: ActionClockProps) {
  const now = useNow(true) + clockOffsetMs;
  const regularLeft = clock.deadlineMs - now;
  const inBank = clock.usingTimeBank || regularLeft <= 0;
  const left = inBank ? clock.timeBankDeadlineMs - now : regularLeft;
  const firstSeen = useRef<{ key: string; span: number } | null>(null);
  const key = `${clock.seat}:${clock.deadlineMs}:${inBank}`;
  if (firstSeen.current?.key !== key) firstSeen.current = { key, span: Math.max(1, left) };
  const fraction = Math.max(0, Math.min(1, left / firstSeen.current.span));
  return (
    <div class={`clock${inBank ? ' clock--bank' : ''}`} data-testid="action-clock" role="timer">
      <div class="clock__bar" style={{ width: `${Math.round(fraction * 100)}%` }} />
      <span class="clock__text">
        {inBank ? `Time bank ${seconds(left)}` : seconds(left)}
        {!inBank && timeBankMs > 0 && <span class="clock__bank"> + {seconds(timeBankMs)} bank</span>}
      </span>
    </div>
  );
}
