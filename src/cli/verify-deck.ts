/**
 * `npm run verify:deck -- --hand <id>` checks a stored hand (DATABASE_URL names the database):
 * its revealed deck and salt must open the commitment published when it was dealt, and the cards
 * its history shows dealt must be the deck's. `--commitment <hex> --deck <cards> --salt <hex>
 * [--history <file.phh>]` checks values given by hand instead. Prints one JSON line; exits 0 when
 * everything matches, 1 when something does not, 2 on a usage error.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLedgerDatabase } from '../ledger/prisma-client.js';
import { type StoredHandRecord, verifyHandRecord } from '../tables/verify-hand.js';

const USAGE = `usage:
  npm run verify:deck -- --hand <id>                      (reads the hand from DATABASE_URL)
  npm run verify:deck -- --commitment <hex> --deck <52 cards, e.g. 7d2cAs...> --salt <hex> [--history <file.phh>]`;

async function loadRecord(handId: string): Promise<StoredHandRecord & { status: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new UsageError('DATABASE_URL is not set');
  if (!/^[1-9]\d{0,18}$/.test(handId)) throw new UsageError('a hand id is a positive whole number');
  const database = createLedgerDatabase({ url, poolSizeMax: 1, applicationName: 'verify-deck' });
  try {
    const row = await database.prisma.hand.findUnique({ where: { id: BigInt(handId) } });
    if (!row) throw new UsageError(`no hand ${handId}`);
    return {
      deckCommitment: row.deckCommitment,
      deck: row.deck,
      salt: row.salt,
      history: row.history,
      status: row.status,
    };
  } finally {
    await database.close();
  }
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        hand: { type: 'string' },
        commitment: { type: 'string' },
        deck: { type: 'string' },
        salt: { type: 'string' },
        history: { type: 'string' },
      },
    }).values as Record<string, string | undefined>;
  } catch (error) {
    process.stderr.write(`verify-deck: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    let record: StoredHandRecord & { status?: string };
    if (values.hand !== undefined) record = await loadRecord(values.hand);
    else if (values.commitment && values.deck && values.salt) {
      record = {
        deckCommitment: values.commitment,
        deck: values.deck,
        salt: values.salt,
        history: values.history ? readFileSync(values.history, 'utf8') : '',
      };
    } else throw new UsageError('give --hand, or --commitment, --deck and --salt');
    const verdict = verifyHandRecord(record);
    process.stdout.write(
      `${JSON.stringify({ hand: values.hand ?? null, status: record.status ?? null, ...verdict })}\n`,
    );
    return verdict.ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`verify-deck: ${error.message}\n${USAGE}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
