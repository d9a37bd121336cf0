import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ActionBar } from '../components/action-bar.js';
import { DealerLog } from '../components/dealer-log.js';
import { PreActions } from '../components/pre-actions.js';
import { RunoutPanel } from '../components/runout-panel.js';
import { SoundToggle } from '../components/sound-toggle.js';
import { TableFelt } from '../components/table-felt.js';
import { TournamentHud } from '../components/tournament-hud.js';
import { TableFeed } from '../realtime/table-feed.js';
import { hrefOf } from '../router.js';
import type { Session } from '../state/session.js';
import { useStore } from '../state/store.js';
import { rememberTableName } from '../state/toasts.js';
import { refreshWallet } from '../state/wallet.js';
import { canPreAct, type PreAction, preActionMove, stillHolds } from '../table/pre-actions.js';
import { playTimeBank, playYourTurn, unlockSounds } from '../table/sounds.js';
import { atFinalTable } from '../tournaments/deal.js';
import { DealPanel } from '../tournaments/deal-panel.js';
import { gameLabel, gameShortLabel, stakesLabel } from './lobby-page.js';
import { SeatControls, type SeatMessage } from './seat-controls.js';
import { SitDialog } from './sit-dialog.js';

const PHASE_LABELS: Record<string, string> = {
  preflop: 'Pre-flop',
  flop: 'Flop',
  turn: 'Turn',
  river: 'River',
  complete: 'Hand over',
};

/**
 * One table, fitted to the window without scrolling (a laptop's 1366×768 and a phone's 390×844,
 * at 6 and 9 seats): the felt with the seats (yours at the bottom, never under anything), a dock
 * under it with your actions and your seat's controls, and the dealer log with the chat beside it
 * (a drawer on a phone).
 */
export function TablePage({ tableId, session }: { tableId: string; session: Session }) {
  const userId = session.user.id;
  const feed = useMemo(() => new TableFeed(tableId, userId), [tableId, userId]);
  useEffect(() => {
    feed.start();
    return () => feed.stop();
  }, [feed]);
  const state = useStore(feed.state);
  const [sitSeat, setSitSeat] = useState<number | null>(null);
  const [message, setMessage] = useState<SeatMessage | null>(null);
  const [preAction, setPreAction] = useState<PreAction | null>(null);
  const [logOpen, setLogOpen] = useState(false);
  const turnSounded = useRef<string | null>(null);

  useEffect(() => {
    window.addEventListener('pointerdown', unlockSounds, { once: true });
    window.addEventListener('keydown', unlockSounds, { once: true });
  }, []);

  // Chips moved between wallet and table: the top bar's balance follows.
  useEffect(() => {
    if (state.notices.some((notice) => notice.kind === 'cashed-out' || notice.kind === 'top-up-applied')) {
      void refreshWallet();
    }
  }, [state.notices]);

  const view = state.view;
  const hand = view?.hand ?? null;
  // A toast about this table (a tournament's move) can then say its name.
  useEffect(() => {
    if (view) rememberTableName(view.tableId, view.name);
  }, [view?.tableId, view?.name]);
  const ownSeat = view?.you.seat ?? null;
  const yourTurn = hand?.legal != null && ownSeat !== null;
  const turnKey = hand ? `${hand.number}:${hand.turn}` : '';

  // A pre-action holds only while what it assumed holds; at your turn it is played, once.
  useEffect(() => {
    if (!preAction) return;
    if (!stillHolds(preAction, hand, ownSeat)) {
      setPreAction(null);
      return;
    }
    if (!yourTurn || !hand?.legal) return;
    const move = preActionMove(preAction.kind, hand.legal);
    setPreAction(null);
    if (move) void feed.act(move);
  }, [preAction, hand, ownSeat, yourTurn]);

  // Your turn sounds once (unless a pre-action plays it); the time bank starting sounds too.
  useEffect(() => {
    if (!yourTurn || preAction || turnSounded.current === turnKey) return;
    turnSounded.current = turnKey;
    playYourTurn();
  }, [yourTurn, turnKey]);
  const usingBank = yourTurn && hand?.clock?.usingTimeBank === true;
  useEffect(() => {
    if (usingBank) playTimeBank();
  }, [usingBank]);

  if (!view) {
    return (
      <main class="page">
        <p class="empty" data-testid="table-loading">
          {state.error ?? 'Joining the table…'}
        </p>
        <a class="button" href={hrefOf({ page: 'lobby' })}>
          Back to the lobby
        </a>
      </main>
    );
  }
  // At a tournament table the director seats and moves players: no sitting, buying in, topping up
  // or leaving with chips here (the server refuses them: table/tournament-seating).
  const tournament = view.tournament ?? null;
  const back = tournament
    ? { href: hrefOf({ page: 'tournament', tournamentId: tournament.tournamentId }), label: 'Tournament' }
    : { href: hrefOf({ page: 'lobby' }), label: 'Lobby' };
  const canSit =
    tournament === null &&
    ownSeat === null &&
    session.user.role === 'player' &&
    view.status !== 'halted' &&
    view.status !== 'closing';
  const chatEntries = state.log.filter((entry) => entry.kind === 'chat').length;
  // A player at the final table talks deals here, where they sit when one is proposed.
  const dealTalk =
    tournament !== null && ownSeat !== null && atFinalTable(tournament.playersLeft, view.maxSeats);

  return (
    <main
      class={`table-page${logOpen ? ' table-page--log-open' : ''}`}
      data-testid="table-page"
      data-seq={view.seq}
      data-status={view.status}
      data-hand={hand?.number ?? 0}
      data-phase={hand?.phase ?? 'none'}
      data-your-seat={ownSeat ?? 0}
      data-seats={view.maxSeats}
      data-tournament={tournament?.tournamentId ?? ''}
    >
      <div class="table-page__main">
        <div class="table-page__head">
          <a
            class="button button--ghost button--small"
            href={back.href}
            aria-label={`Back to the ${back.label.toLowerCase()}`}
            data-testid="back-to-lobby"
          >
            ← <span class={tournament ? 'table-page__back-label' : undefined}>{back.label}</span>
          </a>
          <h1 class="table-page__name">{view.name}</h1>
          <span class="table-page__stakes" data-testid="table-stakes" title={gameLabel(view.stakes)}>
            {gameShortLabel(view.stakes)} {!tournament && stakesLabel(view.stakes)}
            {view.stakes.runItTwice && <span class="table-page__rit"> · RIT</span>}
          </span>
          {hand && (
            <span class="table-page__hand" data-testid="hand-number">
              #{hand.number} · {PHASE_LABELS[hand.phase]}
            </span>
          )}
          <SoundToggle />
          <button
            type="button"
            class="button button--ghost button--small table-page__log-toggle"
            aria-expanded={logOpen}
            data-testid="log-toggle"
            onClick={() => setLogOpen(!logOpen)}
          >
            {logOpen ? 'Table' : `Log${chatEntries > 0 ? ' · chat' : ''}`}
          </button>
        </div>
        {tournament && <TournamentHud tournament={tournament} clockOffsetMs={state.clockOffsetMs} />}
        <TableFelt
          view={view}
          clockOffsetMs={state.clockOffsetMs}
          canSit={canSit}
          onSit={setSitSeat}
          nameOf={feed.nameOf}
        />
        <div class="dock" data-testid="dock">
          {dealTalk && (
            <DealPanel
              tournamentId={tournament.tournamentId}
              userId={userId}
              layout="table"
              clockOffsetMs={state.clockOffsetMs}
              // Read at each new hand too: a poll that stopped after its longest run starts again.
              refreshKey={hand?.number ?? 0}
            />
          )}
          {hand?.runout && (
            <RunoutPanel
              hand={hand}
              ownSeat={ownSeat}
              clockOffsetMs={state.clockOffsetMs}
              nameOf={feed.nameOf}
              onDecide={(agree) => feed.runTwice(agree)}
            />
          )}
          {yourTurn && hand && ownSeat !== null ? (
            <ActionBar
              // One bar per turn: it stays busy after acting until the view moves on to the next turn.
              key={turnKey}
              hand={hand}
              ownSeat={ownSeat}
              stakes={view.stakes}
              onAct={(kind, amount) => feed.act(kind, amount)}
            />
          ) : (
            canPreAct(hand, ownSeat) &&
            hand &&
            ownSeat !== null && (
              <PreActions hand={hand} ownSeat={ownSeat} chosen={preAction} onChoose={setPreAction} />
            )
          )}
          {ownSeat !== null && tournament === null && (
            <SeatControls feed={feed} view={view} ownSeat={ownSeat} onMessage={setMessage} />
          )}
          {message && (
            <p
              class={`table-page__message${message.error ? ' table-page__message--error' : ''}`}
              role={message.error ? 'alert' : 'status'}
              data-testid="seat-message"
              data-error={message.error ? 'true' : 'false'}
            >
              {message.text}
              <button type="button" class="link" aria-label="Dismiss" onClick={() => setMessage(null)}>
                ×
              </button>
            </p>
          )}
          {state.notices.length > 0 && (
            <ul class="notices" aria-live="polite">
              {state.notices.map((notice) => (
                <li
                  key={notice.id}
                  class={`notice${notice.code || notice.kind.endsWith('failed') || notice.kind === 'table-halted' ? ' notice--error' : ''}`}
                  data-testid="table-notice"
                  data-kind={notice.kind}
                >
                  {notice.message}
                  <button
                    type="button"
                    class="button button--ghost button--small"
                    aria-label="Dismiss"
                    onClick={() => feed.dismissNotice(notice.id)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <aside class="table-page__side" data-testid="side-panel">
        <DealerLog
          entries={state.log}
          ownUserId={userId}
          onChat={session.user.role === 'player' ? (text) => feed.chat(text) : null}
        />
      </aside>
      {sitSeat !== null && ownSeat === null && (
        <SitDialog feed={feed} seat={sitSeat} stakes={view.stakes} onClose={() => setSitSeat(null)} />
      )}
    </main>
  );
}
