import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from '../../client/web/src/router.js';
import { tournamentRequest } from '../../client/web/src/tournaments/create-request.js';
import {
  atFinalTable,
  dealAnswerLabel,
  dealPending,
  dealTimeLeft,
} from '../../client/web/src/tournaments/deal.js';
import {
  blindsLabel,
  buyInLabel,
  countdown,
  durationLabel,
  entriesLabel,
  entryCost,
  ordinal,
  resultSentence,
  structureRows,
} from '../../client/web/src/tournaments/format.js';
import { movesMoney, tableToOpen, toastOf, toastText } from '../../client/web/src/tournaments/notices.js';
import type { TournamentDealOut } from '../../src/protocol/http-tournaments.js';
import type { TournamentNotice } from '../../src/protocol/notices.js';

/** The browser client's tournament logic that needs no browser: labels, countdowns, notices, the admin form. */

const TOURNAMENT_ID = '0b6c3c52-5a43-4d8e-9d7e-5b1f7a0c2d11';
const TABLE_ID = '7d1e2f30-1111-4222-8333-944455556666';

function notice(change: Partial<TournamentNotice>): TournamentNotice {
  return {
    tournamentId: TOURNAMENT_ID,
    kind: 'seated',
    tableId: null,
    seat: null,
    place: null,
    prize: null,
    message: '',
    ...change,
  };
}

describe('tournament labels', () => {
  it('shows buy-in plus fee, without a nil fee, and a freeroll', () => {
    expect(buyInLabel('10', '1')).toBe('10 + 1');
    expect(buyInLabel('1000', '0')).toBe('1,000');
    expect(buyInLabel('0', '0.00')).toBe('Freeroll');
    expect(entryCost('10.5', '0.25')).toBe('10.75');
  });

  it('shows blinds with the ante only when there is one', () => {
    expect(blindsLabel(50, 100, 0)).toBe('50/100');
    expect(blindsLabel('500', '1000', '100')).toBe('500/1,000 ante 100');
  });

  it('counts down in m:ss, rounding up and never below zero', () => {
    expect(countdown(61_000)).toBe('1:01');
    expect(countdown(60_001)).toBe('1:01');
    expect(countdown(59_000)).toBe('0:59');
    expect(countdown(999)).toBe('0:01');
    expect(countdown(0)).toBe('0:00');
    expect(countdown(-5_000)).toBe('0:00');
    expect(countdown(3_725_000)).toBe('1:02:05');
  });

  it('names durations, places and results', () => {
    expect(durationLabel(5_000)).toBe('5 s');
    expect(durationLabel(600_000)).toBe('10 min');
    expect(durationLabel(5_400_000)).toBe('1 h 30 min');
    expect(durationLabel(7_200_000)).toBe('2 h');
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
      '111th',
    ]);
    expect(resultSentence(1, '27')).toBe('You finished 1st and won 27.');
    expect(resultSentence(3, '0')).toBe('You finished 3rd.');
    expect(resultSentence(null, null)).toBe('Your tournament is over.');
  });

  it('counts entries before the start and players left after', () => {
    expect(entriesLabel({ status: 'registering', entries: 2, maxEntrants: 6, playersLeft: 2 })).toBe('2/6');
    expect(entriesLabel({ status: 'running', entries: 6, maxEntrants: 6, playersLeft: 4 })).toBe(
      '4 of 6 left',
    );
  });

  it('numbers the levels of a structure, not its breaks', () => {
    const rows = structureRows({
      name: 'tiny',
      startingStack: 100,
      steps: [
        { kind: 'level', smallBlind: 5, bigBlind: 10, ante: 0, durationMs: 60_000 },
        { kind: 'break', durationMs: 30_000 },
        { kind: 'level', smallBlind: 10, bigBlind: 20, ante: 5, durationMs: 60_000 },
      ],
    });
    expect(rows).toEqual([
      { kind: 'level', level: 1, blinds: '5/10', durationMs: 60_000 },
      { kind: 'break', afterLevel: 1, durationMs: 30_000 },
      { kind: 'level', level: 2, blinds: '10/20 ante 5', durationMs: 60_000 },
    ]);
  });
});

describe('tournament notices', () => {
  it('takes the player to the table of a seating or a move, and only then', () => {
    expect(tableToOpen(notice({ kind: 'seated', tableId: TABLE_ID, seat: 2 }))).toBe(TABLE_ID);
    expect(tableToOpen(notice({ kind: 'moved', tableId: TABLE_ID, seat: 5 }))).toBe(TABLE_ID);
    expect(tableToOpen(notice({ kind: 'eliminated', place: 3, prize: '0' }))).toBeNull();
    expect(tableToOpen(notice({ kind: 'cancelled' }))).toBeNull();
  });

  it('names the table of a move once its name is known', () => {
    const toast = toastOf(notice({ kind: 'moved', tableId: TABLE_ID, seat: 5 }));
    expect(toastText(toast, 'Final table')).toBe('You were moved to table Final table, seat 5.');
    expect(toastText(toast, undefined)).toBe('You were moved to table 7d1e2f30, seat 5.');
  });

  it('tells a result with its place and prize, and reads the wallet again', () => {
    const won = toastOf(notice({ kind: 'finished', place: 1, prize: '42.5' }));
    expect(won.tone).toBe('success');
    expect(toastText(won, undefined)).toBe('You finished 1st and won 42.5.');
    const out = toastOf(notice({ kind: 'eliminated', place: 4, prize: '0' }));
    expect(out.tone).toBe('info');
    expect(toastText(out, undefined)).toBe('You finished 4th.');
    expect(movesMoney(notice({ kind: 'finished' }))).toBe(true);
    expect(movesMoney(notice({ kind: 'cancelled' }))).toBe(true);
    expect(movesMoney(notice({ kind: 'moved', tableId: TABLE_ID }))).toBe(false);
  });

  it('says a cancellation refunds, in the words of the server when it gives them', () => {
    expect(toastText(toastOf(notice({ kind: 'cancelled' })), undefined)).toBe(
      'The tournament was cancelled; your buy-in and fee are refunded.',
    );
    expect(
      toastText(
        toastOf(
          notice({ kind: 'cancelled', message: 'the tournament was cancelled; your buy-in is refunded' }),
        ),
        undefined,
      ),
    ).toBe('The tournament was cancelled; your buy-in is refunded.');
  });
});

describe('final-table deals', () => {
  const EXPIRES_MS = Date.parse('2026-12-07T18:00:00.000Z');
  function deal(status: TournamentDealOut['status']): TournamentDealOut {
    return {
      offerId: TOURNAMENT_ID,
      status,
      proposedBy: TABLE_ID,
      leftToPlayFor: '0',
      dealt: null,
      expiresAt: new Date(EXPIRES_MS).toISOString(),
      method: null,
      players: [],
    };
  }

  it('offers a deal once the players left fit one table, and while someone is left to play against', () => {
    expect(atFinalTable(6, 6)).toBe(true);
    expect(atFinalTable(2, 9)).toBe(true);
    expect(atFinalTable(7, 6)).toBe(false);
    expect(atFinalTable(1, 6)).toBe(false);
    // The director has not said yet.
    expect(atFinalTable(null, 6)).toBe(false);
  });

  it('counts down the time to answer only while the deal is talked about', () => {
    expect(dealTimeLeft(deal('waiting-for-hand'), EXPIRES_MS - 61_500)).toBe('1:02');
    expect(dealTimeLeft(deal('open'), EXPIRES_MS - 999)).toBe('0:01');
    expect(dealTimeLeft(deal('open'), EXPIRES_MS + 5_000)).toBe('0:00');
    for (const status of ['agreed', 'declined', 'expired'] as const) {
      expect(dealTimeLeft(deal(status), EXPIRES_MS - 10_000)).toBeNull();
      expect(dealPending(deal(status))).toBe(false);
    }
    expect(dealTimeLeft(null, EXPIRES_MS)).toBeNull();
    expect(dealPending(deal('open'))).toBe(true);
    expect(dealPending(null)).toBe(false);
  });

  it("says each player's answer", () => {
    expect(dealAnswerLabel(null)).toBe('waiting');
    expect(dealAnswerLabel('decline')).toBe('declined');
    expect(dealAnswerLabel('icm')).toBe('accepts ICM');
    expect(dealAnswerLabel('chip-chop')).toBe('accepts chip chop');
  });
});

describe('tournament routes', () => {
  it('reads and writes the tournament pages', () => {
    expect(parseRoute(`#/tournaments/${TOURNAMENT_ID}`)).toEqual({
      page: 'tournament',
      tournamentId: TOURNAMENT_ID,
    });
    expect(parseRoute('#/tournaments')).toEqual({ page: 'tournaments' });
    expect(hrefOf({ page: 'tournament', tournamentId: TOURNAMENT_ID })).toBe(
      `#/tournaments/${TOURNAMENT_ID}`,
    );
  });
});

describe('the admin form for a new tournament', () => {
  const fields = {
    name: 'Sunday SNG',
    buyIn: '10',
    fee: '1',
    guarantee: '',
    tableSize: '6',
    maxEntrants: '6',
    minEntrants: '2',
    lateRegistrationLevels: '2',
    maxEntriesPerPlayer: '1',
  };

  it('builds a Sit & Go with a preset, leaving out what only an MTT has', () => {
    expect(tournamentRequest(fields, 'SNG', 'NT', 'turbo', '', '')).toEqual({
      ok: true,
      request: {
        name: 'Sunday SNG',
        kind: 'SNG',
        variant: 'NT',
        buyIn: '10',
        fee: '1',
        guarantee: '0',
        structure: 'turbo',
        tableSize: 6,
        maxEntrants: 6,
        maxEntriesPerPlayer: 1,
      },
    });
  });

  it('builds an MTT with its start and a custom structure, and refuses a bad one', () => {
    const custom = JSON.stringify({
      name: 'tiny',
      startingStack: 100,
      steps: [{ kind: 'level', smallBlind: 5, bigBlind: 10, ante: 0, durationMs: 60_000 }],
    });
    const built = tournamentRequest(fields, 'MTT', 'PO', 'custom', custom, '2030-01-02T20:00');
    expect(built.ok && built.request.kind).toBe('MTT');
    expect(built.ok && built.request.scheduledStart).toBe(new Date('2030-01-02T20:00').toISOString());
    expect(built.ok && built.request.lateRegistrationLevels).toBe(2);
    expect(built.ok && typeof built.request.structure).toBe('object');
    expect(tournamentRequest(fields, 'MTT', 'NT', 'turbo', '', '')).toEqual({
      ok: false,
      message: 'an MTT needs a start time',
    });
    expect(tournamentRequest(fields, 'SNG', 'NT', 'custom', '{', '').ok).toBe(false);
    const goingDown = JSON.stringify({
      name: 'bad',
      startingStack: 100,
      steps: [
        { kind: 'level', smallBlind: 10, bigBlind: 20, ante: 0, durationMs: 60_000 },
        { kind: 'level', smallBlind: 5, bigBlind: 10, ante: 0, durationMs: 60_000 },
      ],
    });
    const refused = tournamentRequest(fields, 'SNG', 'NT', 'custom', goingDown, '');
    expect(refused.ok === false && refused.message).toContain('big blind goes down');
    expect(tournamentRequest({ ...fields, tableSize: 'six' }, 'SNG', 'NT', 'turbo', '', '')).toEqual({
      ok: false,
      message: 'Table size: a whole number',
    });
  });
});
