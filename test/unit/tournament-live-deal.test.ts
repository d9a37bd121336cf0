import { describe, expect, it } from 'vitest';
import { Money } from '../../src/money/index.js';
import { LiveDeal } from '../../src/realtime/tournament-deal.js';
import { dealOffers } from '../../src/tournaments/deal-offers.js';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

function openDeal(): LiveDeal {
  const players = [
    { entryId: 0, userId: A, username: 'a', stack: 5_000 },
    { entryId: 3, userId: B, username: 'b', stack: 3_000 },
    { entryId: 7, userId: C, username: 'c', stack: 2_000 },
  ];
  const deal = new LiveDeal(A, new Money(0), 60_000, players);
  const offers = dealOffers({
    stacks: players.map((player) => player.stack),
    prizes: [new Money(50), new Money(30), new Money(20)],
    leftToPlayFor: new Money(0),
    unit: new Money('0.01'),
  });
  if (!offers.ok) throw new Error(offers.error.message);
  deal.open(players, offers.value);
  return deal;
}

describe('a live deal (tournament-deal.ts)', () => {
  it('takes no answer before its offers are open', () => {
    const deal = new LiveDeal(A, new Money(0), 60_000, [{ entryId: 0, userId: A, username: 'a', stack: 1 }]);
    const answered = deal.answer(A, deal.offerId, 'icm');
    expect(!answered.ok && answered.error.code).toBe('tournament/deal-stale');
    expect(deal.view().players[0]!.icm).toBeNull();
  });

  it('is agreed when every player accepts the same method, with the shares of that method', () => {
    const deal = openDeal();
    expect(deal.answer(A, deal.offerId, 'icm')).toEqual({ ok: true, value: { kind: 'waiting' } });
    expect(deal.answer(B, deal.offerId, 'icm')).toEqual({ ok: true, value: { kind: 'waiting' } });
    const last = deal.answer(C, deal.offerId, 'icm');
    if (!last.ok || last.value.kind !== 'agreed') throw new Error('not agreed');
    const shares = deal.sharesOf(last.value.amounts);
    expect(shares.map((share) => share.entryId)).toEqual([0, 3, 7]);
    expect(shares.reduce((sum, share) => sum.plus(share.amount), new Money(0)).toFixed()).toBe('100');
    expect(shares.map((share) => share.amount.toFixed())).toEqual(
      deal.view().players.map((player) => new Money(player.icm!).toFixed()),
    );
    expect(deal.view().method).toBe('icm');
  });

  it('is declined by one decline, or by answers that differ once all answered', () => {
    const declined = openDeal();
    expect(declined.answer(B, declined.offerId, 'decline')).toEqual({
      ok: true,
      value: { kind: 'declined' },
    });
    const split = openDeal();
    split.answer(A, split.offerId, 'icm');
    split.answer(B, split.offerId, 'chip-chop');
    expect(split.answer(C, split.offerId, 'icm')).toEqual({ ok: true, value: { kind: 'declined' } });
    expect(split.view().method).toBeNull();
  });

  it('refuses a second answer, an outsider, a stale offer, and an answer once it is over', () => {
    const deal = openDeal();
    expect(deal.answer(A, deal.offerId, 'icm').ok).toBe(true);
    const twice = deal.answer(A, deal.offerId, 'chip-chop');
    expect(!twice.ok && twice.error.code).toBe('tournament/deal-already-answered');
    const outsider = deal.answer('00000000-0000-4000-8000-0000000000ff', deal.offerId, 'icm');
    expect(!outsider.ok && outsider.error.code).toBe('tournament/not-in-deal');
    const stale = deal.answer(B, '00000000-0000-4000-8000-000000000000', 'icm');
    expect(!stale.ok && stale.error.code).toBe('tournament/deal-stale');
    expect(deal.view().players.map((player) => player.answer)).toEqual(['icm', null, null]);
    deal.end('expired');
    const late = deal.answer(B, deal.offerId, 'icm');
    expect(!late.ok && late.error.code).toBe('tournament/deal-stale');
    expect(deal.pending).toBe(false);
  });
});
