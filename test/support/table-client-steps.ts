import type { ActionKindWire } from '../../src/protocol/client-payloads.js';
import type { TableView } from '../../src/protocol/table-view.js';
import type { PokerClient } from './poker-client.js';

/** Steps of the integration tests, in terms of what a client sees and sends. */

export function handNumberOf(view: TableView | undefined): number {
  return view?.hand?.number ?? 0;
}

/** Waits until it is this client's turn in hand `handNumber`, and returns that view. */
export function waitForTurn(client: PokerClient, tableId: string, handNumber: number): Promise<TableView> {
  return client.waitForView(
    tableId,
    (view) =>
      view.hand?.number === handNumber && view.hand.toActSeat === view.you.seat && view.hand.legal !== null,
  );
}

/** Sends an action quoting the client's latest view of the hand. */
export async function act(client: PokerClient, tableId: string, kind: ActionKindWire, amount?: string) {
  const view = client.latest(tableId);
  if (!view?.hand) throw new Error('no hand to act in');
  return client.send<null>('table:act', {
    tableId,
    deckCommitment: view.hand.deckCommitment,
    handNumber: view.hand.number,
    turn: view.hand.turn,
    kind,
    ...(amount !== undefined && { amount }),
  });
}

/** The client whose turn it is, according to a view. */
export function clientToAct(clients: readonly PokerClient[], view: TableView): PokerClient {
  const seat = view.hand?.toActSeat;
  const userId = view.seats.find((candidate) => candidate.seat === seat)?.player?.userId;
  const client = clients.find((candidate) => candidate.userId === userId);
  if (!client) throw new Error(`no client for seat ${seat}`);
  return client;
}
