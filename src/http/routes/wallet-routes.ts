import { type WalletEntry, walletBalance, walletLedgerPage } from '../../db/queries/wallet-queries.js';
import { formatAmount } from '../../money/amount.js';
import { errorResponses, pageQuery } from '../../protocol/http-common.js';
import type { LedgerEntry } from '../../protocol/http-wallet.js';
import { LedgerPage, WalletResponse } from '../../protocol/http-wallet.js';
import { ApiError } from '../api-error.js';
import type { AppContext, ZodApp } from '../app-context.js';
import { authenticate, sessionOf } from '../auth-guard.js';

const KIND_NAMES: Record<WalletEntry['kind'], LedgerEntry['kind']> = {
  DEPOSIT: 'deposit',
  WITHDRAWAL: 'withdrawal',
  BUY_IN: 'buy-in',
  TOP_UP: 'top-up',
  CASH_OUT: 'cash-out',
  RAKE: 'rake',
  REFUND: 'refund',
  // Until the wire (protocol/http-wallet.ts TRANSFER_KINDS) and the browser's labels name the
  // tournament kinds, a wallet page shows them as their closest cash-game kind.
  TOURNAMENT_BUY_IN: 'buy-in',
  TOURNAMENT_FEE: 'buy-in',
  TOURNAMENT_REFUND: 'refund',
  TOURNAMENT_FEE_REFUND: 'refund',
  TOURNAMENT_PRIZE: 'cash-out',
  TOURNAMENT_DEAL: 'cash-out',
  TOURNAMENT_CANCEL_SHARE: 'cash-out',
  // House to prize pool: never a wallet's movement.
  TOURNAMENT_OVERLAY: 'rake',
};

function ledgerEntryOut(entry: WalletEntry): LedgerEntry {
  return {
    id: entry.id,
    kind: KIND_NAMES[entry.kind],
    direction: entry.direction,
    amount: formatAmount(entry.amount),
    tableId: entry.tableId,
    handNumber: entry.handNumber,
    seat: entry.seat,
    createdAt: entry.createdAt.toISOString(),
  };
}

/** Every user gets a wallet from a database trigger: a missing one is a broken database. */
function walletExists<T>(found: T | undefined): T {
  if (found === undefined) throw new ApiError('ledger/unknown-account', 'this user has no wallet');
  return found;
}

export function registerWalletRoutes(app: ZodApp, { config, database }: AppContext) {
  const preParsing = [authenticate(database, config.SESSION_COOKIE_NAME)];

  app.get(
    '/api/wallet',
    {
      preParsing,
      schema: {
        tags: ['wallet'],
        summary: "The logged-in user's balance",
        security: [{ bearer: [] }],
        response: { 200: WalletResponse, ...errorResponses },
      },
    },
    async (request) => ({
      balance: formatAmount(walletExists(await walletBalance(database, sessionOf(request).user.id))),
      currency: 'chips' as const,
    }),
  );

  app.get(
    '/api/wallet/ledger',
    {
      preParsing,
      schema: {
        tags: ['wallet'],
        summary: "The logged-in user's wallet movements, newest first, by pages",
        security: [{ bearer: [] }],
        querystring: pageQuery(config.PAGE_LIMIT_DEFAULT, config.PAGE_LIMIT_MAX),
        response: { 200: LedgerPage, ...errorResponses },
      },
    },
    async (request) => {
      const page = walletExists(await walletLedgerPage(database, sessionOf(request).user.id, request.query));
      return { entries: page.entries.map(ledgerEntryOut), nextCursor: page.nextCursor };
    },
  );
}
