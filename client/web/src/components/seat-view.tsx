import type {
  HandPlayerWire,
  HandViewWire,
  SeatView as SeatWire,
} from '../../../../src/protocol/table-view.js';
import { displayAmount } from '../money/amounts.js';
import { lastActionLabel } from '../table/dealer-log.js';
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
  /** The cards that make the winning hands: highlighted at the showdown. */
  readonly winningCards: ReadonlySet<string>;
  /** What this seat won in the hand on display (a decimal string), or null. */
  readonly won: string | null;
  /** Hole cards the table's game deals: two in Hold'em, four in Omaha. */
  readonly holeCount: number;
  /** All in with cards to come: this seat's share of the chips in play, as a percentage, or null. */
  readonly equityPercent: number | null;
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

function HoleCards({
  player,
  hand,
  holeCount,
  winningCards,
}: {
  player: HandPlayerWire;
  hand: HandViewWire;
  holeCount: number;
  winningCards: ReadonlySet<string>;
}) {
  if (player.holeCards)
    return (
      <>
        {player.holeCards.map((card) => (
          <PlayingCard key={card} card={card} highlight={winningCards.has(card)} />
        ))}
      </>
    );
  if (player.folded || hand.phase === 'complete') return null;
  // Face down: as many cards as the table's game deals (two in Hold'em, four in Omaha).
  return (
    <>
      {Array.from({ length: holeCount }, (_, i) => (
        <PlayingCard key={`back-${i}`} card={null} />
      ))}
    </>
  );
}

/**
 * One seat: who sits there, their chips, their last move, their cards as far as the viewer may see
 * them, and their clock. Where it sits around the table comes from the felt (CSS variables).
 */
export function SeatView({
  seat,
  hand,
  isYou,
  canSit,
  onSit,
  clockOffsetMs,
  winningCards,
  won,
  holeCount,
  equityPercent,
}: SeatViewProps) {
  const id = `seat-${seat.seat}`;
  const player = seat.player;
  if (!player) {
    return (
      <div class="seat seat--empty" data-testid={id}>
        {canSit ? (
          <button
            type="button"
            class="button button--ghost button--small"
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
  const live = hand !== null && hand.phase !== 'complete';
  const toAct = live && hand.toActSeat === seat.seat;
  const stack = inHand?.stack ?? player.stack;
  const last = inHand?.lastAction ?? null;
  // A move is shown for the street it was made on; a fold and an all-in stay for the hand.
  const showLast =
    hand !== null && last !== null && (last.street === hand.phase || last.kind === 'fold' || last.allIn);
  const shown = hand?.result?.shown.find((entry) => entry.seat === seat.seat) ?? null;
  const classes = [
    'seat',
    isYou && 'seat--you',
    toAct && 'seat--to-act',
    inHand?.folded && 'seat--folded',
    won !== null && 'seat--winner',
    !player.connected && 'seat--away',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={classes} data-testid={id} aria-current={toAct ? 'step' : undefined}>
      <div class="seat__cards" data-testid={`${id}-cards`} key={`cards-${hand?.number ?? 0}`}>
        {inHand && hand && (
          <HoleCards player={inHand} hand={hand} holeCount={holeCount} winningCards={winningCards} />
        )}
        {equityPercent !== null && (
          <span class="seat__equity" data-testid={`${id}-equity`}>
            {equityPercent.toFixed(1)}%
          </span>
        )}
      </div>
      <div class="seat__plate">
        <div class="seat__name" data-testid={`${id}-name`}>
          {hand?.buttonSeat === seat.seat && (
            <span class="badge badge--dealer" title="Dealer button" data-testid={`${id}-dealer`}>
              D
            </span>
          )}
          {player.username}
          {isYou && <span class="sr-only"> (you)</span>}
        </div>
        <div class="seat__stack" data-testid={`${id}-stack`}>
          {displayAmount(stack)}
        </div>
        {shown && (
          <div class="seat__hand-name" data-testid={`shown-${seat.seat}`}>
            {shown.hand?.name ?? 'shows'}
          </div>
        )}
        {showLast && hand && last && !shown && (
          <div
            class={`seat__last seat__last--${last.allIn ? 'all-in' : last.kind}`}
            data-testid={`${id}-last-action`}
            key={`last-${last.index}`}
          >
            {lastActionLabel(last, hand, seat.seat)}
          </div>
        )}
        <div class="seat__badges">
          {inHand?.allIn && !showLast && <span class="badge badge--alert">All-in</span>}
          {!player.connected && (
            <span class="badge badge--muted" data-testid={`${id}-away`}>
              {player.awayUntilMs === null
                ? 'Away'
                : `Away: seat kept until ${clockTime(player.awayUntilMs - clockOffsetMs)}`}
            </span>
          )}
          {STATUS_LABELS[player.status] && (
            <span class="badge badge--muted" data-testid={`${id}-status`}>
              {STATUS_LABELS[player.status]}
            </span>
          )}
          {won !== null && (
            <span class="badge badge--win" data-testid={`${id}-won`}>
              +{displayAmount(won)}
            </span>
          )}
        </div>
        {toAct && hand?.clock ? (
          <ActionClock clock={hand.clock} clockOffsetMs={clockOffsetMs} timeBankMs={player.timeBankMs} />
        ) : (
          isYou && (
            <div
              class="seat__bank"
              data-testid="own-time-bank"
              title="Your time bank, used after your clock runs out"
            >
              Time bank {Math.round(player.timeBankMs / 1000)}s
            </div>
          )
        )}
      </div>
    </div>
  );
}
