import { useState } from 'preact/hooks';
import type { TournamentDealOut } from '../../../../src/protocol/http-tournaments.js';
import { answerTournamentDeal, proposeTournamentDeal, tournamentDeal } from '../api/endpoints.js';
import { ApiRequestError } from '../api/http.js';
import { useNow } from '../components/use-now.js';
import { displayAmount } from '../money/amounts.js';
import { DEAL_METHOD_LABELS, DEAL_STATUS_TEXT, dealAnswerLabel, dealPending, dealTimeLeft } from './deal.js';
import { usePolled } from './use-polled.js';

/** The deal is read this often while the panel shows (answers come from the other players). */
const DEAL_POLL_MS = 2_000;
const DEAL_POLL_MAX_MS = 30 * 60_000;

type DealAnswerBody = Parameters<typeof answerTournamentDeal>[1];

interface DealPanelProps {
  readonly tournamentId: string;
  readonly userId: string;
  /**
   * `page`: the tournament's page, every player's offers in a table. `table`: a strip in the dock
   * of the player's table, under the felt: their own amounts, who has answered, the buttons.
   */
  readonly layout: 'page' | 'table';
  /** Server time minus local time (the table's views carry it), for the time left to answer. */
  readonly clockOffsetMs?: number;
  /** A change reads the deal at once (a notice, a new hand), and resumes a poll that had stopped. */
  readonly refreshKey?: unknown;
  /** The tournament is over (a deal ended it): the panel shows how the last deal ended, no buttons. */
  readonly over?: boolean;
}

/**
 * A deal at the final table (shown to a player still in, once the players left fit one table):
 * propose one, see each player's amount by ICM and by chip chop, accept one method or decline,
 * who has answered and the time left. The server computes the offers; the panel only shows them.
 */
export function DealPanel({
  tournamentId,
  userId,
  layout,
  clockOffsetMs = 0,
  refreshKey,
  over = false,
}: DealPanelProps) {
  const polled = usePolled(
    (signal) => tournamentDeal(tournamentId, signal),
    DEAL_POLL_MS,
    DEAL_POLL_MAX_MS,
    refreshKey ?? null,
    'the deal could not be read',
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [leftToPlayFor, setLeftToPlayFor] = useState('');
  const deal = polled.data?.deal ?? null;
  const pending = dealPending(deal);
  const now = useNow(pending, 1_000) + clockOffsetMs;
  const timeLeft = dealTimeLeft(deal, now);
  const mine = deal?.players.find((player) => player.userId === userId);

  const send = async (request: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await request();
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : 'that did not work; try again');
    } finally {
      setBusy(false);
      polled.reload();
    }
  };
  const answer = (body: DealAnswerBody) => send(() => answerTournamentDeal(tournamentId, body));
  const onTable = layout === 'table';

  return (
    <section
      class={onTable ? 'deal-strip' : 'panel tournament__deal'}
      aria-label="Deal"
      data-testid="deal-panel"
      data-layout={layout}
    >
      {!onTable && <h2>Deal</h2>}
      {deal && (
        <p
          class={onTable ? 'deal-strip__status' : undefined}
          data-testid="deal-status"
          data-status={deal.status}
        >
          {DEAL_STATUS_TEXT[deal.status]}
          {timeLeft !== null && (
            <span class="deal-strip__time" data-testid="deal-time-left">
              {' '}
              {timeLeft} left
            </span>
          )}
        </p>
      )}
      {deal?.dealt != null &&
        (onTable ? <DealSummary deal={deal} userId={userId} /> : <DealOffers deal={deal} userId={userId} />)}
      {deal?.status === 'open' && mine && mine.answer === null && (
        <div class={onTable ? 'deal-strip__buttons' : 'actions'}>
          {(['icm', 'chip-chop'] as const).map((method) => (
            <button
              key={method}
              type="button"
              class={`button${onTable ? ' button--small button--primary' : ''}`}
              disabled={busy}
              data-testid={`deal-accept-${method}`}
              onClick={() => answer({ offerId: deal.offerId, answer: method })}
            >
              Accept {DEAL_METHOD_LABELS[method]}
            </button>
          ))}
          <button
            type="button"
            class={`button button--ghost${onTable ? ' button--small' : ''}`}
            disabled={busy}
            data-testid="deal-decline"
            onClick={() => answer({ offerId: deal.offerId, answer: 'decline' })}
          >
            Decline
          </button>
        </div>
      )}
      {!pending && !over && (
        <div class={onTable ? undefined : 'actions'}>
          {/* On the page only: the table's strip keeps to one line (the whole pool is shared). */}
          {!onTable && (
            <label class="field">
              <span class="field__label">Left to play for (off first prize)</span>
              <input
                class="input"
                inputMode="decimal"
                placeholder="0.00"
                value={leftToPlayFor}
                data-testid="deal-left-to-play-for"
                onInput={(event) => setLeftToPlayFor(event.currentTarget.value.trim())}
              />
            </label>
          )}
          <button
            type="button"
            class={`button${onTable ? ' button--small' : ''}`}
            disabled={busy}
            data-testid="deal-propose"
            onClick={() =>
              // The server checks the amount (a decimal string, within first prize) and says why not.
              send(() => proposeTournamentDeal(tournamentId, leftToPlayFor === '' ? {} : { leftToPlayFor }))
            }
          >
            Propose a deal
          </button>
        </div>
      )}
      {(error ?? polled.error) && (
        <p class="form__error" role="alert">
          {error ?? polled.error}
        </p>
      )}
      {polled.paused && (
        <p class="hint">
          The deal stopped updating.{' '}
          <button type="button" class="link" onClick={polled.reload}>
            Update it
          </button>
        </p>
      )}
    </section>
  );
}

/** Every player's offers, in a table: the tournament's page. */
function DealOffers({ deal, userId }: { deal: TournamentDealOut; userId: string }) {
  return (
    <>
      <table class="table-list" data-testid="deal-offers">
        <thead>
          <tr>
            <th>Player</th>
            <th>Chips</th>
            <th>{DEAL_METHOD_LABELS.icm}</th>
            <th>{DEAL_METHOD_LABELS['chip-chop']}</th>
            <th>Answer</th>
          </tr>
        </thead>
        <tbody>
          {deal.players.map((player) => (
            <tr key={player.userId} data-testid="deal-player" data-you={player.userId === userId}>
              <td>{player.userId === userId ? `${player.username} (you)` : player.username}</td>
              <td>{player.stack.toLocaleString()}</td>
              <td>{player.icm === null ? '—' : displayAmount(player.icm)}</td>
              <td>{player.chipChop === null ? '—' : displayAmount(player.chipChop)}</td>
              <td data-testid="deal-answer">{dealAnswerLabel(player.answer)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="hint">
        Shared now: {displayAmount(deal.dealt!)}; left to play for: {displayAmount(deal.leftToPlayFor)}.
      </p>
    </>
  );
}

/** The player's own amounts and everyone's answer, in two short lines: the table's dock. */
function DealSummary({ deal, userId }: { deal: TournamentDealOut; userId: string }) {
  const mine = deal.players.find((player) => player.userId === userId);
  return (
    <>
      <p class="deal-strip__yours" data-testid="deal-yours">
        {mine?.icm != null && mine.chipChop != null && (
          <>
            You: <strong data-testid="deal-yours-icm">{displayAmount(mine.icm)}</strong> by{' '}
            {DEAL_METHOD_LABELS.icm},{' '}
            <strong data-testid="deal-yours-chip-chop">{displayAmount(mine.chipChop)}</strong> by chip chop ·{' '}
          </>
        )}
        left to play for {displayAmount(deal.leftToPlayFor)}
      </p>
      <ul class="deal-strip__answers" data-testid="deal-offers">
        {deal.players.map((player) => (
          <li key={player.userId} data-testid="deal-player" data-you={player.userId === userId}>
            {player.userId === userId ? 'you' : player.username}:{' '}
            <span data-testid="deal-answer">{dealAnswerLabel(player.answer)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
