import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardsToString, parseCards } from '../../src/engine/cards.js';
import type { DeckProofWire, TableView } from '../../src/protocol/table-view.js';
import { driveHands } from '../support/hand-driver.js';
import type { PokerClient } from '../support/poker-client.js';
import { act, clientToAct } from '../support/table-client-steps.js';
import { startTableServer, type TableServer, UNTHROTTLED_GATEWAY } from '../support/table-server.js';

const run = promisify(execFile);
const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url));

let server: TableServer;
let scratch: string;
const clients: PokerClient[] = [];

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'verify-deck-'));
  server = await startTableServer('tables_verify', {
    gateway: UNTHROTTLED_GATEWAY,
  });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A proof as parsed from JSON, for doctoring. */
interface MutableProof {
  leaves: string[];
  openings: { position: number; card: string; salt: string }[];
}

interface CliRun {
  code: number;
  output: Record<string, unknown>;
  stderr: string;
}

/** Runs the CLI as `npm run verify:deck` does; `database` gives it the test database. */
async function verifyDeck(args: string[], database = true): Promise<CliRun> {
  const env = { PATH: process.env.PATH ?? '', ...(database && { DATABASE_URL: server.db.url }) };
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/verify-deck.ts', ...args],
      { cwd: PROJECT_DIR, env },
    );
    return { code: 0, output: JSON.parse(stdout), stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return {
      code: failed.code,
      output: failed.stdout ? JSON.parse(failed.stdout) : {},
      stderr: failed.stderr,
    };
  }
}

function saveJson(name: string, value: unknown): string {
  const file = path.join(scratch, name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** Plays one hand with everyone checking or calling, so it reaches a showdown with a full board. */
async function playCheckDown(tableId: string, players: readonly PokerClient[], watcher: PokerClient) {
  const previous = watcher.latest(tableId)?.hand?.number ?? 0;
  server.advance(1_000);
  const first = await watcher.waitForView(tableId, (view) => (view.hand?.number ?? 0) > previous);
  const number = first.hand!.number;
  for (let step = 0; step < 50; step++) {
    const view = watcher.latest(tableId)!;
    if (view.hand!.phase === 'complete') break;
    const turn = view.hand!.turn;
    const client = clientToAct(players, view);
    const own = await client.waitForView(
      tableId,
      (v) => v.hand?.number === number && v.hand.turn === turn && v.hand.legal !== null,
    );
    const ack = await act(client, tableId, own.hand!.legal!.actions.includes('check') ? 'check' : 'call');
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    await watcher.waitForView(tableId, (v) => v.hand!.turn > turn || v.hand!.phase === 'complete');
  }
  return { number, publishedCommitment: first.hand!.deckCommitment };
}

describe('npm run verify:deck', () => {
  it("checks a stored hand's whole deck against its commitment, and catches a forgery (operator)", async () => {
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
    expect(stored).toMatchObject({
      code: 0,
      output: { hand: hand.id.toString(), status: 'SETTLED', ok: true, problems: [], checkedHistory: true },
    });

    // The same values given by hand; then with two cards of the deck swapped.
    const given = ['--commitment', hand.deckCommitment, '--salts', hand.salt];
    expect((await verifyDeck([...given, '--deck', hand.deck])).code).toBe(0);
    const deck = parseCards(hand.deck)!;
    [deck[0], deck[1]] = [deck[1]!, deck[0]!];
    const forged = await verifyDeck([...given, '--deck', cardsToString(deck)]);
    expect(forged.code).toBe(1);
    expect(forged.output.problems).toEqual(['the deck and salts do not match the commitment']);
    expect(forged.stderr).toContain('FAILED');
    expect((await verifyDeck(['--hand', 'nope'])).code).toBe(2);
    // Those two leave, so that their table deals no more hands during the next test.
    for (const client of [pia!, quin!]) expect((await client.send('table:leave', { tableId })).ok).toBe(true);
  });

  it('verifies the proof a player collects at the end of a hand, and rejects a doctored one', async () => {
    const tableId = await server.createTable({ name: 'Proof' });
    const people = await Promise.all(['sam', 'tia', 'uma'].map((name) => server.player(name)));
    const [sam, tia, uma] = await Promise.all(people.map((person) => server.connect(person)));
    clients.push(sam!, tia!, uma!);
    expect((await sam!.send('table:sit', { tableId, seat: 1, buyIn: '100' })).ok).toBe(true);
    expect((await tia!.send('table:sit', { tableId, seat: 2, buyIn: '100' })).ok).toBe(true);
    expect((await uma!.send('table:join', { tableId })).ok).toBe(true);
    const { number, publishedCommitment } = await playCheckDown(tableId, [sam!, tia!], uma!);

    // What Sam received at the end of the hand, as he would save it.
    const finalView: TableView = await sam!.waitForView(
      tableId,
      (view) => view.hand?.number === number && view.hand.proof !== null,
    );
    const proof = finalView.hand!.proof!;
    expect(proof.commitment).toBe(publishedCommitment);
    expect(proof.board).toHaveLength(5);
    const shownCards = 2 * finalView.hand!.result!.shown.filter((entry) => entry.seat !== 1).length;
    const proofFile = saveJson('sam-proof.json', proof);
    // A player needs no database: the check runs on the file alone.
    const verified = await verifyDeck(['--proof', proofFile, '--commitment', publishedCommitment], false);
    expect(verified).toMatchObject({
      code: 0,
      output: { mode: 'proof', handNumber: number, ok: true, problems: [], provenCards: 2 + shownCards + 5 },
    });
    expect(verified.stderr).toContain('OK');
    // The whole final view works as the file too.
    expect((await verifyDeck(['--proof', saveJson('sam-view.json', finalView)], false)).code).toBe(0);
    // So does the spectator's proof (board and shown hands only).
    const watched = uma!.latest(tableId)!.hand!;
    expect(watched.proof!.holeCards).toEqual(
      watched.result!.shown.map(({ seat, cards }) => ({ seat, cards })),
    );
    expect(watched.proof!.openings).toHaveLength(watched.result!.shown.length * 2 + 5);
    expect((await verifyDeck(['--proof', saveJson('uma-proof.json', watched.proof)], false)).code).toBe(0);

    // Doctored proofs: a card, a salt, two leaves, or the commitment seen at the start.
    const doctor = (change: (copy: MutableProof) => void): unknown => {
      const copy = JSON.parse(JSON.stringify(proof)) as MutableProof;
      change(copy);
      return copy;
    };
    const ownFirst = proof.openings.find((opening) => opening.position === 2 * proof.seats.indexOf(1))!;
    const otherCard = ownFirst.card === 'As' ? 'Ah' : 'As';
    const cases: [string, unknown, string][] = [
      [
        'card',
        doctor((copy) => {
          copy.openings.find((o) => o.position === ownFirst.position)!.card = otherCard;
        }),
        `the opening of deck position ${ownFirst.position} (${otherCard}) does not match its leaf`,
      ],
      [
        'salt',
        doctor((copy) => {
          const opening = copy.openings[0]!;
          opening.salt = `${opening.salt.slice(0, 63)}${opening.salt.endsWith('0') ? '1' : '0'}`;
        }),
        `the opening of deck position ${proof.openings[0]!.position} (${proof.openings[0]!.card}) does not match its leaf`,
      ],
      [
        'leaves',
        doctor((copy) => {
          [copy.leaves[40], copy.leaves[41]] = [copy.leaves[41]!, copy.leaves[40]!];
        }),
        'the 52 leaves do not hash to the commitment',
      ],
    ];
    for (const [what, doctored, problem] of cases) {
      const rejected = await verifyDeck(['--proof', saveJson(`doctored-${what}.json`, doctored)], false);
      expect(rejected.code, what).toBe(1);
      expect(rejected.output.ok).toBe(false);
      expect(rejected.output.problems).toContain(problem);
      expect(rejected.stderr).toContain(problem);
    }
    const otherCommitment = await verifyDeck(['--proof', proofFile, '--commitment', '0'.repeat(64)], false);
    expect(otherCommitment.code).toBe(1);
    expect(otherCommitment.output.problems).toEqual([
      'the proof is for another commitment than the one published at the start of the hand',
    ]);
    writeFileSync(path.join(scratch, 'broken.json'), '{ not json');
    expect((await verifyDeck(['--proof', path.join(scratch, 'broken.json')], false)).code).toBe(2);

    // The hand history gives Sam the same proof later, and the CLI takes that response as it is.
    const stored = await server.db.prisma.hand.findFirstOrThrow({ where: { tableId, number } });
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/hands/${stored.id}`,
      headers: { authorization: `Bearer ${people[0]!.token}` },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { hand: { proof: DeckProofWire } };
    expect(body.hand.proof).toEqual(proof);
    expect((await verifyDeck(['--proof', saveJson('sam-history.json', body)], false)).code).toBe(0);
    // Tia's history proof opens her own cards, not Sam's (unless he showed them).
    const tias = (
      await server.app.inject({
        method: 'GET',
        url: `/api/hands/${stored.id}`,
        headers: { authorization: `Bearer ${people[1]!.token}` },
      })
    ).json() as { hand: { proof: DeckProofWire } };
    expect(tias.hand.proof).toEqual(tia!.latest(tableId)!.hand!.proof);
    expect(tias.hand.proof.holeCards.map((entry) => entry.seat)).toContain(2);
    // The API documents the proof's shape.
    const openapi = await server.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(openapi.statusCode).toBe(200);
    expect(openapi.body).toContain('sha256-card-leaves-v1');
  });
});
