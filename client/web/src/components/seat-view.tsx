import type {
  HandPlayerWire,
  HandViewWire,
  SeatView as SeatWire,
} from '../../../../src/protocol/table-view.js';
import { displayAmount, sumAmounts } from '../money/amounts.js';
import { ActionClock } from './action-clock.js';
import { PlayingCard } from './playing-card.js';

interface SeatViewProps {
  readonly seat: SeatWire;
  readonly hand: HandViewWire | null;
  readonly isYou: boolean;
  /** Whether the viewer may take this (empty) seat. */
  readonly canSit: boolean;
  readonly onSit: (seat: number) => void;
  readonly clockOffsetMs: number;
  /** Where around the table, as CSS lengths (desktop layout only). */
  readonly position: { readonly x: string; readonly y: string };
}

const STATUS_LABELS: Record<string, string> = {
  reserved: 'Buying in…',
  'waiting-for-big-blind': 'Waits for the big blind',
  'sitting-out': 'Sitting out',
  leaving: 'Leaving after this hand',
};

/** A local time (ms since the epoch) as the time of day. */
function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function HoleCards({ player, hand }: { player: HandPlayerWire; hand: HandViewWire }) {
  if (player.holeCards)
    return (
      <>
        {player.holeCards.map((card) => (
          <PlayingCard key={card} card={card} />
        ))}
      </>
    );
  if (player.folded || hand.phase === 'complete') return null;
  return (
    <>
      <PlayingCard card={null} />
      <PlayingCard card={null} />
    </>
  );
}

/** One seat: who sits there, their chips and bet, their cards as far as the viewer may see them. */
export function SeatView({ seat, hand, isYou, canSit, onSit, clockOffsetMs, position }: SeatViewProps) {
  const style = { '--seat-x': position.x, '--seat-y': position.y };
  const id = `seat-${seat.seat}`;
  const player = seat.player;
  if (!player) {
    return (
      <div class="seat seat--empty" style={style} data-testid={id}>
        {canSit ? (
          <button
            type="button"
            class="button button--ghost"
            data-testid={`sit-${seat.seat}`}
            onClick={() => onSit(seat.seat)}
          >
            Sit here
            <span class="sr-only"> (seat {seat.seat})</span>
          </button>
        ) : (
          <span class="seat__empty-label">Seat {seat.seat}</span>
        )}
      </div>
    );
  }
  const inHand = hand?.players.find((candidate) => candidate.seat === seat.seat) ?? null;
  const toAct = hand !== null && hand.phase !== 'complete' && hand.toActSeat === seat.seat;
  const stack = inHand?.stack ?? player.stack;
  const bet = inHand && inHand.streetCommitted !== '0' ? inHand.streetCommitted : null;
  const won =
    hand?.result?.pots.flatMap((pot) => pot.winners).filter((winner) => winner.seat === seat.seat) ?? [];
  const classes = [
    'seat',
    isYou && 'seat--you',
    toAct && 'seat--to-act',
    inHand?.folded && 'seat--folded',
    won.length > 0 && 'seat--winner',
    !player.connected && 'seat--away',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={classes} style={style} data-testid={id} aria-current={toAct ? 'step' : undefined}>
      <div class="seat__cards" data-testid={`${id}-cards`}>
        {inHand && hand && <HoleCards player={inHand} hand={hand} />}
      </div>
      <div class="seat__plate">
        <div class="seat__name" data-testid={`${id}-name`}>
          {player.username}
          {isYou && <span class="seat__you"> (you)</span>}
        </div>
        <div class="seat__stack" data-testid={`${id}-stack`}>
          {displayAmount(stack)}
        </div>
        <div class="seat__badges">
          {hand?.buttonSeat === seat.seat && (
            <span class="badge badge--dealer" title="Dealer button" data-testid={`${id}-dealer`}>
              D
            </span>
          )}
          {hand?.smallBlindSeat === seat.seat && hand.phase === 'preflop' && <span class="badge">SB</span>}
          {hand?.bigBlindSeat === seat.seat && hand.phase === 'preflop' && <span class="badge">BB</span>}
          {inHand?.allIn && <span class="badge badge--alert">All-in</span>}
          {inHand?.folded && <span class="badge badge--muted">Folded</span>}
          {!player.connected && (
            <span class="badge badge--muted" data-testid={`${id}-away`}>
              {player.awayUntilMs === null
                ? 'Away'
                : `Away: seat kept until ${clockTime(player.awayUntilMs - clockOffsetMs)}`}
            </span>
          )}
          {STATUS_LABELS[player.status] && (
            <span class="badge badge--muted">{STATUS_LABELS[player.status]}</span>
          )}
        </div>
        {toAct && hand?.clock && (
          <ActionClock clock={hand.clock} clockOffsetMs={clockOffsetMs} timeBankMs={player.timeBankMs} />
        )}
      </div>
      {bet && (
        <div class="seat__bet" data-testid={`${id}-bet`}>
          {displayAmount(bet)}
        </div>
      )}
      {won.length > 0 && (
        <div class="seat__won" data-testid={`${id}-won`}>
          +{displayAmount(sumAmounts(won.map((winner) => winner.amount)))}
        </div>
      )}
    </div>
  );
}
