import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardsToString, parseCards } from '../../src/engine/cards.js';
import { driveHands } from '../support/hand-driver.js';
import type { PokerClient } from '../support/poker-client.js';
import { startTableServer, type TableServer } from '../support/table-server.js';

const run = promisify(execFile);
const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url));

let server: TableServer;
const clients: PokerClient[] = [];

beforeAll(async () => {
  server = await startTableServer('tables_verify', {
    gateway: {
      socketEventsPerSecond: 1_000,
      socketBurst: 1_000,
      userEventsPerSecond: 1_000,
      userBurst: 1_000,
    },
  });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

async function verifyDeck(args: string[]): Promise<{ code: number; output: Record<string, unknown> }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/verify-deck.ts', ...args], {
      cwd: PROJECT_DIR,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: server.db.url },
    });
    return { code: 0, output: JSON.parse(stdout) };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, output: failed.stdout ? JSON.parse(failed.stdout) : {} };
  }
}

describe('npm run verify:deck', () => {
  it("checks a stored hand's dealt cards against its commitment, and catches a forgery", async () => {
    const tableId = await server.createTable({ name: 'Fair deck' });
    const people = await Promise.all(['pia', 'quin', 'ray'].map((name) => server.player(name)));
    const [pia, quin, ray] = await Promise.all(people.map((person) => server.connect(person)));
    clients.push(pia!, quin!, ray!);
    expect((await pia!.send('table:sit', { tableId, seat: 1, buyIn: '100' })).ok).toBe(true);
    expect((await quin!.send('table:sit', { tableId, seat: 2, buyIn: '100' })).ok).toBe(true);
    expect((await ray!.send('table:join', { tableId })).ok).toBe(true);
    await driveHands(server, tableId, [pia!, quin!], ray!, { hands: 2, seed: 8, pauseMs: 1_000 });
    const hand = await server.db.prisma.hand.findFirstOrThrow({ where: { tableId, number: 2 } });

    const stored = await verifyDeck(['--hand', hand.id.toString()]);
    expect(stored).toEqual({
      code: 0,
      output: { hand: hand.id.toString(), status: 'SETTLED', ok: true, problems: [], checkedHistory: true },
    });

    // The same values given by hand; then with two cards of the deck swapped.
    const given = ['--commitment', hand.deckCommitment, '--salt', hand.salt];
    expect((await verifyDeck([...given, '--deck', hand.deck])).code).toBe(0);
    const deck = parseCards(hand.deck)!;
    [deck[0], deck[1]] = [deck[1]!, deck[0]!];
    const forged = await verifyDeck([...given, '--deck', cardsToString(deck)]);
    expect(forged.code).toBe(1);
    expect(forged.output.problems).toEqual(['the deck and salt do not match the commitment']);
    expect((await verifyDeck(['--hand', 'nope'])).code).toBe(2);
  });
});
