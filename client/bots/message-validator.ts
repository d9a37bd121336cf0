import type { z } from 'zod';
import { ACK_SCHEMAS, SERVER_EVENT_SCHEMAS } from '../../src/protocol/server-message-schemas.js';
import type { RunStats } from './run-stats.js';

export type ServerEventName = keyof typeof SERVER_EVENT_SCHEMAS;
export type AckedEventName = keyof typeof ACK_SCHEMAS;
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof SERVER_EVENT_SCHEMAS)[E]>;
export type AckOf<E extends AckedEventName> = z.infer<(typeof ACK_SCHEMAS)[E]>;

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}

/**
 * Validates every message a bot receives against the protocol's zod schemas, and counts them. An
 * invalid message is dropped (the bot acts only on what the protocol defines) and sampled for the
 * report.
 */
export class MessageValidator {
  constructor(private readonly stats: RunStats) {}

  serverEvent<E extends ServerEventName>(event: E, payload: unknown): ServerEventPayload<E> | null {
    this.stats.messagesReceived += 1;
    const parsed = SERVER_EVENT_SCHEMAS[event].safeParse(payload);
    if (parsed.success) return parsed.data as ServerEventPayload<E>;
    this.stats.invalid(event, describe(parsed.error));
    return null;
  }

  ack<E extends AckedEventName>(event: E, ack: unknown): AckOf<E> | null {
    this.stats.messagesReceived += 1;
    const parsed = ACK_SCHEMAS[event].safeParse(ack);
    if (parsed.success) return parsed.data as AckOf<E>;
    this.stats.invalid(`${event} (ack)`, describe(parsed.error));
    return null;
  }

  /** An event the protocol does not define at all. */
  unknownEvent(event: string): void {
    this.stats.messagesReceived += 1;
    this.stats.invalid(event.slice(0, 60), 'unknown server event');
  }
}
