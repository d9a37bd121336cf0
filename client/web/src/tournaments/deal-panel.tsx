import { useState } from 'preact/hooks';
import type { DealMethod, TournamentDealOut } from '../../../../src/protocol/http-tournaments.js';
import { answerTournamentDeal, proposeTournamentDeal, tournamentDeal } from '../api/endpoints.js';
import { ApiRequestError } from '../api/http.js';
import { displayAmount } from '../money/amounts.js';
import { usePolled } from './use-polled.js';

/** The deal is read this often while the panel shows (answers come from the other players). */
const DEAL_POLL_MS = 2_000;
const DEAL_POLL_MAX_MS = 30 * 60_000;

const METHOD_LABELS: Record<DealMethod, string> = { icm: 'ICM', 'chip-chop': 'Chip chop' };
const STATUS_TEXT: Record<TournamentDealOut['status'], string> = {
  'waiting-for-hand': 'Deal proposed: the offers open when the hand in play ends.',
  open: 'Deal offered: every player accepts the same method, or play goes on.',
  agreed: 'Deal agreed and paid.',
  declined: 'No deal: play goes on.',
  expired: 'No deal in time: play goes on.',
};

/**
 * A deal at the final table (shown to a player still in, once the players left fit one table):
 * propose one, see each player's amount by ICM and by chip chop, accept one method or decline,
 * and who has answered. The server computes the offers; the page only shows them.
 */
export function DealPanel({ tournamentId, userId }: { tournamentId: string; userId: string }) {
  const polled = usePolled(
    (signal) => tournamentDeal(tournamentId, signal),
    DEAL_POLL_MS,
    DEAL_POLL_MAX_MS,
    null,
    'the deal could not be read',
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const deal = polled.data?.deal ?? null;
  const pending = deal !== null && (deal.status === 'open' || deal.status === 'waiting-for-hand');
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

  return (
    <section class="panel tournament__deal" aria-label="Deal" data-testid="deal-panel">
      <h2>Deal</h2>
      {deal && (
        <p data-testid="deal-status" data-status={deal.status}>
          {STATUS_TEXT[deal.status]}
        </p>
      )}
      {deal && deal.dealt !== null && (
        <table class="table-list" data-testid="deal-offers">
          <thead>
            <tr>
              <th>Player</th>
              <th>Chips</th>
              <th>{METHOD_LABELS.icm}</th>
              <th>{METHOD_LABELS['chip-chop']}</th>
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
                <td data-testid="deal-answer">
                  {player.answer === null
                    ? 'waiting'
                    : player.answer === 'decline'
                      ? 'declined'
                      : `accepts ${METHOD_LABELS[player.answer]}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deal && deal.dealt !== null && (
        <p class="hint">
          Shared now: {displayAmount(deal.dealt)}; left to play for: {displayAmount(deal.leftToPlayFor)}.
        </p>
      )}
      {deal?.status === 'open' && mine && mine.answer === null && (
        <div class="actions">
          {(['icm', 'chip-chop'] as const).map((method) => (
            <button
              key={method}
              type="button"
              class="button"
              disabled={busy}
              data-testid={`deal-accept-${method}`}
              onClick={() =>
                send(() => answerTournamentDeal(tournamentId, { offerId: deal.offerId, answer: method }))
              }
            >
              Accept {METHOD_LABELS[method]}
            </button>
          ))}
          <button
            type="button"
            class="button button--ghost"
            disabled={busy}
            data-testid="deal-decline"
            onClick={() =>
              send(() => answerTournamentDeal(tournamentId, { offerId: deal.offerId, answer: 'decline' }))
            }
          >
            Decline
          </button>
        </div>
      )}
      {!pending && (
        <button
          type="button"
          class="button"
          disabled={busy}
          data-testid="deal-propose"
          onClick={() => send(() => proposeTournamentDeal(tournamentId, {}))}
        >
          Propose a deal
        </button>
      )}
      {(error ?? polled.error) && (
        <p class="form__error" role="alert">
          {error ?? polled.error}
        </p>
      )}
    </section>
  );
}
