import { useState } from 'preact/hooks';
import type { TournamentSummaryOut } from '../../../../../src/protocol/http-tournaments.js';
import { cancelTournament, tournaments as listTournaments } from '../../api/endpoints.js';
import { ApiRequestError } from '../../api/http.js';
import { displayAmount } from '../../money/amounts.js';
import { hrefOf } from '../../router.js';
import { buyInLabel, KIND_LABELS, STATUS_LABELS, startLabel } from '../../tournaments/format.js';
import { usePolled } from '../../tournaments/use-polled.js';
import { CreateTournamentForm } from './create-tournament-form.js';

const problem = (caught: unknown, fallback: string) =>
  caught instanceof ApiRequestError ? caught.message : fallback;

const POLL_MS = 5_000;
const POLL_MAX_MS = 30 * 60_000;

/** Every tournament: create one (Sit & Go or MTT, every setting), follow its status, cancel it. */
export function TournamentsTab() {
  const [refresh, setRefresh] = useState(0);
  const list = usePolled(
    () => listTournaments(),
    POLL_MS,
    POLL_MAX_MS,
    refresh === 0 ? null : refresh,
    'the tournaments could not be read',
  );
  const reload = () => setRefresh((count) => count + 1);
  const tournaments = [...(list.data?.tournaments ?? [])].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <section aria-label="Tournaments" data-testid="admin-tournaments">
      <CreateTournamentForm onCreated={reload} />
      {list.error && (
        <p class="form__error" role="alert">
          {list.error}
        </p>
      )}
      {list.data && tournaments.length === 0 ? (
        <p class="empty">No tournaments yet: create the first one above.</p>
      ) : (
        <div class="admin__list">
          {tournaments.map((t) => (
            <TournamentRow key={t.id} tournament={t} onChanged={reload} />
          ))}
        </div>
      )}
    </section>
  );
}

function TournamentRow({
  tournament: t,
  onChanged,
}: {
  tournament: TournamentSummaryOut;
  onChanged: () => void;
}) {
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  // Before the start every entry is refunded; while it runs, the players still in share the pool
  // by chips (fees are not refunded); an interrupted cancellation (cancelling) is carried on.
  const running = t.status === 'running';
  const cancellable = t.status === 'registering' || running || t.status === 'cancelling';
  const consequence = running
    ? 'Play stops; the players still in share the prize pool by chips; fees are not refunded.'
    : 'Every entry is refunded.';
  const cancel = async () => {
    setBusy(true);
    setConfirm(false);
    try {
      await cancelTournament(t.id);
      setMessage({
        text: running
          ? `"${t.name}" cancelled: the players still in were paid their share of the pool.`
          : `"${t.name}" cancelled: every entry is refunded.`,
        error: false,
      });
      onChanged();
    } catch (caught) {
      setMessage({ text: problem(caught, 'the tournament could not be cancelled'), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <article
      class="panel admin__row"
      data-testid="admin-tournament"
      data-tournament-id={t.id}
      data-status={t.status}
    >
      <div class="admin__row-head">
        <h2 class="table-row__name">{t.name}</h2>
        <span class={`status status--t-${t.status}`} data-testid="admin-tournament-status">
          {STATUS_LABELS[t.status]}
        </span>
        <a class="link" href={hrefOf({ page: 'tournament', tournamentId: t.id })}>
          View
        </a>
      </div>
      <p class="admin__facts">
        {KIND_LABELS[t.kind]} · {t.variant === 'PO' ? 'PLO' : 'NLH'} · buy-in {buyInLabel(t.buyIn, t.fee)} ·{' '}
        {t.entries}/{t.maxEntrants} entries{t.status === 'running' && ` (${t.playersLeft} left)`} · pool{' '}
        {displayAmount(t.prizePool)}
        {t.guarantee !== '0' && ` (guaranteed ${displayAmount(t.guarantee)})`} · {t.structureName} ·{' '}
        {t.tableSize}-handed · starts {startLabel(t)}
      </p>
      {cancellable && (
        <div class="row-actions">
          {confirm ? (
            <span class="confirm">
              <span data-testid="admin-tournament-confirm-text">Cancel it? {consequence}</span>
              <button
                type="button"
                class="button button--small button--danger"
                disabled={busy}
                data-testid="admin-tournament-confirm"
                onClick={() => void cancel()}
              >
                Yes
              </button>
              <button
                type="button"
                class="button button--small button--ghost"
                onClick={() => setConfirm(false)}
              >
                No
              </button>
            </span>
          ) : (
            <button
              type="button"
              class="button button--small button--danger"
              disabled={busy}
              data-testid="admin-tournament-cancel"
              onClick={() => setConfirm(true)}
            >
              Cancel tournament
            </button>
          )}
        </div>
      )}
      {message && (
        <p
          class={message.error ? 'form__error' : 'hint'}
          role={message.error ? 'alert' : 'status'}
          data-testid="admin-tournament-message"
        >
          {message.text}
        </p>
      )}
    </article>
  );
}
