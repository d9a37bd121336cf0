import type { Ack } from '../../../../src/protocol/ack.js';
import type { ErrorCode } from '../../../../src/protocol/error-codes.js';
import {
  CLIENT_EVENT_SCHEMAS,
  type ClientEventName,
  type ClientToServerEvents,
} from '../../../../src/protocol/events.js';
import { ACK_SCHEMAS } from '../../../../src/protocol/server-message-schemas.js';
import { currentSocket } from './connection.js';

/** How long to wait for an acknowledgement before telling the user the request may not have arrived. */
const ACK_TIMEOUT_MS = 10_000;
/** Tries of a command while the node running its table does not answer (the table may be moving). */
const UNREACHABLE_TRIES = 3;
/** Pause before the next try, times the number of tries so far. */
const UNREACHABLE_BACKOFF_MS = 300;

/**
 * Commands never tried again by themselves after `cluster/owner-unreachable`: that answer can come
 * after the command ran, and running one of these twice is not harmless (a second action, a second
 * top-up). The caller shows the error; the table's view then tells what happened.
 */
const NOT_RETRIED: ReadonlySet<ClientEventName> = new Set<ClientEventName>(['table:act', 'table:top-up']);

type PayloadOf<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
type AckDataOf<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[1] extends (
  ack: Ack<infer T>,
) => void
  ? T
  : never;

/** Codes of failures found on this side, before or instead of an answer. */
export type ClientErrorCode = 'client/offline' | 'client/timeout' | 'client/malformed-answer';

export type SendResult<T> =
  | { readonly ok: true; readonly data: T }
  | {
      readonly ok: false;
      readonly error: { readonly code: ErrorCode | ClientErrorCode; readonly message: string };
    };

/**
 * Sends one client event and waits for its acknowledgement. The payload is checked first with the
 * very schema the server validates with (src/protocol), so a malformed request never leaves.
 * Nothing is queued while offline: a stale action must not be delivered after a reconnection.
 */
export async function send<E extends ClientEventName>(
  event: E,
  payload: PayloadOf<E>,
): Promise<SendResult<AckDataOf<E>>> {
  const checked = CLIENT_EVENT_SCHEMAS[event].safeParse(payload);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return {
      ok: false,
      error: { code: 'realtime/invalid-payload', message: issue?.message ?? 'invalid request' },
    };
  }
  return retryWhileUnreachable(event, () => sendOnce(event, payload));
}

/**
 * Runs `attempt` again, a bounded number of times with a growing pause, while the answer is
 * `cluster/owner-unreachable` and the command is one that may safely run twice.
 */
export async function retryWhileUnreachable<T>(
  event: ClientEventName,
  attempt: () => Promise<SendResult<T>>,
  backoffMs = UNREACHABLE_BACKOFF_MS,
): Promise<SendResult<T>> {
  for (let tries = 1; ; tries++) {
    const result = await attempt();
    const unreachable = !result.ok && result.error.code === 'cluster/owner-unreachable';
    if (!unreachable || NOT_RETRIED.has(event) || tries >= UNREACHABLE_TRIES) return result;
    await new Promise((resolve) => setTimeout(resolve, backoffMs * tries));
  }
}

async function sendOnce<E extends ClientEventName>(
  event: E,
  payload: PayloadOf<E>,
): Promise<SendResult<AckDataOf<E>>> {
  const socket = currentSocket();
  if (!socket?.connected) {
    return { ok: false, error: { code: 'client/offline', message: 'not connected; reconnecting…' } };
  }
  try {
    // The event maps type each ack; emitWithAck's generic types cannot follow a generic event name.
    const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
      emitWithAck(name: string, body: unknown): Promise<Ack<AckDataOf<E>>>;
    };
    const answer = await timed.emitWithAck(event, payload);
    if (!ACK_SCHEMAS[event].safeParse(answer).success) {
      console.error(`malformed answer to "${event}"`, answer);
      return {
        ok: false,
        error: { code: 'client/malformed-answer', message: 'the server answered something unexpected' },
      };
    }
    return answer;
  } catch {
    return { ok: false, error: { code: 'client/timeout', message: 'no answer from the server' } };
  }
}
