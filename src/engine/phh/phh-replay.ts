import { Money } from '../../money/index.js';
import { handResult } from '../hand.js';
import { unitsToDecimal } from './phh-amount.js';
import { type PhhResult, phhError } from './phh-errors.js';
import { importPhh, type PhhImport } from './phh-import.js';
import type { PhhHand } from './phh-model.js';

/**
 * Replays a hand history through the engine to its end: the finishing stacks the engine computes,
 * or the first rule the history breaks. Comparing them with the file's own finishing_stacks is how
 * the engine is checked against published hands.
 */
export interface PhhReplay extends PhhImport {
  /** By position, as exact decimal strings in the hand's currency. */
  readonly finishingStacks: readonly string[];
  readonly finishingUnits: readonly number[];
}

export function replayPhh(hand: PhhHand): PhhResult<PhhReplay> {
  const imported = importPhh(hand);
  if (!imported.ok) return imported;
  const result = handResult(imported.value.state);
  if (result === null) {
    return phhError('phh/incomplete-hand', 'the history ends before the hand is complete');
  }
  const { chipUnit } = imported.value;
  return {
    ok: true,
    value: {
      ...imported.value,
      finishingUnits: result.finalStacks,
      finishingStacks: result.finalStacks.map((units) => unitsToDecimal(units, chipUnit)),
    },
  };
}

/** Whether replayed stacks equal the ones a history records (as amounts: 5 equals 5.00). */
export function stacksMatch(replayed: readonly string[], recorded: readonly string[]): boolean {
  return (
    replayed.length === recorded.length &&
    replayed.every((amount, i) => new Money(amount).equals(new Money(recorded[i]!)))
  );
}
