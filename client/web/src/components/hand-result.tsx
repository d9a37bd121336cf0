import type { HandViewWire } from '../../../../src/protocol/table-view.js';
import { saveFile } from '../hands/save-file.js';
import { displayAmount } from '../money/amounts.js';
import { resultLines } from '../table/dealer-log.js';

interface HandResultProps {
  readonly hand: HandViewWire;
  /** Names the players of this hand, even those who have left the table since. */
  readonly nameOf: (seat: number) => string;
  readonly ownSeat: number | null;
}

/**
 * How the hand ended, in the middle of the table where the eyes are: who won which pot with what
 * ("bob wins 412 with a flush, ace high"), what was returned. The winning cards light up on the
 * board and at the seats (table-felt.tsx).
 */
export function HandResult({ hand, nameOf, ownSeat }: HandResultProps) {
  const result = hand.result;
  if (!result) return null;
  return (
    <section class="result" aria-live="polite" data-testid="hand-result">
      <ul class="result__list">
        {resultLines(hand, nameOf, ownSeat).map((line, index) => (
          <li key={`line-${index}`} data-testid="result-line">
            {line}
          </li>
        ))}
        {result.rake !== '0' && <li class="result__rake">Rake {displayAmount(result.rake)}</li>}
      </ul>
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
