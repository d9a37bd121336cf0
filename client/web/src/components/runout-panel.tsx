import { useState } from 'preact/hooks';
import type { HandViewWire } from '../../../../src/protocol/table-view.js';
import type { SendResult } from '../realtime/send.js';
import { useNow } from './use-now.js';

interface RunoutPanelProps {
  readonly hand: HandViewWire;
  readonly ownSeat: number | null;
  readonly clockOffsetMs: number;
  readonly nameOf: (seat: number) => string;
  readonly onDecide: (agree: boolean) => Promise<SendResult<null>>;
}

function percent(value: number): string {
  return `${value.toFixed(1)}%`;
}

/**
 * All in with cards to come: every hand is face up, each player's chances (win, tie, share of the
 * chips in play) as the server computed them from the cards everyone can see, the time left before
 * the board runs, and, at a run-it-twice table, the question to each player still in.
 */
export function RunoutPanel({ hand, ownSeat, clockOffsetMs, nameOf, onDecide }: RunoutPanelProps) {
  const now = useNow(hand.runout !== null, 250);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const runout = hand.runout;
  if (!runout) return null;
  const secondsLeft = Math.max(0, Math.ceil((runout.deadlineMs - (now + clockOffsetMs)) / 1000));
  const own = runout.decisions.find((decision) => decision.seat === ownSeat);
  const decide = async (agree: boolean) => {
    setSending(true);
    const result = await onDecide(agree);
    setSending(false);
    setError(result.ok ? null : result.error.message);
  };
  return (
    <section class="runout" aria-live="polite" data-testid="runout">
      <p class="runout__title">
        All in · the board runs in <strong data-testid="runout-seconds">{secondsLeft}</strong> s
      </p>
      {hand.equity ? (
        <ul class="runout__equity" data-testid="equity">
          {hand.equity.players.map((entry) => (
            <li key={entry.seat} data-testid={`equity-seat-${entry.seat}`} data-share={entry.sharePercent}>
              <span class="runout__name">{nameOf(entry.seat)}</span>{' '}
              <strong>{percent(entry.sharePercent)}</strong>
              <span class="runout__detail">
                {' '}
                win {percent(entry.winPercent)}
                {entry.tiePercent > 0 && ` · tie ${percent(entry.tiePercent)}`}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="runout__detail">Working out the odds…</p>
      )}
      {runout.runItTwice && (
        <div class="runout__decisions">
          {own && own.agree === null ? (
            <>
              <span>Run it twice?</span>
              <button
                type="button"
                class="button button--small"
                disabled={sending}
                data-testid="run-twice-yes"
                onClick={() => void decide(true)}
              >
                Twice
              </button>
              <button
                type="button"
                class="button button--ghost button--small"
                disabled={sending}
                data-testid="run-twice-no"
                onClick={() => void decide(false)}
              >
                Once
              </button>
            </>
          ) : (
            <span class="runout__detail" data-testid="run-twice-answers">
              {runout.decisions
                .map(
                  (decision) =>
                    `${nameOf(decision.seat)}: ${decision.agree === null ? '…' : decision.agree ? 'twice' : 'once'}`,
                )
                .join(' · ')}
            </span>
          )}
        </div>
      )}
      {error && (
        <p class="runout__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
