import { describe, expect, it } from 'vitest';
import { type Card, cardsToString, parseCards } from '../../src/engine/cards.js';
import {
  computeEquity,
  type EquityGame,
  type EquityInput,
  type EquityResult,
  shareFraction,
  sharePercent,
} from '../../src/engine/equity.js';
import { evaluate5 } from '../../src/engine/evaluator.js';
import { bruteForceOmaha, drawCards } from '../support/omaha-reference.js';
import { seededRandom } from '../support/seeded-random.js';

function cards(text: string): Card[] {
  const parsed = parseCards(text);
  if (parsed === null) throw new Error(`bad cards ${text}`);
  return parsed;
}

/** Hold'em by the rule: the best of the 21 five-card hands of hole + board (no 7-card tables). */
function bruteForceHoldem(hole: readonly Card[], board: readonly Card[]): number {
  const all = [...hole, ...board];
  let best = 0;
  for (let a = 0; a < 7; a++)
    for (let b = a + 1; b < 7; b++)
      for (let c = b + 1; c < 7; c++)
        for (let d = c + 1; d < 7; d++)
          for (let e = d + 1; e < 7; e++)
            best = Math.max(best, evaluate5(all[a]!, all[b]!, all[c]!, all[d]!, all[e]!));
  return best;
}

/** An exact fraction of bigints, always reduced. */
class Fraction {
  constructor(
    readonly numerator: bigint,
    readonly denominator: bigint,
  ) {}

  static of(numerator: number, denominator: number): Fraction {
    return new Fraction(BigInt(numerator), BigInt(denominator)).reduced();
  }

  plus(other: Fraction): Fraction {
    return new Fraction(
      this.numerator * other.denominator + other.numerator * this.denominator,
      this.denominator * other.denominator,
    ).reduced();
  }

  private reduced(): Fraction {
    let [a, b] = [this.numerator < 0n ? -this.numerator : this.numerator, this.denominator];
    while (b !== 0n) [a, b] = [b, a % b];
    return a === 0n ? new Fraction(0n, 1n) : new Fraction(this.numerator / a, this.denominator / a);
  }

  equals(other: Fraction): boolean {
    return this.numerator * other.denominator === other.numerator * this.denominator;
  }

  toString(): string {
    return `${this.numerator}/${this.denominator}`;
  }
}

interface NaiveEquity {
  runouts: number;
  wins: number[];
  ties: number[];
  /** Share of the whole board, as the sum of 1/k over runouts divided by the runouts. */
  shares: Fraction[];
  /** Per pot, per player. */
  potShares: Fraction[][];
}

/**
 * The reference: deal every completion of the board from the unseen cards (recursively), value each
 * hand by the rule (brute force over five-card hands), and add up wins, ties and shares as fractions.
 */
function naiveEquity(input: EquityInput): NaiveEquity {
  const { game, players, board } = input;
  const known = new Set<Card>([...players.flat(), ...board, ...(input.dead ?? [])]);
  const unseen: Card[] = [];
  for (let card = 0; card < 52; card++) if (!known.has(card)) unseen.push(card);
  const pots = input.pots ?? [{ eligible: players.map((_, p) => p) }];
  const value = game === 'NT' ? bruteForceHoldem : bruteForceOmaha;
  const wins = players.map(() => 0);
  const ties = players.map(() => 0);
  let shareSums = players.map(() => Fraction.of(0, 1));
  let potSums = pots.map(() => players.map(() => Fraction.of(0, 1)));
  let runouts = 0;
  const full: Card[] = [...board];
  const visit = (from: number): void => {
    if (full.length === 5) {
      runouts++;
      const values = players.map((hole) => value(hole, full));
      const best = Math.max(...values);
      const winners = values.flatMap((v, p) => (v === best ? [p] : []));
      for (const p of winners) (winners.length === 1 ? wins : ties)[p]!++;
      shareSums = shareSums.map((sum, p) =>
        winners.includes(p) ? sum.plus(Fraction.of(1, winners.length)) : sum,
      );
      potSums = potSums.map((sums, i) => {
        const eligible = pots[i]!.eligible;
        const potBest = Math.max(...eligible.map((p) => values[p]!));
        const potWinners = eligible.filter((p) => values[p] === potBest);
        return sums.map((sum, p) =>
          potWinners.includes(p) ? sum.plus(Fraction.of(1, potWinners.length)) : sum,
        );
      });
      return;
    }
    for (let i = from; i < unseen.length; i++) {
      full.push(unseen[i]!);
      visit(i + 1);
      full.pop();
    }
  };
  visit(0);
  const perRunout = (sum: Fraction): Fraction =>
    new Fraction(sum.numerator, sum.denominator * BigInt(runouts));
  return {
    runouts,
    wins,
    ties,
    shares: shareSums.map(perRunout),
    potShares: potSums.map((sums) => sums.map(perRunout)),
  };
}

type PlayerEquityLike = EquityResult['players'][number];

function asFraction(result: EquityResult, shareUnits: number): Fraction {
  return Fraction.of(shareUnits, result.runouts * result.shareScale);
}

function expectSameAsNaive(input: EquityInput): EquityResult {
  const result = computeEquity(input);
  const naive = naiveEquity(input);
  const label = `${input.game} ${input.players.map(cardsToString).join(' vs ')} on ${cardsToString(input.board)}`;
  expect(result.runouts, label).toBe(naive.runouts);
  expect(
    result.players.map((p) => p.wins),
    label,
  ).toEqual(naive.wins);
  expect(
    result.players.map((p) => p.ties),
    label,
  ).toEqual(naive.ties);
  result.players.forEach((player, p) => {
    expect(asFraction(result, player.shareUnits).equals(naive.shares[p]!), `${label}: share of ${p}`).toBe(
      true,
    );
  });
  result.pots.forEach((pot, i) => {
    pot.shareUnits.forEach((units, p) => {
      expect(
        asFraction(result, units).equals(naive.potShares[i]![p]!),
        `${label}: pot ${i}, player ${p}`,
      ).toBe(true);
    });
  });
  return result;
}

/** Every pot hands out exactly one share scale per runout: no unit lost or created. */
function expectPotsAddUp(result: EquityResult): void {
  const total = result.runouts * result.shareScale;
  expect(result.players.reduce((sum, p) => sum + p.shareUnits, 0)).toBe(total);
  for (const pot of result.pots) {
    expect(pot.shareUnits.reduce((sum, units) => sum + units, 0)).toBe(total);
    pot.shareUnits.forEach((units, p) => {
      if (!pot.eligible.includes(p)) expect(units).toBe(0);
      expect(Number.isInteger(units)).toBe(true);
    });
  }
  for (const player of result.players) {
    expect(Number.isInteger(player.wins) && Number.isInteger(player.ties)).toBe(true);
  }
}

function randomSpot(
  rand: () => number,
  game: EquityGame,
  playerCount: number,
  boardSize: number,
  deadCount = 0,
): EquityInput {
  const holeCount = game === 'NT' ? 2 : 4;
  const dealt = drawCards(rand, playerCount * holeCount + boardSize + deadCount);
  const players = Array.from({ length: playerCount }, (_, p) =>
    dealt.slice(p * holeCount, (p + 1) * holeCount),
  );
  const board = dealt.slice(playerCount * holeCount, playerCount * holeCount + boardSize);
  const dead = dealt.slice(playerCount * holeCount + boardSize);
  return { game, players, board, dead };
}

describe('known equities', () => {
  it('AsAh against KsKh before the flop: AA wins 1,410,336 of the C(48,5) = 1,712,304 boards', () => {
    const result = computeEquity({ game: 'NT', players: [cards('AsAh'), cards('KsKh')], board: [] });
    expect(result.runouts).toBe(1_712_304);
    expect(result.players[0]!.wins).toBe(1_410_336);
    // Every board is won by one of them or tied by both.
    expect(result.players[0]!.wins + result.players[1]!.wins + result.players[0]!.ties).toBe(1_712_304);
    expect(result.players[0]!.ties).toBe(result.players[1]!.ties);
    expectPotsAddUp(result);
    // Heads-up, a share is the wins plus half the ties.
    const [aces] = result.players as [PlayerEquityLike];
    expect(sharePercent(result, aces.shareUnits)).toBeCloseTo(
      (100 * (aces.wins + aces.ties / 2)) / 1_712_304,
      9,
    );
  });

  it('a board that plays for everybody: every player ties on the one runout', () => {
    const result = expectSameAsNaive({
      game: 'NT',
      players: [cards('2c3d'), cards('4h5h'), cards('7c7d')],
      board: cards('AsKsQsJsTs'),
    });
    expect(result.runouts).toBe(1);
    expect(result.players.map((p) => [p.wins, p.ties])).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    expect(result.players.map((p) => shareFraction(result, p.shareUnits))).toEqual([
      { numerator: 1, denominator: 3 },
      { numerator: 1, denominator: 3 },
      { numerator: 1, denominator: 3 },
    ]);
  });

  it('the same hand in different suits splits every runout exactly in half', () => {
    // No flush is possible for either player: one club on the board and one in each hand at most.
    const result = expectSameAsNaive({
      game: 'NT',
      players: [cards('AcKd'), cards('AhKs')],
      board: cards('2c7d9hJs'),
    });
    expect(result.runouts).toBe(44);
    expect(result.players.map((p) => p.ties)).toEqual([44, 44]);
    expect(result.players.map((p) => shareFraction(result, p.shareUnits))).toEqual([
      { numerator: 1, denominator: 2 },
      { numerator: 1, denominator: 2 },
    ]);
  });

  it('a drawing-dead hand gets nothing, and a dead card is never dealt', () => {
    // On the turn 9s8s wins only with a ten or a five on the river (a straight over the aces' set).
    const spot: EquityInput = {
      game: 'NT',
      players: [cards('AcAd'), cards('9s8s')],
      board: cards('Ah7d6c2h'),
    };
    const live = expectSameAsNaive(spot);
    const withDeadOuts = expectSameAsNaive({ ...spot, dead: cards('Ts5s') });
    expect(withDeadOuts.runouts).toBe(live.runouts - 2);
    expect(withDeadOuts.players[1]!.wins).toBe(live.players[1]!.wins - 2);
    // AcAd vs 7c2d on AhAs: quads already, nothing can beat them.
    const deadDraw = expectSameAsNaive({
      game: 'NT',
      players: [cards('AcAd'), cards('7c2d')],
      board: cards('AhAsKd'),
    });
    expect(deadDraw.players[1]!.shareUnits).toBe(0);
    expect(deadDraw.players[0]!.wins).toBe(deadDraw.runouts);
  });
});

describe('against a naive enumerator on random spots', () => {
  it.each([
    ['NT', 2, 3],
    ['NT', 3, 3],
    ['NT', 4, 4],
    ['NT', 6, 4],
    ['PO', 2, 3],
    ['PO', 3, 3],
    ['PO', 4, 4],
    ['PO', 6, 3],
  ] as const)('%s, %i players, %i board cards: 4 seeded spots', (game, playerCount, boardSize) => {
    const rand = seededRandom(1_000 * playerCount + 10 * boardSize + (game === 'NT' ? 1 : 2));
    for (let spot = 0; spot < 4; spot++)
      expectPotsAddUp(expectSameAsNaive(randomSpot(rand, game, playerCount, boardSize)));
  });

  it('before the flop, with enough dead cards to keep the naive count small', () => {
    const rand = seededRandom(555);
    // NT: 3 players + 30 dead cards leave 16 unseen: C(16,5) = 4,368 boards. PO: 2 players + 28 dead.
    expectPotsAddUp(expectSameAsNaive(randomSpot(rand, 'NT', 3, 0, 30)));
    expectPotsAddUp(expectSameAsNaive(randomSpot(rand, 'PO', 2, 0, 28)));
  });
});

describe('equity per pot', () => {
  it('side pots: each player shares only the pots they are eligible for', () => {
    const rand = seededRandom(31_337);
    for (const game of ['NT', 'PO'] as const) {
      for (let spot = 0; spot < 3; spot++) {
        const base = randomSpot(rand, game, 4, 3);
        const result = expectSameAsNaive({
          ...base,
          // Main pot for all, a side pot without the shortest stack, another for the two deepest.
          pots: [{ eligible: [0, 1, 2, 3] }, { eligible: [1, 2, 3] }, { eligible: [2, 3] }],
        });
        expectPotsAddUp(result);
        expect(result.pots[1]!.shareUnits[0]).toBe(0);
        expect(result.pots[2]!.shareUnits.slice(0, 2)).toEqual([0, 0]);
        // The main pot is the whole board.
        expect(result.pots[0]!.shareUnits).toEqual(result.players.map((p) => p.shareUnits));
      }
    }
  });

  it('a pot with one eligible player is all theirs', () => {
    const result = computeEquity({
      game: 'NT',
      players: [cards('AsAh'), cards('KsKh'), cards('2c7d')],
      board: cards('QcJd3h'),
      pots: [{ eligible: [0, 1, 2] }, { eligible: [2] }],
    });
    expect(result.pots[1]!.shareUnits).toEqual([0, 0, result.runouts * result.shareScale]);
    expectPotsAddUp(result);
  });

  it('without pots, one pot for everybody', () => {
    const result = computeEquity({
      game: 'PO',
      players: [cards('AsAhKdQd'), cards('7c8c9hTh')],
      board: cards('2c5d9s'),
    });
    expect(result.pots).toHaveLength(1);
    expect(result.pots[0]!.eligible).toEqual([0, 1]);
    expectPotsAddUp(result);
  });
});

describe('input checks', () => {
  it.each([
    ['a wrong hole count', { game: 'NT', players: [cards('AsAhKd'), cards('2c3c')], board: [] }],
    ['Omaha with two cards', { game: 'PO', players: [cards('AsAh'), cards('2c3c')], board: [] }],
    ['a board of two', { game: 'NT', players: [cards('AsAh'), cards('2c3c')], board: cards('4d5d') }],
    ['a board of six', { game: 'NT', players: [cards('AsAh'), cards('2c3c')], board: cards('4d5d6d7d8d9d') }],
    ['a card twice', { game: 'NT', players: [cards('AsAh'), cards('2c3c')], board: cards('4d5dAs') }],
    [
      'a dead card in a hand',
      { game: 'NT', players: [cards('AsAh'), cards('2c3c')], board: [], dead: cards('2c') },
    ],
    ['not a card', { game: 'NT', players: [[0, 52], cards('2c3c')], board: [] }],
    ['no player', { game: 'NT', players: [], board: [] }],
    [
      'eleven players',
      { game: 'NT', players: Array.from({ length: 11 }, (_, p) => [2 * p, 2 * p + 1]), board: [] },
    ],
    [
      'an empty pot',
      { game: 'NT', players: [cards('AsAh'), cards('2c3c')], board: [], pots: [{ eligible: [] }] },
    ],
    [
      'a pot with an unknown player',
      { game: 'NT', players: [cards('AsAh'), cards('2c3c')], board: [], pots: [{ eligible: [0, 2] }] },
    ],
    [
      'a pot naming a player twice',
      { game: 'NT', players: [cards('AsAh'), cards('2c3c')], board: [], pots: [{ eligible: [1, 1] }] },
    ],
  ] as const)('rejects %s', (_name, input) => {
    expect(() => computeEquity(input as EquityInput)).toThrow(RangeError);
  });

  it('rejects an unknown game', () => {
    expect(() =>
      computeEquity({ game: 'XX' as EquityGame, players: [cards('AsAh'), cards('2c3c')], board: [] }),
    ).toThrow(/equity-game/);
  });

  it('a complete board has one runout; not enough unseen cards is refused', () => {
    expect(
      computeEquity({ game: 'NT', players: [cards('AsAh'), cards('2c3c')], board: cards('4d5d6d7d8d') })
        .runouts,
    ).toBe(1);
    const everything = Array.from({ length: 52 }, (_, card) => card);
    const dead = everything.filter((card) => ![0, 1, 2, 3, 4, 5, 6, 7].includes(card));
    expect(() =>
      computeEquity({
        game: 'NT',
        players: [
          [0, 1],
          [2, 3],
        ],
        board: [],
        dead,
      }),
    ).toThrow(/equity-deck/);
  });
});

describe('helpers', () => {
  it('shareFraction reduces, sharePercent is for display', () => {
    const rand = seededRandom(3);
    const result = computeEquity(randomSpot(rand, 'NT', 3, 4));
    const fractions = result.players.map((p) => shareFraction(result, p.shareUnits));
    const total = fractions.reduce(
      (sum, f) => sum.plus(Fraction.of(f.numerator, f.denominator)),
      Fraction.of(0, 1),
    );
    expect(total.toString()).toBe('1/1');
    const percents = result.players.map((p) => sharePercent(result, p.shareUnits));
    expect(percents.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
  });
});
