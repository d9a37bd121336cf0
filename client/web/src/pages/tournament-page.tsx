import { useEffect, useState } from 'preact/hooks';
import type {
  TournamentDetailResponse,
  TournamentEntrantOut,
  TournamentLiveOut,
} from '../../../../src/protocol/http-tournaments.js';
import { tournament, tournamentRegistration } from '../api/endpoints.js';
import { ApiRequestError } from '../api/http.js';
import { useNow } from '../components/use-now.js';
import { displayAmount } from '../money/amounts.js';
import { tournamentNoticeStore } from '../realtime/tournament-notices.js';
import { hrefOf } from '../router.js';
import type { Session } from '../state/session.js';
import { useStore } from '../state/store.js';
import { refreshWallet, walletStore } from '../state/wallet.js';
import { atFinalTable } from '../tournaments/deal.js';
import { DealPanel } from '../tournaments/deal-panel.js';
import {
  blindsLabel,
  buyInLabel,
  chips,
  countdown,
  DETAIL_POLL_MAX_MS,
  DETAIL_POLL_MS,
  durationLabel,
  entryCost,
  KIND_LABELS,
  ordinal,
  resultSentence,
  STATUS_LABELS,
  startLabel,
  structureRows,
} from '../tournaments/format.js';
import { usePolled } from '../tournaments/use-polled.js';

const GAME_LABELS = { NT: "No-Limit Hold'em", PO: 'Pot-Limit Omaha' } as const;
const ENTRY_LABELS: Record<TournamentEntrantOut['status'], string> = {
  registered: 'Registered',
  unregistered: 'Unregistered',
  refunded: 'Refunded',
  playing: 'Playing',
  eliminated: 'Out',
  finished: 'Finished',
  cancelled: 'Paid out (cancelled)',
};

interface Message {
  readonly text: string;
  readonly code: string | null;
}

/**
 * One tournament: registration, the live state (level, blinds, the time to the next level), the
 * structure, the payouts and the entrants. Read again every few seconds while open (bounded), and at
 * once on a notice of the player's.
 */
export function TournamentPage({ tournamentId, session }: { tournamentId: string; session: Session }) {
  const notice = useStore(tournamentNoticeStore);
  const detail = usePolled(
    (signal) => tournament(tournamentId, signal),
    DETAIL_POLL_MS,
    DETAIL_POLL_MAX_MS,
    notice?.notice.tournamentId === tournamentId ? notice.count : null,
    'the tournament could not be read',
  );
  const data = detail.data;
  // The deal panel shows while a deal may be made, and stays (answers only, its last state) once a
  // deal it showed ended the tournament, so that the player sees what was agreed.
  const dealOpen =
    data?.tournament.status === 'running' &&
    atFinalTable(data.tournament.playersLeft, data.tournament.tableSize) &&
    (data.you?.entries.some((entry) => entry.status === 'playing') ?? false);
  const [dealShown, setDealShown] = useState(false);
  useEffect(() => {
    if (dealOpen) setDealShown(true);
  }, [dealOpen]);
  if (!data) {
    return (
      <main class="page">
        <p class="empty" data-testid="tournament-loading">
          {detail.error ?? 'Loading the tournament…'}
        </p>
        <a class="button" href={hrefOf({ page: 'tournaments' })}>
          Back to the tournaments
        </a>
      </main>
    );
  }
  const t = data.tournament;
  return (
    <main class="page tournament" data-testid="tournament-page" data-status={t.status}>
      <div class="page__head">
        <a class="button button--ghost button--small" href={hrefOf({ page: 'tournaments' })}>
          ← Tournaments
        </a>
        <h1 data-testid="tournament-name">{t.name}</h1>
        <span class={`status status--t-${t.status}`} data-testid="tournament-status">
          {STATUS_LABELS[t.status]}
        </span>
      </div>
      {detail.error && (
        <p class="form__error" role="alert">
          {detail.error}
        </p>
      )}
      {detail.paused && (
        <p class="hint">
          This page stopped updating.{' '}
          <button type="button" class="link" onClick={detail.reload}>
            Update it
          </button>
        </p>
      )}
      <p class="tournament__facts" data-testid="tournament-facts">
        {KIND_LABELS[t.kind]} · {GAME_LABELS[t.variant]} · buy-in {buyInLabel(t.buyIn, t.fee)} · starting
        stack {chips(t.startingStack)} · {t.structureName} structure · {t.tableSize}-handed ·{' '}
        {t.kind === 'SNG' ? `starts when ${t.maxEntrants} have registered` : `starts ${startLabel(t)}`}
        {t.lateRegistrationLevels > 0 && ` · late registration ${t.lateRegistrationLevels} levels`}
        {t.maxEntriesPerPlayer > 1 && ` · up to ${t.maxEntriesPerPlayer} entries each`}
      </p>
      <div class="tournament__grid">
        {/* Anew on a change of status: a message about the last click does not outlive it. */}
        <YourEntry key={t.status} data={data} session={session} onChanged={detail.reload} />
        <section class="panel tournament__summary" aria-label="Summary">
          <dl class="facts">
            <div>
              <dt>Entries</dt>
              <dd data-testid="tournament-entries">
                {t.entries}/{t.maxEntrants}
              </dd>
            </div>
            <div>
              <dt>Prize pool</dt>
              <dd data-testid="tournament-pool">{displayAmount(t.prizePool)}</dd>
            </div>
            {t.guarantee !== '0' && (
              <div>
                <dt>Guaranteed</dt>
                <dd>{displayAmount(t.guarantee)}</dd>
              </div>
            )}
            <div>
              <dt>Players left</dt>
              <dd data-testid="tournament-players-left">{t.playersLeft}</dd>
            </div>
          </dl>
        </section>
        {data.live && <LivePanel live={data.live} playersLeft={t.playersLeft} />}
        {(dealOpen || (dealShown && t.status === 'finished')) && (
          <DealPanel
            tournamentId={t.id}
            userId={session.user.id}
            layout="page"
            over={!dealOpen}
            refreshKey={notice?.notice.tournamentId === tournamentId ? notice.count : null}
          />
        )}
      </div>
      <div class="tournament__columns">
        <Payouts payouts={data.payouts} />
        <Structure data={data} />
        <Entrants entrants={data.entrants} />
      </div>
    </main>
  );
}

function YourEntry({
  data,
  session,
  onChanged,
}: {
  data: TournamentDetailResponse;
  session: Session;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [error, setError] = useState<Message | null>(null);
  const wallet = useStore(walletStore);
  const t = data.tournament;
  const you = data.you;
  if (session.user.role !== 'player' || !you) return null;
  // An entry unregistered (or refunded) is history: the list shows the entries bought and standing.
  const entries = you.entries.filter(
    (entry) => entry.status !== 'unregistered' && entry.status !== 'refunded',
  );
  const playing = you.entries.find((entry) => entry.status === 'playing' && entry.tableId !== null);
  const done = you.entries.filter((entry) => entry.place !== null);
  const cost = entryCost(t.buyIn, t.fee);

  const act = async (action: 'register' | 'unregister') => {
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      const answer = await tournamentRegistration(t.id, action);
      walletStore.set(answer.walletBalance);
      setMessage({
        text:
          action === 'register'
            ? `You are registered: ${displayAmount(cost)} taken from your wallet.`
            : `You are unregistered: ${displayAmount(cost)} is back in your wallet.`,
        code: null,
      });
      onChanged();
    } catch (caught) {
      setError(
        caught instanceof ApiRequestError
          ? {
              text: `${action === 'register' ? 'Registration' : 'Unregistration'} refused: ${caught.message}`,
              code: caught.code,
            }
          : { text: 'that did not work; try again', code: null },
      );
      void refreshWallet();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel tournament__you" aria-label="Your entry" data-testid="tournament-you">
      <h2 class="panel__title">Your entry</h2>
      {entries.length === 0 ? (
        <p class="hint" data-testid="your-entry-none">
          {you.entries.some((entry) => entry.status === 'refunded')
            ? 'Your entry was refunded: the buy-in and the fee are back in your wallet.'
            : you.canRegister
              ? `You are not registered. An entry costs ${displayAmount(cost)}${wallet === null ? '' : `; your wallet holds ${displayAmount(wallet)}`}.`
              : 'You are not registered.'}
        </p>
      ) : (
        <ul class="tournament__entries" data-testid="your-entries">
          {entries.map((entry, index) => (
            <li key={entry.entryNumber} data-testid="your-entry" data-status={entry.status}>
              {entries.length > 1 && `Entry ${index + 1}: `}
              {ENTRY_LABELS[entry.status]}
              {entry.stack !== null && ` · ${chips(entry.stack)} chips`}
            </li>
          ))}
        </ul>
      )}
      {done.map((entry) => (
        <p class="tournament__result" key={entry.entryNumber} data-testid="your-result">
          {resultSentence(entry.place, entry.prize)}
        </p>
      ))}
      <div class="row-actions">
        {playing?.tableId && (
          <a
            class="button button--primary"
            href={hrefOf({ page: 'table', tableId: playing.tableId })}
            data-testid="go-to-table"
          >
            Go to my table
          </a>
        )}
        {you.canRegister && (
          <button
            type="button"
            class="button button--primary"
            disabled={busy}
            data-testid="tournament-register"
            onClick={() => void act('register')}
          >
            {entries.length > 0 ? 'Re-enter' : 'Register'} · {displayAmount(cost)}
          </button>
        )}
        {you.canUnregister && (
          <button
            type="button"
            class="button button--ghost"
            disabled={busy}
            data-testid="tournament-unregister"
            onClick={() => void act('unregister')}
          >
            Unregister
          </button>
        )}
      </div>
      {message && (
        <p class="hint" role="status" data-testid="tournament-message">
          {message.text}
        </p>
      )}
      {error && (
        <p class="form__error" role="alert" data-testid="tournament-error" data-code={error.code ?? ''}>
          {error.text}
        </p>
      )}
    </section>
  );
}

function LivePanel({ live, playersLeft }: { live: TournamentLiveOut; playersLeft: number }) {
  const endsAt = live.levelEndsAt === null ? null : Date.parse(live.levelEndsAt);
  const now = useNow(endsAt !== null, 1_000);
  return (
    <section class="panel tournament__live" aria-label="Live" data-testid="tournament-live">
      <dl class="facts">
        <div>
          <dt>{live.onBreak ? 'Break after level' : 'Level'}</dt>
          <dd data-testid="live-level">{live.level}</dd>
        </div>
        <div>
          <dt>Blinds</dt>
          <dd data-testid="live-blinds">{blindsLabel(live.smallBlind, live.bigBlind, live.ante)}</dd>
        </div>
        <div>
          <dt>{live.onBreak ? 'Play resumes in' : 'Next level in'}</dt>
          <dd data-testid="live-countdown">{endsAt === null ? '—' : countdown(endsAt - now)}</dd>
        </div>
        <div>
          <dt>Players left</dt>
          <dd>{playersLeft}</dd>
        </div>
        <div>
          <dt>Average stack</dt>
          <dd>{chips(live.averageStack)}</dd>
        </div>
      </dl>
      {live.handForHand && <p class="hint">Hand-for-hand: one hand at a time on every table.</p>}
      <p class="tournament__tables">
        Tables:{' '}
        {live.tables.map((table, index) => (
          <span key={table.tableId}>
            {index > 0 && ', '}
            <a class="link" href={hrefOf({ page: 'table', tableId: table.tableId })}>
              {index + 1} ({table.players})
            </a>
          </span>
        ))}
      </p>
    </section>
  );
}

function Payouts({ payouts }: { payouts: TournamentDetailResponse['payouts'] }) {
  return (
    <section class="panel" aria-label="Payouts">
      <h2 class="panel__title">Payouts</h2>
      {payouts.length === 0 ? (
        <p class="hint">Set once enough players have registered.</p>
      ) : (
        <table class="data" data-testid="tournament-payouts">
          <thead>
            <tr>
              <th>Place</th>
              <th class="num">Prize</th>
            </tr>
          </thead>
          <tbody>
            {payouts.map((payout) => (
              <tr key={payout.place}>
                <td>{ordinal(payout.place)}</td>
                <td class="num">{displayAmount(payout.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Structure({ data }: { data: TournamentDetailResponse }) {
  const current = data.live?.level ?? null;
  const onBreak = data.live?.onBreak ?? false;
  return (
    <section class="panel" aria-label="Structure">
      <h2 class="panel__title">Structure · {chips(data.structure.startingStack)} chips</h2>
      <table class="data" data-testid="tournament-structure">
        <thead>
          <tr>
            <th>Level</th>
            <th>Blinds</th>
            <th class="num">Length</th>
          </tr>
        </thead>
        <tbody>
          {structureRows(data.structure).map((row, index) =>
            row.kind === 'level' ? (
              <tr
                key={index}
                class={row.level === current && !onBreak ? 'data__current' : undefined}
                data-testid="structure-level"
              >
                <td>{row.level}</td>
                <td>{row.blinds}</td>
                <td class="num">{durationLabel(row.durationMs)}</td>
              </tr>
            ) : (
              <tr
                key={index}
                class={`data__break${row.afterLevel === current && onBreak ? ' data__current' : ''}`}
                data-testid="structure-break"
              >
                <td colSpan={2}>Break</td>
                <td class="num">{durationLabel(row.durationMs)}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </section>
  );
}

function Entrants({ entrants }: { entrants: readonly TournamentEntrantOut[] }) {
  // A player listed twice (a re-entry) is told apart by the entry's number.
  const counts = new Map<string, number>();
  for (const entrant of entrants) counts.set(entrant.username, (counts.get(entrant.username) ?? 0) + 1);
  return (
    <section class="panel" aria-label="Entrants">
      <h2 class="panel__title">Entrants ({entrants.length})</h2>
      {entrants.length === 0 ? (
        <p class="hint">Nobody yet.</p>
      ) : (
        <table class="data" data-testid="tournament-entrants">
          <thead>
            <tr>
              <th>Player</th>
              <th class="num">Stack</th>
              <th class="num">Place</th>
              <th class="num">Prize</th>
            </tr>
          </thead>
          <tbody>
            {entrants.map((entrant) => (
              <tr
                key={`${entrant.username}#${entrant.entryNumber}`}
                data-testid="tournament-entrant"
                data-status={entrant.status}
              >
                <td>
                  {entrant.username}
                  {(counts.get(entrant.username) ?? 0) > 1 && ` (entry ${entrant.entryNumber})`}
                </td>
                <td class="num">{entrant.stack === null ? '—' : chips(entrant.stack)}</td>
                <td class="num">{entrant.place === null ? '—' : ordinal(entrant.place)}</td>
                <td class="num">{entrant.prize === null ? '—' : displayAmount(entrant.prize)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
