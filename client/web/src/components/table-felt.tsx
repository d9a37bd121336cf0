import { useRef } from 'preact/hooks';
import type { HandViewWire, TableView } from '../../../../src/protocol/table-view.js';
import { displayAmount, sumAmounts } from '../money/amounts.js';
import { livePots } from '../table/live-pots.js';
import { HandResult } from './hand-result.js';
import { PlayingCard } from './playing-card.js';
import { SeatView } from './seat-view.js';

interface TableFeltProps {
  readonly view: TableView;
  readonly clockOffsetMs: number;
  readonly canSit: boolean;
  readonly onSit: (seat: number) => void;
  readonly nameOf: (seat: number) => string;
}

/** Where a seat sits: a point of the ellipse, as cosine and sine, the viewer's seat at the bottom. */
function seatAngles(view: TableView): Map<number, { cos: number; sin: number }> {
  const anchor = view.you.seat ?? 1;
  const angles = new Map<number, { cos: number; sin: number }>();
  for (let seat = 1; seat <= view.maxSeats; seat++) {
    const step = (seat - anchor + view.maxSeats) % view.maxSeats;
    const angle = Math.PI / 2 + (step * 2 * Math.PI) / view.maxSeats;
    angles.set(seat, { cos: Number(Math.cos(angle).toFixed(4)), sin: Number(Math.sin(angle).toFixed(4)) });
  }
  return angles;
}

function placed(angle: { cos: number; sin: number }) {
  return { '--cos': String(angle.cos), '--sin': String(angle.sin) };
}

/** The five cards of each winning hand. */
function winningCardsOf(hand: HandViewWire | null): Set<string> {
  const cards = new Set<string>();
  const result = hand?.result;
  if (!result) return cards;
  const winners = new Set(result.pots.flatMap((pot) => pot.winners.map((winner) => winner.seat)));
  for (const shown of result.shown) {
    if (winners.has(shown.seat)) for (const card of shown.hand?.cards ?? []) cards.add(card);
  }
  return cards;
}

const PHASES = ['preflop', 'flop', 'turn', 'river', 'complete'];

/**
 * Chips that fly: this street's bets into the middle when the street ends, the pot to the winners
 * when the hand ends. Each flight is keyed by what caused it, so it plays once; it ends invisible.
 */
function useFlights(hand: HandViewWire | null) {
  const previous = useRef<HandViewWire | null>(null);
  const flights = useRef<{ key: string; from: number; to: number | 'pot'; amount: string }[]>([]);
  const before = previous.current;
  if (hand && before && hand.number === before.number && hand !== before) {
    const fresh: typeof flights.current = [];
    if (PHASES.indexOf(hand.phase) > PHASES.indexOf(before.phase)) {
      for (const player of before.players) {
        if (player.streetCommitted !== '0')
          fresh.push({
            key: `${hand.number}:${before.phase}:${player.seat}`,
            from: player.seat,
            to: 'pot',
            amount: player.streetCommitted,
          });
      }
    }
    if (hand.result && !before.result) {
      for (const pot of hand.result.pots)
        for (const winner of pot.winners)
          fresh.push({
            key: `${hand.number}:won:${winner.seat}:${fresh.length}`,
            from: 0,
            to: winner.seat,
            amount: winner.amount,
          });
    }
    if (fresh.length > 0) flights.current = fresh;
  }
  if (hand?.number !== before?.number) flights.current = [];
  previous.current = hand;
  return flights.current;
}

/** The table seen from above: the seats around the felt, the board, the pots, the result. */
export function TableFelt({ view, clockOffsetMs, canSit, onSit, nameOf }: TableFeltProps) {
  const hand = view.hand;
  const ownSeat = view.you.seat;
  const angles = seatAngles(view);
  const winningCards = winningCardsOf(hand);
  const flights = useFlights(hand);
  const live = hand !== null && hand.phase !== 'complete';
  const pots = hand && live ? livePots(hand.players) : [];
  const total = hand ? sumAmounts(hand.players.map((player) => player.totalCommitted)) : '0';
  const wonBy = (seat: number) => {
    const shares =
      hand?.result?.pots.flatMap((pot) => pot.winners).filter((winner) => winner.seat === seat) ?? [];
    return shares.length > 0 ? sumAmounts(shares.map((share) => share.amount)) : null;
  };
  return (
    <div class={`felt felt--seats-${view.maxSeats}`} data-testid="felt">
      <div class="felt__oval" />
      <div class="felt__center">
        {hand ? (
          <>
            <div class="board" data-testid="board">
              <span class="sr-only">Board:</span>
              {Array.from({ length: 5 }, (_, i) => {
                const card = hand.board[i];
                return card ? (
                  <PlayingCard key={card} card={card} highlight={winningCards.has(card)} />
                ) : (
                  <span key={`slot-${i}`} class="card card--slot" />
                );
              })}
            </div>
            {hand.secondBoard && (
              // The board run twice: the second run under the first, its shared cards dimmed.
              <div class="board board--second" data-testid="second-board">
                <span class="sr-only">Second board:</span>
                {hand.secondBoard.map((card, i) => (
                  <span key={`second-${card}`} class={card === hand.board[i] ? 'board__shared' : undefined}>
                    <PlayingCard card={card} highlight={false} />
                  </span>
                ))}
              </div>
            )}
            {live ? (
              <div class="pots" data-testid="pots">
                <span class="pots__total">
                  Pot <strong data-testid="pot">{displayAmount(total)}</strong>
                </span>
                {pots.length > 1 &&
                  pots.map((pot) => (
                    <span key={pot.label} class="pots__pot" data-testid="side-pot">
                      {pot.label} {displayAmount(pot.amount)}
                    </span>
                  ))}
              </div>
            ) : (
              <HandResult hand={hand} nameOf={nameOf} ownSeat={ownSeat} />
            )}
          </>
        ) : (
          <p class="felt__waiting" data-testid="table-waiting">
            {view.status === 'waiting' ? 'Waiting for players…' : `Table ${view.status}`}
          </p>
        )}
      </div>
      {view.seats.map((seat) => {
        const angle = angles.get(seat.seat)!;
        const inHand = hand?.players.find((player) => player.seat === seat.seat);
        const bet = inHand && inHand.streetCommitted !== '0' && live ? inHand.streetCommitted : null;
        return (
          <div key={seat.seat} class="felt__spot" style={placed(angle)}>
            <SeatView
              seat={seat}
              hand={hand}
              isYou={seat.seat === ownSeat}
              canSit={canSit}
              onSit={onSit}
              clockOffsetMs={clockOffsetMs}
              winningCards={winningCards}
              won={wonBy(seat.seat)}
              holeCount={view.stakes.variant === 'PO' ? 4 : 2}
              equityPercent={
                hand?.equity?.players.find((entry) => entry.seat === seat.seat)?.sharePercent ?? null
              }
            />
            {bet && (
              <div class="chips chips--bet" data-testid={`seat-${seat.seat}-bet`} key={`bet-${bet}`}>
                {displayAmount(bet)}
              </div>
            )}
          </div>
        );
      })}
      {flights.map((flight) => {
        const from = flight.from === 0 ? { cos: 0, sin: 0 } : angles.get(flight.from)!;
        const to = flight.to === 'pot' ? { cos: 0, sin: 0 } : angles.get(flight.to)!;
        return (
          <div
            key={flight.key}
            class={`chips chips--fly ${flight.to === 'pot' ? 'chips--to-pot' : 'chips--to-winner'}`}
            aria-hidden="true"
            style={{
              '--from-cos': String(from.cos),
              '--from-sin': String(from.sin),
              '--to-cos': String(to.cos),
              '--to-sin': String(to.sin),
            }}
          >
            {displayAmount(flight.amount)}
          </div>
        );
      })}
    </div>
  );
}
