import { z } from 'zod';
import { isErrorCode } from '../errors/error-codes.js';
import { fail, ok, type Result } from '../errors/result.js';
import type { Ack } from '../protocol/ack.js';
import { DEAL_METHODS } from '../protocol/http-tournaments.js';
import { MoneyString } from '../protocol/money-string.js';

/**
 * A request for a tournament's director that a node which does not direct it forwards over the
 * cluster bus (src/cluster/tournament-direction.ts), as late entries are (late-entry-wire.ts): a
 * deal read, proposed or answered, or an admin's cancellation of the running tournament. The
 * payload is checked on arrival; the answer crosses back as an ack (amounts as decimal strings).
 */

export const DirectorRequest = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('deal-read') }),
  z.strictObject({ op: z.literal('deal-propose'), leftToPlayFor: MoneyString }),
  z.strictObject({
    op: z.literal('deal-answer'),
    offerId: z.string().max(64),
    answer: z.enum([...DEAL_METHODS, 'decline']),
  }),
  z.strictObject({ op: z.literal('cancel') }),
]);
export type DirectorRequest = z.infer<typeof DirectorRequest>;

/** The director's answer as it crosses the bus. */
export function resultAck<T>(result: Result<T>): Ack<T> {
  return result.ok
    ? { ok: true, data: result.value }
    : { ok: false, error: { code: result.error.code, message: result.error.message } };
}

/** Back into a result; a typed refusal when the director did not answer in time. */
export function ackResult<T>(ack: Ack<unknown> | null): Result<T> {
  if (ack === null)
    return fail(
      'tournament/director-unreachable',
      'the server directing this tournament did not answer; try again',
    );
  if (!ack.ok)
    return fail(isErrorCode(ack.error.code) ? ack.error.code : 'internal/error', ack.error.message);
  return ok(ack.data as T);
}
