/**
 * Checks that a hand's cards were fixed before the deal (scheme: src/tables/deck-commitment.ts).
 *
 * A player, with what the server sent them at the end of the hand (the `proof` of the final table
 * view, or of GET /api/hands/:id; the file may hold the proof itself or either response):
 *   npm run verify:deck -- --proof <file.json> [--commitment <hex seen at the start of the hand>]
 * The leaves must hash to the commitment, every opening to its leaf, and every card shown as dealt
 * must be opened at the deck position the engine deals it from.
 *
 * The operator, with the whole deck (from the server's database: DATABASE_URL, or else the
 * embedded one in DATA_DIR):
 *   npm run verify:deck -- --hand <id>
 *   npm run verify:deck -- --commitment <hex> --deck <52 cards> --salts <hex> [--history <file.phh>]
 * The deck and its 52 salts must open the commitment, and the cards the history shows dealt must be
 * the deck's.
 *
 * Prints one JSON line on stdout, and a readable verdict on stderr; exits 0 when everything
 * matches, 1 when something does not, 2 on a usage error.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyDeckProof } from '../fairness/verify-deck-proof.js';
import { type StoredHandRecord, verifyHandRecord } from '../fairness/verify-hand.js';

const USAGE = `usage:
  npm run verify:deck -- --proof <file.json> [--commitment <hex>]   (a player's end-of-hand proof)
  npm run verify:deck -- --hand <id>                                (reads the hand from the server's database)
  npm run verify:deck -- --commitment <hex> --deck <52 cards, e.g. 7d2cAs...> --salts <52 salts, hex> [--history <file.phh>]`;

class UsageError extends Error {}

async function loadRecord(handId: string): Promise<StoredHandRecord & { status: string }> {
  if (!/^[1-9]\d{0,18}$/.test(handId)) throw new UsageError('a hand id is a positive whole number');
  // Loaded only here: a player checking a proof needs no database client.
  const { loadConfig } = await import('../config.js');
  const { openOperatorDatabase } = await import('../db/operator-database.js');
  const { findStoredHand } = await import('../db/queries/hand-queries.js');
  const { pino } = await import('pino');
  const operator = await openOperatorDatabase(
    loadConfig(process.env),
    'verify-deck',
    pino({ level: 'warn' }),
  );
  try {
    const row = await findStoredHand(operator.database(), BigInt(handId));
    if (!row) throw new UsageError(`no hand ${handId}`);
    return {
      deckCommitment: row.deckCommitment,
      deck: row.deck,
      salts: row.salt,
      history: row.history,
      status: row.status,
    };
  } finally {
    await operator.close();
  }
}

/** The proof in a file: the proof itself, or a response or view that carries it. */
function readProof(file: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read a JSON proof from ${file}: ${(error as Error).message}`);
  }
  const field = (value: unknown, key: string): unknown =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  if (field(json, 'scheme') !== undefined) return json;
  return field(json, 'proof') ?? field(field(json, 'hand'), 'proof') ?? json;
}

function report(verdict: { ok: boolean; problems: readonly string[] }, what: string): number {
  if (verdict.ok) process.stderr.write(`verify-deck: OK: ${what}\n`);
  else {
    process.stderr.write(`verify-deck: FAILED: ${what}\n`);
    for (const problem of verdict.problems) process.stderr.write(`  - ${problem}\n`);
  }
  return verdict.ok ? 0 : 1;
}

function verifyProofFile(file: string, expectedCommitment: string | undefined): number {
  const proof = readProof(file);
  const verdict = verifyDeckProof(proof, expectedCommitment === undefined ? {} : { expectedCommitment });
  const header = proof as { tableId?: unknown; handNumber?: unknown; commitment?: unknown };
  process.stdout.write(
    `${JSON.stringify({
      mode: 'proof',
      tableId: header.tableId ?? null,
      handNumber: header.handNumber ?? null,
      commitment: header.commitment ?? null,
      ...verdict,
    })}\n`,
  );
  return report(
    verdict,
    verdict.ok
      ? `${verdict.provenCards} cards proven against commitment ${String(header.commitment)}`
      : 'the proof does not show that these cards were committed before the deal',
  );
}

async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        proof: { type: 'string' },
        hand: { type: 'string' },
        commitment: { type: 'string' },
        deck: { type: 'string' },
        salts: { type: 'string' },
        history: { type: 'string' },
      },
    }).values as Record<string, string | undefined>;
  } catch (error) {
    process.stderr.write(`verify-deck: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    if (values.proof !== undefined) return verifyProofFile(values.proof, values.commitment);
    let record: StoredHandRecord & { status?: string };
    if (values.hand !== undefined) record = await loadRecord(values.hand);
    else if (values.commitment && values.deck && values.salts) {
      record = {
        deckCommitment: values.commitment,
        deck: values.deck,
        salts: values.salts,
        history: values.history ? readFileSync(values.history, 'utf8') : '',
      };
    } else throw new UsageError('give --proof, or --hand, or --commitment, --deck and --salts');
    const verdict = verifyHandRecord(record);
    process.stdout.write(
      `${JSON.stringify({ hand: values.hand ?? null, status: record.status ?? null, ...verdict })}\n`,
    );
    return report(verdict, `the whole deck of hand ${values.hand ?? '(given)'} against its commitment`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`verify-deck: ${error.message}\n${USAGE}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
