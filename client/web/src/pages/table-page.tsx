import { useEffect, useMemo, useState } from 'preact/hooks';
import type { TableView } from '../../../../src/protocol/table-view.js';
import { ActionBar } from '../components/action-bar.js';
import { HandResult } from '../components/hand-result.js';
import { PlayingCard } from '../components/playing-card.js';
import { SeatView } from '../components/seat-view.js';
import { displayAmount, sumAmounts } from '../money/amounts.js';
import { TableFeed } from '../realtime/table-feed.js';
import { hrefOf } from '../router.js';
import { useStore } from '../state/store.js';
import { refreshWallet } from '../state/wallet.js';
import { stakesLabel } from './lobby-page.js';
import { SeatControls } from './seat-controls.js';
import { SitDialog } from './sit-dialog.js';

const PHASE_LABELS: Record<string, string> = {
  preflop: 'Pre-flop',
  flop: 'Flop',
  turn: 'Turn',
  river: 'River',
  complete: 'Hand over',
};

/** Seats around an ellipse, clockwise, the viewer's seat (or seat 1) at the bottom. */
function seatPositions(view: TableView): Map<number, { x: string; y: string }> {
  const anchor = view.you.seat ?? 1;
  const positions = new Map<number, { x: string; y: string }>();
  for (let seat = 1; seat <= view.maxSeats; seat++) {
    const step = (seat - anchor + view.maxSeats) % view.maxSeats;
    const angle = Math.PI / 2 + (step * 2 * Math.PI) / view.maxSeats;
    positions.set(seat, {
      x: `${(50 + 42 * Math.cos(angle)).toFixed(2)}%`,
      y: `${(50 + 40 * Math.sin(angle)).toFixed(2)}%`,
    });
  }
  return positions;
}

export function TablePage({ tableId, userId }: { tableId: string; userId: string }) {
  const feed = useMemo(() => new TableFeed(tableId, userId), [tableId, userId]);
  useEffect(() => {
    feed.start();
    return () => feed.stop();
  }, [feed]);
  const state = useStore(feed.state);
  const [sitSeat, setSitSeat] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  // Chips moved between wallet and table: the top bar's balance follows.
  useEffect(() => {
    if (state.notices.some((notice) => notice.kind === 'cashed-out' || notice.kind === 'top-up-applied')) {
      void refreshWallet();
    }
  }, [state.notices]);

  const view = state.view;
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
  const hand = view.hand;
  const ownSeat = view.you.seat;
  const positions = seatPositions(view);
  const streetBets = hand ? sumAmounts(hand.players.map((player) => player.streetCommitted)) : '0';
  const live = hand !== null && hand.phase !== 'complete';

  return (
    <main
      class="table-page"
      data-testid="table-page"
      data-seq={view.seq}
      data-status={view.status}
      data-hand={hand?.number ?? 0}
      data-phase={hand?.phase ?? 'none'}
      data-your-seat={ownSeat ?? 0}
    >
      <div class="table-page__head">
        <a
          class="button button--ghost button--small"
          href={hrefOf({ page: 'lobby' })}
          data-testid="back-to-lobby"
        >
          ← Lobby
        </a>
        <h1 class="table-page__name">{view.name}</h1>
        <span class="table-page__stakes">{stakesLabel(view.stakes)}</span>
        {hand && (
          <span class="table-page__hand" data-testid="hand-number">
            Hand #{hand.number} · {PHASE_LABELS[hand.phase]}
          </span>
        )}
      </div>
      <div class={`felt felt--seats-${view.maxSeats}`}>
        <div class="felt__center">
          {hand ? (
            <>
              <div class="board" data-testid="board">
                <span class="sr-only">Board:</span>
                {Array.from({ length: 5 }, (_, i) => {
                  const card = hand.board[i];
                  return card ? (
                    <PlayingCard key={card} card={card} />
                  ) : (
                    <span key={`slot-${i}`} class="card card--slot" />
                  );
                })}
              </div>
              <div class="pot">
                <span>
                  Pot <strong data-testid="pot">{displayAmount(sumAmounts([hand.pot, streetBets]))}</strong>
                </span>
                {live && streetBets !== '0' && hand.pot !== '0' && (
                  <span class="pot__collected" title="From earlier streets; the rest is this street's bets">
                    {displayAmount(hand.pot)} collected
                  </span>
                )}
              </div>
            </>
          ) : (
            <p class="felt__waiting" data-testid="table-waiting">
              {view.status === 'waiting' ? 'Waiting for players…' : `Table ${view.status}`}
            </p>
          )}
        </div>
        {view.seats.map((seat) => (
          <SeatView
            key={seat.seat}
            seat={seat}
            hand={hand}
            isYou={seat.seat === ownSeat}
            canSit={ownSeat === null && view.status !== 'halted' && view.status !== 'closing'}
            onSit={setSitSeat}
            clockOffsetMs={state.clockOffsetMs}
            position={positions.get(seat.seat)!}
          />
        ))}
      </div>
      {hand?.phase === 'complete' && <HandResult hand={hand} seats={view.seats} ownSeat={ownSeat} />}
      {hand?.legal && ownSeat !== null && (
        <ActionBar
          // One bar per turn: it stays busy after acting until the view moves on to the next turn.
          key={`${hand.number}:${hand.turn}`}
          hand={hand}
          ownSeat={ownSeat}
          stakes={view.stakes}
          onAct={(kind, amount) => feed.act(kind, amount)}
        />
      )}
      {ownSeat !== null && <SeatControls feed={feed} view={view} ownSeat={ownSeat} onMessage={setMessage} />}
      {message && (
        <p class="table-page__message" role="status" data-testid="seat-message">
          {message}
        </p>
      )}
      {state.notices.length > 0 && (
        <ul class="notices" aria-live="polite">
          {state.notices.map((notice) => (
            <li key={notice.id} class="notice" data-testid="table-notice" data-kind={notice.kind}>
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
      {sitSeat !== null && ownSeat === null && (
        <SitDialog feed={feed} seat={sitSeat} stakes={view.stakes} onClose={() => setSitSeat(null)} />
      )}
    </main>
  );
}
