import type { FastifyRequest } from 'fastify';
import type { TournamentEntryStatus } from '../../db/column-types.js';
import {
  type TournamentEntryListing,
  type TournamentSummaryRecord,
  tournamentDetails,
  tournamentLiveRecord,
  tournamentSummaries,
} from '../../db/queries/tournament-queries.js';
import { formatAmount } from '../../money/amount.js';
import { Money } from '../../money/decimal.js';
import { errorResponses } from '../../protocol/http-common.js';
import {
  CreateTournamentBody,
  TournamentDetailResponse,
  type TournamentEntrantOut,
  TournamentListResponse,
  type TournamentLiveOut,
  TournamentParams,
  TournamentRegistrationBody,
  TournamentRegistrationResponse,
  TournamentResponse,
  type TournamentSummaryOut,
} from '../../protocol/http-tournaments.js';
import { type TournamentStructure, TournamentStructureSchema } from '../../protocol/tournament-structure.js';
import type { TournamentState } from '../../tournaments/director-types.js';
import { prizeAmounts } from '../../tournaments/prizes.js';
import { isRunnerState, levelInPlay } from '../../tournaments/saved-state.js';
import { presetStructure } from '../../tournaments/structure.js';
import { findActiveSession } from '../../users/sessions.js';
import { ApiError, unwrap } from '../api-error.js';
import type { AppContext, ZodApp } from '../app-context.js';
import { authenticate, readToken, requireRole, sessionOf } from '../auth-guard.js';

/** Entrants a tournament's page lists at most. */
const ENTRANTS_LISTED_MAX = 1_000;

const lower = <T extends string>(text: T) => text.toLowerCase() as Lowercase<T>;

/** The pool as the lobby shows it: fixed once registration closed, at least the guarantee before. */
function poolOf(summary: TournamentSummaryRecord): Money {
  const buyIns = summary.buyIn.times(summary.entrants);
  if (summary.overlay !== null) return buyIns.plus(summary.overlay);
  return Money.max(buyIns, summary.guarantee);
}

function summaryOut(summary: TournamentSummaryRecord): TournamentSummaryOut {
  const structure = summary.structure as Partial<TournamentStructure>;
  return {
    id: summary.id,
    name: summary.name,
    kind: summary.kind,
    variant: summary.variant,
    status: lower(summary.status),
    buyIn: formatAmount(summary.buyIn),
    fee: formatAmount(summary.fee),
    guarantee: formatAmount(summary.guarantee),
    chipUnit: formatAmount(summary.chipUnit),
    tableSize: summary.tableSize,
    minEntrants: summary.minEntrants,
    maxEntrants: summary.maxEntrants,
    maxEntriesPerPlayer: summary.maxEntriesPerPlayer,
    entries: summary.entrants,
    playersLeft: summary.playersLeft,
    prizePool: formatAmount(poolOf(summary)),
    startingStack: summary.startingChips,
    structureName: typeof structure.name === 'string' ? structure.name : 'custom',
    scheduledStart: summary.scheduledStart?.toISOString() ?? null,
    lateRegistrationLevels: summary.lateRegistrationLevel ?? 0,
    startedAt: summary.startedAt?.toISOString() ?? null,
    endedAt: summary.endedAt?.toISOString() ?? null,
    createdAt: summary.createdAt.toISOString(),
  };
}

/** The live side of an entry: its director entry (stack, table) when the runner has saved one. */
interface LiveEntry {
  readonly stack: number;
  readonly tableId: string | null;
}

function entrantOut(entry: TournamentEntryListing, live: LiveEntry | undefined): TournamentEntrantOut {
  const playing = entry.status === 'PLAYING';
  const won =
    entry.prize === null && entry.dealAmount === null && entry.cancelShare === null
      ? null
      : (entry.prize ?? new Money(0)).plus(entry.dealAmount ?? 0).plus(entry.cancelShare ?? 0);
  return {
    username: entry.username,
    entryNumber: entry.entryNumber,
    status: lower(entry.status) as Lowercase<TournamentEntryStatus>,
    stack: playing && live ? live.stack : null,
    tableId: playing && live ? live.tableId : null,
    place: entry.finishingPlace,
    prize: won === null ? null : formatAmount(won),
  };
}

/** Standing players by stack, then the others: finishers by place, then registration order. */
function entrantOrder(a: TournamentEntrantOut, b: TournamentEntrantOut): number {
  const standing = (entrant: TournamentEntrantOut) => (entrant.stack === null ? 1 : 0);
  return (
    standing(a) - standing(b) ||
    (b.stack ?? 0) - (a.stack ?? 0) ||
    (a.place ?? Number.MAX_SAFE_INTEGER) - (b.place ?? Number.MAX_SAFE_INTEGER)
  );
}

function liveOut(
  state: TournamentState,
  savedAtMs: number,
  tableIds: ReadonlyMap<number, string>,
): TournamentLiveOut {
  const inPlay = levelInPlay(state);
  const endsAtMs = inPlay.endsAtClockMs === null ? null : savedAtMs + inPlay.endsAtClockMs - state.clockMs;
  return {
    level: inPlay.level,
    onBreak: inPlay.onBreak,
    smallBlind: inPlay.smallBlind,
    bigBlind: inPlay.bigBlind,
    ante: inPlay.ante,
    levelEndsAt: endsAtMs === null ? null : new Date(endsAtMs).toISOString(),
    averageStack: state.alive > 0 ? Math.round(state.chipsInPlay / state.alive) : 0,
    handForHand: state.handForHand,
    tables: state.tables
      .filter((table) => table.status !== 'broken' && tableIds.has(table.tableId))
      .map((table) => ({ tableId: tableIds.get(table.tableId)!, players: table.players })),
  };
}

/**
 * Tournaments over HTTP, exactly as src/protocol/http-tournaments.ts says: the lobby and a
 * tournament's page (public; the page adds your own entries when you are signed in), a player's
 * registration and unregistration (idempotent by requestId; money moves only in the ledger), and
 * an admin's creation and cancellation (before the start: every entry refunded).
 */
export function registerTournamentRoutes(app: ZodApp, context: AppContext) {
  const { config, database, tournamentLedger, tournamentLifecycle, moneyRateLimit } = context;
  const signedIn = authenticate(database, config.SESSION_COOKIE_NAME);
  const players = [signedIn, requireRole('player')];
  const admins = [signedIn, requireRole('admin')];

  const summaryOf = async (tournamentId: string) => {
    const [summary] = await tournamentSummaries(database, { limit: 1, tournamentId });
    if (!summary) throw new ApiError('ledger/unknown-tournament', 'no such tournament');
    return summary;
  };

  /** The signed-in user of a public route, if any (a bad or expired token reads as nobody). */
  const viewerOf = async (request: FastifyRequest): Promise<string | null> => {
    const token = readToken(request, config.SESSION_COOKIE_NAME);
    if (token === undefined) return null;
    const session = await findActiveSession(database, token);
    return session.ok ? session.value.user.id : null;
  };

  app.get(
    '/api/tournaments',
    {
      schema: {
        tags: ['tournaments'],
        summary: 'The tournament lobby (public): the soonest scheduled first, then the newest',
        response: { 200: TournamentListResponse, ...errorResponses },
      },
    },
    async () => ({
      tournaments: (await tournamentSummaries(database, { limit: config.TOURNAMENT_BATCH_MAX })).map(
        summaryOut,
      ),
    }),
  );

  app.get(
    '/api/tournaments/:id',
    {
      schema: {
        tags: ['tournaments'],
        summary: 'One tournament: structure, payouts, entrants, live state and your own entries',
        params: TournamentParams,
        response: { 200: TournamentDetailResponse, ...errorResponses },
      },
    },
    async (request) => {
      const tournamentId = request.params.id;
      const summary = await summaryOf(tournamentId);
      const details = await tournamentDetails(database, tournamentId, ENTRANTS_LISTED_MAX);
      const record = await tournamentLiveRecord(database, tournamentId);
      if (!details || !record) throw new ApiError('ledger/unknown-tournament', 'no such tournament');
      const saved = isRunnerState(record.state) ? record.state : null;
      const liveEntries = new Map<string, LiveEntry>();
      saved?.ledgerEntryIds.forEach((ledgerEntryId, entryId) => {
        const entry = saved.director.entries[entryId];
        if (!entry) return;
        liveEntries.set(ledgerEntryId, {
          stack: entry.stack,
          tableId: entry.tableId > 0 ? (record.tableIds.get(entry.tableId) ?? null) : null,
        });
      });
      const entrants = details.entries
        .filter((entry) => entry.status !== 'UNREGISTERED' && entry.status !== 'REFUNDED')
        .map((entry) => entrantOut(entry, liveEntries.get(entry.entryId)))
        .sort(entrantOrder);
      const fixedPrizes = saved && !saved.director.registrationOpen ? saved.director.prizes : null;
      const payouts =
        fixedPrizes ??
        (summary.entrants > 0
          ? prizeAmounts(poolOf(summary), summary.entrants, summary.chipUnit).map((prize) => prize.toFixed())
          : []);
      const viewer = await viewerOf(request);
      const mine = viewer === null ? [] : details.entries.filter((entry) => entry.userId === viewer);
      const live = mine.some((entry) => entry.status === 'REGISTERED' || entry.status === 'PLAYING');
      const bought = mine.filter(
        (entry) => entry.status !== 'UNREGISTERED' && entry.status !== 'REFUNDED',
      ).length;
      const lateOpen = summary.status === 'RUNNING' && saved?.director.registrationOpen === true;
      return {
        tournament: summaryOut(summary),
        structure: TournamentStructureSchema.parse(summary.structure),
        payouts: payouts.map((amount, index) => ({
          place: index + 1,
          amount: formatAmount(new Money(amount)),
        })),
        entrants,
        live:
          saved && saved.director.phase === 'running'
            ? liveOut(saved.director, saved.savedAtMs, record.tableIds)
            : null,
        you:
          viewer === null
            ? null
            : {
                entries: mine.map((entry) => entrantOut(entry, liveEntries.get(entry.entryId))),
                canRegister:
                  (summary.status === 'REGISTERING' || lateOpen) &&
                  !live &&
                  bought < summary.maxEntriesPerPlayer &&
                  summary.entrants < summary.maxEntrants,
                canUnregister:
                  summary.status === 'REGISTERING' && mine.some((entry) => entry.status === 'REGISTERED'),
              },
      };
    },
  );

  app.post(
    '/api/tournaments/:id/register',
    {
      preParsing: players,
      preHandler: moneyRateLimit,
      schema: {
        tags: ['tournaments'],
        summary:
          'Buy an entry (buy-in to the prize pool, fee to the house); a retry with the same requestId does nothing more',
        security: [{ bearer: [] }],
        params: TournamentParams,
        body: TournamentRegistrationBody,
        response: { 200: TournamentRegistrationResponse, ...errorResponses },
      },
    },
    async (request) => {
      const user = sessionOf(request).user;
      const tournamentId = request.params.id;
      // Keys are per user: another player's requestId can never answer for this one.
      const idempotencyKey = `${user.id}:${request.body.requestId}`;
      const late = tournamentLifecycle?.lateEntry(tournamentId, user.id, idempotencyKey) ?? null;
      const result = late
        ? await late
        : await tournamentLedger.registerForTournament({ tournamentId, userId: user.id, idempotencyKey });
      const registration = unwrap(result);
      request.log.info(
        { tournamentId, userId: user.id, entryId: registration.entryId },
        'tournament registration',
      );
      if (!late && result.ok && !result.replayed && tournamentLifecycle)
        void tournamentLifecycle
          .registered(tournamentId, user.id, registration.entryId)
          .catch((error: unknown) => {
            request.log.error({ err: error, tournamentId }, 'the tournament did not hear of a registration');
          });
      return {
        tournamentId,
        entryNumber: registration.entryNumber,
        status: lower(registration.status),
        buyIn: formatAmount(registration.buyIn),
        fee: formatAmount(registration.fee),
        walletBalance: formatAmount(registration.walletBalance),
      };
    },
  );

  app.post(
    '/api/tournaments/:id/unregister',
    {
      preParsing: players,
      preHandler: moneyRateLimit,
      schema: {
        tags: ['tournaments'],
        summary:
          'Take back a registration before the start: buy-in and fee back exactly; idempotent by requestId',
        security: [{ bearer: [] }],
        params: TournamentParams,
        body: TournamentRegistrationBody,
        response: { 200: TournamentRegistrationResponse, ...errorResponses },
      },
    },
    async (request) => {
      const user = sessionOf(request).user;
      const tournamentId = request.params.id;
      const refund = unwrap(
        await tournamentLedger.unregisterFromTournament({
          tournamentId,
          userId: user.id,
          idempotencyKey: `${user.id}:${request.body.requestId}`,
        }),
      );
      request.log.info(
        { tournamentId, userId: user.id, entryId: refund.entryId },
        'tournament unregistration',
      );
      return {
        tournamentId,
        entryNumber: refund.entryNumber,
        status: 'unregistered' as const,
        buyIn: formatAmount(refund.buyIn),
        fee: formatAmount(refund.fee),
        walletBalance: formatAmount(refund.walletBalance),
      };
    },
  );

  app.post(
    '/api/admin/tournaments',
    {
      preParsing: admins,
      schema: {
        tags: ['admin'],
        summary: 'Create a tournament (a Sit & Go, or a multi-table one at a scheduled start)',
        security: [{ bearer: [] }],
        body: CreateTournamentBody,
        response: { 201: TournamentResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const sitAndGo = body.kind === 'SNG';
      if (!sitAndGo && body.scheduledStart === undefined)
        throw new ApiError('request/bad-request', 'a multi-table tournament needs its scheduledStart');
      if (sitAndGo && (body.scheduledStart !== undefined || (body.lateRegistrationLevels ?? 0) > 0))
        throw new ApiError(
          'request/bad-request',
          'a Sit & Go starts when full: no scheduledStart, no late registration',
        );
      const structure = typeof body.structure === 'string' ? presetStructure(body.structure) : body.structure;
      const late = sitAndGo ? 0 : (body.lateRegistrationLevels ?? 0);
      const created = unwrap(
        await tournamentLedger.createTournament({
          name: body.name,
          kind: body.kind,
          variant: body.variant ?? 'NT',
          buyIn: new Money(body.buyIn),
          fee: new Money(body.fee),
          guarantee: new Money(body.guarantee ?? '0'),
          chipUnit: new Money(body.chipUnit ?? '0.01'),
          startingChips: structure.startingStack,
          tableSize: body.tableSize,
          maxEntriesPerPlayer: sitAndGo ? 1 : (body.maxEntriesPerPlayer ?? 1),
          // A Sit & Go starts full: its minimum is its maximum.
          minEntrants: sitAndGo ? body.maxEntrants : Math.min(body.minEntrants ?? 2, body.maxEntrants),
          maxEntrants: body.maxEntrants,
          scheduledStart: body.scheduledStart === undefined ? null : new Date(body.scheduledStart),
          lateRegistrationLevel: late > 0 ? late : null,
          structure,
          payoutSettings: { table: 'standard' },
        }),
      );
      request.log.info(
        { admin: request.auth?.user.id, tournamentId: created.tournamentId },
        'tournament created',
      );
      return reply.code(201).send({ tournament: summaryOut(await summaryOf(created.tournamentId)) });
    },
  );

  app.post(
    '/api/admin/tournaments/:id/cancel',
    {
      preParsing: admins,
      schema: {
        tags: ['admin'],
        summary:
          'Cancel a tournament. Before its start every entry is refunded its buy-in and fee; while it runs, play stops and the players still in share what the prize pool holds by chips (fees are not refunded)',
        security: [{ bearer: [] }],
        params: TournamentParams,
        response: { 200: TournamentResponse, ...errorResponses },
      },
    },
    async (request) => {
      const tournamentId = request.params.id;
      const admin = request.auth?.user.id;
      if ((await summaryOf(tournamentId)).status === 'RUNNING') {
        // Its director decides the shares from the chips and pays them (a crash leaves it CANCELLING,
        // which calling again, or the restart, carries on through the ledger alone).
        if (!tournamentLifecycle) throw new ApiError('tournament/not-running', 'no tournament runs here');
        unwrap(await tournamentLifecycle.cancelRunning(tournamentId));
        request.log.info({ admin, tournamentId }, 'running tournament cancelled');
        return { tournament: summaryOut(await summaryOf(tournamentId)) };
      }
      const result = await tournamentLedger.cancelTournament({ tournamentId });
      const cancelled = unwrap(result);
      request.log.info({ admin, tournamentId, ...cancelled }, 'tournament cancelled');
      if (result.ok && !result.replayed && cancelled.refunded > 0)
        await tournamentLifecycle?.cancelled(tournamentId);
      return { tournament: summaryOut(await summaryOf(tournamentId)) };
    },
  );
}
