import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiRequestError, answerOf, errorOf } from '../../client/web/src/api/http.js';
import { buildReplay, splitCards } from '../../client/web/src/hands/phh-replay.js';
import {
  amountToUnits,
  checkAmount,
  displayAmount,
  potFractionTo,
  type SizingInput,
  unitsToAmount,
} from '../../client/web/src/money/amounts.js';
import { LoginResponse } from '../../src/protocol/http-auth.js';
import { WalletResponse } from '../../src/protocol/http-wallet.js';

/**
 * The browser client's logic that needs no browser: amounts, bet sizing, replays, and how it reads
 * the API's answers (the table feed: web-table-feed.test.ts).
 */

describe('amounts on screen', () => {
  it('groups integer digits and leaves the fraction exactly as sent', () => {
    expect(displayAmount('1234567.5')).toBe('1,234,567.5');
    expect(displayAmount('1000')).toBe('1,000');
    expect(displayAmount('999')).toBe('999');
    expect(displayAmount('0.00000001')).toBe('0.00000001');
    expect(displayAmount('-2500.25')).toBe('-2,500.25');
  });

  it('checks typed amounts against the chip unit and the range', () => {
    expect(checkAmount('10', '1', '4', '200')).toEqual({ ok: true, value: '10', message: null });
    expect(checkAmount(' 10.50 ', '0.01', '1', '200')).toEqual({ ok: true, value: '10.5', message: null });
    expect(checkAmount('10.5', '1', '4', '200').ok).toBe(false);
    expect(checkAmount('0.3', '0.25', '0.25', '10').message).toBe('use multiples of 0.25');
    expect(checkAmount('3', '1', '4', '200').message).toBe('at least 4');
    expect(checkAmount('201', '1', '4', '200').message).toBe('at most 200');
    expect(checkAmount('1e3', '1', '4', '2000').ok).toBe(false);
    expect(checkAmount('-5', '1', '4', '200').ok).toBe(false);
  });

  it('converts amounts to whole chip units and back without floats', () => {
    expect(amountToUnits('0.35', '0.05')).toBe(7);
    expect(unitsToAmount(7, '0.05')).toBe('0.35');
    expect(unitsToAmount(3, '0.1')).toBe('0.3');
    expect(() => amountToUnits('0.33', '0.05')).toThrow(RangeError);
  });
});

describe('pot-sized bets and raises', () => {
  const headsUpPreflop: SizingInput = {
    pot: '0',
    streetBets: ['1', '2'],
    ownStreetBet: '1',
    callAmount: '1',
    minTo: '4',
    maxTo: '200',
    chipUnit: '1',
    bigBlind: '2',
  };

  it('raises pre-flop from the small blind: call 1, then a share of the pot of 4', () => {
    expect(potFractionTo(headsUpPreflop, '0.5')).toBe('4');
    expect(potFractionTo(headsUpPreflop, '1')).toBe('6');
  });

  it('bets a share of the pot when nothing was bet on the street', () => {
    const flop: SizingInput = {
      ...headsUpPreflop,
      pot: '10',
      streetBets: ['0', '0'],
      ownStreetBet: '0',
      callAmount: null,
      minTo: '2',
      maxTo: '100',
    };
    expect(potFractionTo(flop, '0.5')).toBe('5');
    expect(potFractionTo(flop, '1')).toBe('10');
  });

  it('raises facing a bet by the pot after calling, within the legal range', () => {
    const facing: SizingInput = {
      ...headsUpPreflop,
      pot: '10',
      streetBets: ['0', '5'],
      ownStreetBet: '0',
      callAmount: '5',
      minTo: '10',
      maxTo: '100',
    };
    expect(potFractionTo(facing, '1')).toBe('25');
    expect(potFractionTo({ ...facing, maxTo: '20' }, '1')).toBe('20');
    expect(potFractionTo({ ...facing, minTo: '30' }, '0.5')).toBe('30');
  });

  it('rounds down to the chip unit in exact decimals', () => {
    const cents: SizingInput = {
      pot: '0.07',
      streetBets: ['0', '0'],
      ownStreetBet: '0',
      callAmount: null,
      minTo: '0.02',
      maxTo: '5',
      chipUnit: '0.01',
      bigBlind: '0.02',
    };
    expect(potFractionTo(cents, '0.5')).toBe('0.03');
    const tenths: SizingInput = { ...cents, pot: '0.3', chipUnit: '0.1', minTo: '0.1' };
    // 0.1 + 0.2 is 0.3 here, not 0.30000000000000004.
    expect(potFractionTo(tenths, '1')).toBe('0.3');
  });
});

describe('hand replays from PHH', () => {
  const fixture = (name: string) => readFileSync(new URL(`../fixtures/phh/${name}`, import.meta.url), 'utf8');

  it('splits card text, hidden cards included', () => {
    expect(splitCards('AhKh')).toEqual(['Ah', 'Kh']);
    expect(splitCards('????')).toEqual([null, null]);
    expect(splitCards('Kc7d2s')).toEqual(['Kc', '7d', '2s']);
  });

  it('replays a heads-up hand step by step to its finishing stacks', () => {
    const replay = buildReplay(fixture('heads-up-constructed.phh'));
    if (!replay.ok) throw new Error(replay.message);
    const steps = replay.value.steps;
    // Heads-up the blinds go in reverse: p1, the big blind, posts 100; p2, the button, 50.
    expect(steps[0]!.players.map((p) => [p.stack, p.bet])).toEqual([
      ['9900', '100'],
      ['9950', '50'],
    ]);
    expect(steps[0]!.description).toBe(
      'Blinds and antes posted: p1 the big blind 100, p2 the small blind 50',
    );
    expect(steps[0]!.livePot).toBe('150');
    const flop = steps.find((step) => step.board.length === 3)!;
    expect(flop.description).toBe('Flop: K♣ 7♦ 2♠');
    expect(flop.pot).toBe('1800');
    expect(flop.players.map((p) => p.bet)).toEqual(['0', '0']);
    const raise = steps.find((step) => step.description === 'p2 bets 2500')!;
    expect(raise.players[1]!.stack).toBe('5600');
    const last = steps.at(-1)!;
    expect(last.street).toBe('finished');
    expect(last.players.map((p) => p.stack)).toEqual(['14400', '5600']);
    expect(last.description).toBe('p1 collects 8800');
    expect(steps.find((step) => step.description === 'p2 mucks')).toBeDefined();
  });

  it('names shown hands, and gives the pot as it stands with main and side pots and all-in marks', () => {
    const named = buildReplay(fixture('heads-up-constructed.phh'), [
      { position: 0, name: 'a pair of kings', cards: ['Kh', 'Kc', 'Ah', '9h', '7d'] },
    ]);
    if (!named.ok) throw new Error(named.message);
    expect(named.value.steps.at(-1)!.description).toBe('p1 collects 8800 with a pair of kings');
    expect(named.value.steps.find((step) => step.description.startsWith('p1 shows'))!.description).toBe(
      'p1 shows A♥ K♥ (a pair of kings)',
    );
    const replay = buildReplay(`variant = 'NT'
antes = [0, 0, 0]
blinds_or_straddles = [1, 2, 0]
min_bet = 2
starting_stacks = [20, 100, 100]
actions = ['p3 cbr 10', 'p1 cbr 20', 'p2 cc', 'p3 cbr 60', 'p2 cc']
players = ['short', 'big', 'button']
`);
    if (!replay.ok) throw new Error(replay.message);
    const last = replay.value.steps.at(-1)!;
    expect(last.livePot).toBe('140');
    expect(last.pots.map((pot) => [pot.label, pot.amount])).toEqual([
      ['Main pot', '60'],
      ['Side pot 1', '80'],
    ]);
    expect(last.players.map((player) => player.allIn)).toEqual([true, false, false]);
    expect(
      replay.value.steps.find((step) => step.description === 'short raises to 20 (all-in)'),
    ).toBeDefined();
  });

  it("shows a big blind posted live out of position (_live_posts) as that player's bet", () => {
    const replay = buildReplay(`variant = 'NT'
antes = [0, 0, 0, 0]
blinds_or_straddles = [0.05, 0.1, 0, 0]
min_bet = 0.1
starting_stacks = [10, 10, 10, 10]
actions = ['p3 cbr 0.3', 'p4 f', 'p1 f', 'p2 f']
finishing_stacks = [9.95, 9.9, 10.25, 9.9]
_live_posts = ['0', '0', '0', '0.1']
`);
    if (!replay.ok) throw new Error(replay.message);
    expect(replay.value.steps[0]!.players.map((p) => [p.stack, p.bet])).toEqual([
      ['9.95', '0.05'],
      ['9.9', '0.1'],
      ['10', '0'],
      ['9.9', '0.1'],
    ]);
    expect(replay.value.steps.at(-1)!.description).toBe('p3 collects 0.55');
  });

  it('keeps decimal stakes exact and leaves unseen cards unknown', () => {
    const replay = buildReplay(fixture('decimal-cash-constructed.phh'));
    if (!replay.ok) throw new Error(replay.message);
    const steps = replay.value.steps;
    expect(steps[0]!.players.map((p) => p.stack)).toEqual(['49.75', '61.85', '47.15', '100', '24.8', '55.5']);
    const dealt = steps.find((step) => step.description === 'sb is dealt 2 cards')!;
    expect(dealt.players[0]!.cards).toEqual([null, null]);
    expect(steps.find((step) => step.description === 'btn raises to 45.55 (all-in)')).toBeDefined();
    const last = steps.at(-1)!;
    expect(last.players.map((p) => [p.name, p.seat, p.stack])).toEqual([
      ['sb', 1, '49.75'],
      ['bb', 2, '61.85'],
      ['utg', 3, '47.15'],
      ['hj', 4, '156.25'],
      ['co', 5, '24.8'],
      ['btn', 6, '0'],
    ]);
    expect(last.description).toBe('hj collects 111.75');
  });

  it('refuses a document that is not a hand history', () => {
    expect(buildReplay('variant = ').ok).toBe(false);
    expect(buildReplay("variant = 'NT'\nactions = []").ok).toBe(false);
  });
});

describe('answers of the HTTP API', () => {
  const login = {
    user: {
      id: '0b9e8f3c-1d2a-4c5b-8e7f-6a5b4c3d2e1f',
      username: 'alice',
      role: 'player',
      createdAt: '2026-01-02T03:04:05.678Z',
    },
    session: { token: 'A'.repeat(43), expiresAt: '2026-01-03T03:04:05.678Z' },
  };

  function refusal(run: () => unknown): { status: number; code: string } {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiRequestError);
      const { status, code } = error as ApiRequestError;
      return { status, code };
    }
    throw new Error('the answer was accepted');
  }

  it('passes an answer that matches the schema the server serializes with', () => {
    expect(answerOf(LoginResponse, 200, login)).toEqual(login);
    expect(answerOf(WalletResponse, 200, { balance: '12.5', currency: 'chips' })).toEqual({
      balance: '12.5',
      currency: 'chips',
    });
  });

  it('refuses an answer the API never sends, with a typed error instead of a crash later', () => {
    const unexpected = { status: 200, code: 'http/unexpected-answer' };
    // An amount as a JSON number: the client must never start computing with floats.
    expect(refusal(() => answerOf(WalletResponse, 200, { balance: 12.5, currency: 'chips' }))).toEqual(
      unexpected,
    );
    expect(
      refusal(() => answerOf(LoginResponse, 200, { ...login, user: { ...login.user, role: 'root' } })),
    ).toEqual(unexpected);
    // A proxy's HTML page, which is not JSON at all.
    expect(refusal(() => answerOf(LoginResponse, 200, undefined))).toEqual(unexpected);
  });

  it("reads the server's error envelope, and only that", () => {
    const refused = errorOf(409, { error: { code: 'ledger/insufficient-funds', message: 'not enough' } });
    expect([refused.status, refused.code, refused.message]).toEqual([
      409,
      'ledger/insufficient-funds',
      'not enough',
    ]);
    for (const body of [
      null,
      '<html>Bad gateway</html>',
      { error: 'down' },
      { error: { code: 7, message: 'x' } },
    ]) {
      const other = errorOf(502, body);
      expect([other.status, other.code]).toEqual([502, 'http/error']);
    }
  });
});
