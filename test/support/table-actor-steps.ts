import { Money } from '../../src/money/index.js';
import type { ActionKindWire } from '../../src/protocol/client-payloads.js';
import type { HandViewWire, TableView } from '../../src/protocol/table-view.js';
import type { TableHarness } from '../support/table-harness.js';

/** Shared steps of the table actor tests. */

/** What the steps below need of a harness: a cash table's or a tournament table's. */
export type ActorHarness = Pick<TableHarness, 'actor' | 'view' | 'settle'>;

export async function seatPlayer(harness: TableHarness, userId: string, seatNo: number, buyIn = '100') {
  harness.ledger.deposit(userId, new Money(1000));
  const result = await harness.actor.sit({ userId, username: userId, seat: seatNo, buyIn: new Money(buyIn) });
  await harness.settle();
  return result;
}

export function handOf(view: TableView): HandViewWire {
  if (!view.hand) throw new Error('no hand');
  return view.hand;
}

export function userToAct(harness: ActorHarness): string {
  const view = harness.view(null);
  const seatNo = handOf(view).toActSeat;
  const player = view.seats.find((seat) => seat.seat === seatNo)?.player;
  if (!player) throw new Error('nobody to act');
  return player.userId;
}

export async function actAs(harness: ActorHarness, userId: string, kind: ActionKindWire, amount?: string) {
  const hand = handOf(harness.view(userId));
  const result = await harness.actor.act({
    userId,
    deckCommitment: hand.deckCommitment,
    handNumber: hand.number,
    turn: hand.turn,
    kind,
    ...(amount !== undefined && { amount: new Money(amount) }),
  });
  await harness.settle();
  return result;
}

export function seatStatus(harness: ActorHarness, userId: string): string | undefined {
  return harness.view(null).seats.find((seat) => seat.player?.userId === userId)?.player?.status;
}

/** The error code of a refused command, or null if it succeeded. */
export function codeOf(result: { ok: true } | { ok: false; error: { code: string } }): string | null {
  return result.ok ? null : result.error.code;
}
