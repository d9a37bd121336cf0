import type { TournamentSummaryOut } from '../../../../src/protocol/http-tournaments.js';
import { tournaments } from '../api/endpoints.js';
import { LobbyTabs } from '../components/lobby-tabs.js';
import { displayAmount } from '../money/amounts.js';
import { tournamentNoticeStore } from '../realtime/tournament-notices.js';
import { hrefOf } from '../router.js';
import type { Session } from '../state/session.js';
import { useStore } from '../state/store.js';
import { buyInLabel, entriesLabel, KIND_LABELS, STATUS_LABELS, startLabel } from '../tournaments/format.js';
import { usePolled } from '../tournaments/use-polled.js';

const GAME_LABELS: Record<TournamentSummaryOut['variant'], string> = { NT: "NL Hold'em", PO: 'PLO' };
const LIST_POLL_MS = 5_000;
const LIST_POLL_MAX_MS = 30 * 60_000;
/** Open ones first (registering, running), then the rest; the soonest start first within each. */
const STATUS_ORDER: Record<TournamentSummaryOut['status'], number> = {
  registering: 0,
  running: 1,
  cancelling: 2,
  finished: 3,
  cancelled: 4,
};

function sorted(list: readonly TournamentSummaryOut[]): TournamentSummaryOut[] {
  const startOf = (t: TournamentSummaryOut) => t.startedAt ?? t.scheduledStart ?? t.createdAt;
  return [...list].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || startOf(a).localeCompare(startOf(b)),
  );
}

/** The lobby's tournaments: what each costs, how full it is, its pool and when it starts. */
export function TournamentsPage({ session }: { session: Session }) {
  const notice = useStore(tournamentNoticeStore);
  const list = usePolled(
    () => tournaments(),
    LIST_POLL_MS,
    LIST_POLL_MAX_MS,
    notice?.count ?? null,
    'the tournaments could not be read',
  );
  const shown = sorted(list.data?.tournaments ?? []);
  return (
    <main class="page">
      <div class="page__head">
        <h1>Lobby</h1>
      </div>
      <LobbyTabs current="tournaments" />
      {list.error && (
        <p class="form__error" role="alert">
          {list.error}
        </p>
      )}
      {list.paused && (
        <p class="hint">
          This list stopped updating.{' '}
          <button type="button" class="link" onClick={list.reload}>
            Update it
          </button>
        </p>
      )}
      {list.data && shown.length === 0 ? (
        <div class="empty" data-testid="tournaments-empty">
          No tournaments yet.{' '}
          {session.user.role === 'admin' ? (
            <>
              Create one on the <a href={hrefOf({ page: 'admin' })}>Admin</a> page (Tournaments tab).
            </>
          ) : (
            'An operator schedules them; they appear here.'
          )}
        </div>
      ) : (
        <div class="table-list" data-testid="tournament-list">
          {shown.map((t) => (
            <article class="table-row" key={t.id} data-testid="tournament-row" data-tournament-id={t.id}>
              <div class="table-row__main tournament-row__main">
                <h2 class="table-row__name">{t.name}</h2>
                <span class="table-row__game">
                  {KIND_LABELS[t.kind]} · {GAME_LABELS[t.variant]}
                </span>
                <span class="table-row__stakes tournament-row__buy-in" data-testid="tournament-buy-in">
                  {buyInLabel(t.buyIn, t.fee)}
                </span>
              </div>
              <dl class="table-row__facts">
                <div>
                  <dt>Entries</dt>
                  <dd data-testid="tournament-entries">{entriesLabel(t)}</dd>
                </div>
                <div>
                  <dt>Prize pool</dt>
                  <dd data-testid="tournament-pool">{displayAmount(t.prizePool)}</dd>
                </div>
                <div>
                  <dt>Starts</dt>
                  <dd>{startLabel(t)}</dd>
                </div>
              </dl>
              <span class={`status status--t-${t.status}`} data-testid="tournament-status">
                {STATUS_LABELS[t.status]}
              </span>
              <a
                class="button button--primary"
                href={hrefOf({ page: 'tournament', tournamentId: t.id })}
                data-testid="open-tournament"
              >
                {t.status === 'registering' ? 'Open' : 'View'}
                <span class="sr-only"> {t.name}</span>
              </a>
            </article>
          ))}
        </div>
      )}
    </main>
  );
}
