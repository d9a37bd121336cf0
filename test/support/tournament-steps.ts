import { expect } from 'vitest';
import { Money } from '../../src/money/index.js';
import type { TournamentNotice } from '../../src/protocol/notices.js';
import type { TableView } from '../../src/protocol/table-view.js';
import type { TestDatabase } from './database.js';
import type { PokerClient } from './poker-client.js';
import { act } from './table-client-steps.js';

/** Steps the live tournament tests share: the HTTP API, a player's notices and turns, a wallet. */

/** One HTTP call to a server, its JSON answer as the documented fields (tests read them). */
export async function callApi(
  url: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
) {
  const response = await fetch(new URL(path, url), {
    method,
    headers: {
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(token && { authorization: `Bearer ${token}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read the documented fields of an answer
  return { status: response.status, body: (await response.json()) as any };
}

export async function walletOf(db: TestDatabase, userId: string): Promise<Money> {
  const account = await db.prisma.account.findUnique({ where: { userId } });
  return new Money(account!.balance.toFixed());
}

/** Every `tournament:notice` this client received, oldest first. */
export function noticesOf(client: PokerClient): TournamentNotice[] {
  return client.frames
    .filter((frame) => frame.event === 'tournament:notice')
    .map((frame) => frame.data as TournamentNotice);
}

/** A predicate: this client has been told it is out of the tournament (eliminated or the winner). */
export function outOfTournament(client: PokerClient): () => boolean {
  return () => noticesOf(client).some((notice) => notice.kind === 'eliminated' || notice.kind === 'finished');
}

export function myTurn(view: TableView | undefined): boolean {
  return (
    view?.hand !== undefined &&
    view.hand !== null &&
    view.hand.phase !== 'complete' &&
    view.hand.toActSeat === view.you.seat &&
    view.hand.legal !== null
  );
}

/** Plays every turn of this client all in (or calls, or checks) until the tournament is over for them. */
export async function playAllIn(client: PokerClient, tableId: string, over: () => boolean): Promise<void> {
  for (let step = 0; step < 200 && !over(); step++) {
    await client.waitFor(() => over() || myTurn(client.latest(tableId)), 60_000);
    if (over()) return;
    const view = client.latest(tableId)!;
    const actions = view.hand!.legal!.actions;
    const kind = actions.includes('all-in') ? 'all-in' : actions.includes('call') ? 'call' : 'check';
    const ack = await act(client, tableId, kind);
    if (!ack.ok && ack.error.code !== 'table/stale-action' && ack.error.code !== 'table/not-your-turn')
      throw new Error(`${kind} refused: ${ack.error.code} ${ack.error.message}`);
    await client.waitFor(() => {
      const latest = client.latest(tableId)?.hand;
      return over() || latest?.number !== view.hand!.number || latest.turn !== view.hand!.turn;
    }, 60_000);
  }
}

/** Waits for the player's `seated` notice (of this tournament) and joins that table; answers its id. */
export async function joinSeatedTable(client: PokerClient, tournamentId: string): Promise<string> {
  const seatedNotice = () => noticesOf(client).find((notice) => notice.kind === 'seated');
  await client.waitFor(() => seatedNotice() !== undefined, 15_000);
  const seated = seatedNotice()!;
  expect(seated.tournamentId).toBe(tournamentId);
  const joined = await client.send<TableView>('table:join', { tableId: seated.tableId });
  expect(joined.ok).toBe(true);
  return seated.tableId!;
}
