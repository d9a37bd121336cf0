import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { playRandomHand, randomSetup } from '../../src/cli/random-hand.js';
import { seededRandom } from '../../src/cli/seeded-random.js';
import { actionsOf, handResult, handSetupOf } from '../../src/engine/hand.js';
import { exportPhh } from '../../src/engine/phh/phh-export.js';
import { parsePhh } from '../../src/engine/phh/phh-parse.js';
import { replayPhh } from '../../src/engine/phh/phh-replay.js';
import { Money } from '../../src/money/index.js';

describe.each(['NT', 'PO'] as const)('PHH round trip (%s)', (variant) => {
  it('engine hand -> export -> import -> replay gives the same hand', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 2, max: 10 }),
        fc.constantFrom('1', '0.1', '0.01', '0.00000001'),
        (seed, players, unit) => {
          const rand = seededRandom(seed);
          const chipUnit = new Money(unit);
          const played = playRandomHand(rand, randomSetup(rand, players, variant));
          const original = played.state;
          const text = exportPhh(original, played.events, { chipUnit, hand: seed });

          const parsed = parsePhh(text);
          if (!parsed.ok) throw new Error(`${parsed.error.code}: ${parsed.error.message}`);
          const replay = replayPhh(parsed.value);
          if (!replay.ok) throw new Error(`${replay.error.code}: ${replay.error.message}\n${text}`);

          const setup = handSetupOf(original);
          expect(replay.value.chipUnit.equals(chipUnit)).toBe(true);
          expect(replay.value.finishingUnits).toEqual(handResult(original)!.finalStacks);
          expect(replay.value.finishingStacks).toEqual(parsed.value.finishingStacks);
          expect(replay.value.actions).toEqual(actionsOf(original));
          expect(replay.value.setup.players).toEqual(setup.players);
          expect(replay.value.setup.rake).toEqual(setup.rake);
          expect(replay.value.setup.minBet).toBe(setup.minBet);
          expect(replay.value.setup.livePosts).toEqual(setup.livePosts);
          expect(replay.value.setup.variant ?? 'NT').toBe(variant);
          expect(handResult(replay.value.state)!.secondBoard).toEqual(handResult(original)!.secondBoard);
          // Exporting the re-imported hand writes the same text: same cards, same order, same amounts.
          expect(exportPhh(replay.value.state, replay.value.events, { chipUnit, hand: seed })).toBe(text);
        },
      ),
      { numRuns: 400 },
    );
  });
});
