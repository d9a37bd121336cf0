import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { openOperatorDatabase } from '../db/operator-database.js';
import { auditLedger, formatAuditReport } from '../ledger/audit.js';

/**
 * `npm run audit [-- --at 2025-01-31T23:59:59Z] [-- --json]`: recomputes every balance of the
 * ledger in the server's database (DATABASE_URL, or else the embedded one in DATA_DIR) from its transfers and checks the invariants. Exit status 0: clean;
 * 1: discrepancies found; 2: bad usage or the database could not be read.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { at: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  let at: Date | undefined;
  if (values.at !== undefined) {
    at = new Date(values.at);
    if (Number.isNaN(at.getTime())) {
      console.error(`audit: --at ${values.at} is not an ISO timestamp`);
      return 2;
    }
  }
  const operator = await openOperatorDatabase(
    loadConfig(process.env),
    'holdem-audit',
    pino({ level: 'warn' }),
  );
  try {
    const report = await auditLedger(operator.database(), { at });
    console.log(
      values.json
        ? JSON.stringify({
            ...report,
            sum: report.sum.toFixed(),
            totals: report.totals.map((t) => ({ ...t, balance: t.balance.toFixed() })),
          })
        : formatAuditReport(report),
    );
    return report.ok ? 0 : 1;
  } finally {
    await operator.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('audit failed:', error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
