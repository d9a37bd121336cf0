import { errorResponses, pageQuery } from '../../protocol/http-common.js';
import { LedgerPage, WalletResponse } from '../../protocol/http-wallet.js';
import type { AppContext, ZodApp } from '../app-context.js';
import { authenticate, sessionOf } from '../auth-guard.js';
import { walletBalance, walletLedgerPage } from '../queries/wallet-queries.js';

export function registerWalletRoutes(app: ZodApp, { config, prisma }: AppContext) {
  const preParsing = [authenticate(prisma, config.SESSION_COOKIE_NAME)];

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
      balance: await walletBalance(prisma, sessionOf(request).user.id),
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
    async (request) => walletLedgerPage(prisma, sessionOf(request).user.id, request.query),
  );
}
