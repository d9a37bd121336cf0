/**
 * A server process with the tables wired in, for chaos tests that kill it: what src/main.ts does,
 * plus wireRealtime (until main.ts calls it itself). Needs DATABASE_URL. Logs "server ready"
 * with its address, like main.ts.
 */
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { createLedgerDatabase } from '../../src/ledger/prisma-client.js';
import { createLedger } from '../../src/ledger/transactions.js';
import { wireRealtime } from '../../src/realtime/wire-realtime.js';

const config = loadConfig(process.env);
const logger = pino({ level: config.LOG_LEVEL });
if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required');
const database = createLedgerDatabase({ url: config.DATABASE_URL, applicationName: 'table-server' });
const ledger = createLedger(database.prisma);
const app = await buildApp({ config, prisma: database.prisma, ledger, logger });
const { service } = await wireRealtime(app, { config, prisma: database.prisma, ledger, logger });
const address = await app.listen({ host: config.HOST, port: config.PORT });
logger.info({ address }, 'server ready');

process.once('SIGTERM', () => {
  void (async () => {
    await service.close();
    await app.close();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  })();
});
