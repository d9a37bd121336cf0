import type { HandViewWire, SeatView } from '../../../../src/protocol/table-view.js';
import { saveFile } from '../hands/save-file.js';
import { displayAmount } from '../money/amounts.js';
import { PlayingCard } from './playing-card.js';

interface HandResultProps {
  readonly hand: HandViewWire;
  readonly seats: readonly SeatView[];
  readonly ownSeat: number | null;
}

/** How the last hand ended: who won which pot, what was returned, the cards shown. */
export function HandResult({ hand, seats, ownSeat }: HandResultProps) {
  const result = hand.result;
  if (!result) return null;
  const nameOf = (seat: number) =>
    seat === ownSeat ? 'You' : (seats.find((s) => s.seat === seat)?.player?.username ?? `Seat ${seat}`);
  return (
    <section class="result" aria-live="polite" data-testid="hand-result">
      <h2 class="result__title">Hand #{hand.number}</h2>
      <ul class="result__list">
        {result.pots.map((pot, index) => (
          <li key={`pot-${index}`} data-testid="result-pot">
            {result.pots.length > 1 ? (index === 0 ? 'Main pot' : `Side pot ${index}`) : 'Pot'}{' '}
            {displayAmount(pot.amount)}:{' '}
            {pot.winners
              .map(
                (winner) =>
                  `${nameOf(winner.seat)} ${winner.seat === ownSeat ? 'win' : 'wins'} ${displayAmount(winner.amount)}`,
              )
              .join(', ')}
          </li>
        ))}
        {result.uncalled && (
          <li>
            {displayAmount(result.uncalled.amount)} returned to{' '}
            {result.uncalled.seat === ownSeat ? 'you' : nameOf(result.uncalled.seat)}
          </li>
        )}
        {result.rake !== '0' && <li>Rake {displayAmount(result.rake)}</li>}
      </ul>
      {result.shown.length > 0 && (
        <div class="result__shown">
          {result.shown.map((shown) => (
            <div key={shown.seat} class="result__hand" data-testid={`shown-${shown.seat}`}>
              <span>{nameOf(shown.seat)}</span>
              {shown.cards.map((card) => (
                <PlayingCard key={card} card={card} small />
              ))}
            </div>
          ))}
        </div>
      )}
      {hand.proof && (
        <button
          type="button"
          class="button button--ghost button--small result__proof"
          title="Proves the cards you saw were fixed before the deal: npm run verify:deck -- --proof <file>"
          data-testid="proof-download"
          onClick={() =>
            saveFile(
              `deck-proof-hand-${hand.number}.json`,
              `${JSON.stringify(hand.proof, null, 2)}\n`,
              'application/json',
            )
          }
        >
          Deck proof
        </button>
      )}
    </section>
  );
}
