import type { z } from 'zod';
import { ACK_SCHEMAS, SERVER_EVENT_SCHEMAS } from '../../src/protocol/server-message-schemas.js';
import { type CompiledValidator, compileValidator } from './compiled-validator.js';
import type { RunStats } from './run-stats.js';

export type ServerEventName = keyof typeof SERVER_EVENT_SCHEMAS;
export type AckedEventName = keyof typeof ACK_SCHEMAS;
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof SERVER_EVENT_SCHEMAS)[E]>;
export type AckOf<E extends AckedEventName> = z.infer<(typeof ACK_SCHEMAS)[E]>;

function compileEach<K extends string>(
  schemas: Readonly<Record<K, z.ZodType>>,
): Record<K, CompiledValidator> {
  const compiled = {} as Record<K, CompiledValidator>;
  for (const name of Object.keys(schemas) as K[]) compiled[name] = compileValidator(schemas[name]);
  return compiled;
}

/** Compiled once per process, when the first bot starts. */
let compiledOnce: {
  readonly events: Record<ServerEventName, CompiledValidator>;
  readonly acks: Record<AckedEventName, CompiledValidator>;
} | null = null;

function validators() {
  compiledOnce ??= { events: compileEach(SERVER_EVENT_SCHEMAS), acks: compileEach(ACK_SCHEMAS) };
  return compiledOnce;
}

/**
 * Validates every message a bot receives against the protocol's zod schemas, and counts them. An
 * invalid message is dropped (the bot acts only on what the protocol defines) and sampled for the
 * report. The checks are the schemas' own, generated into plain functions (compiled-validator.ts):
 * a valid message is used as received, with no copy.
 */
export class MessageValidator {
  private readonly compiled = validators();

  constructor(private readonly stats: RunStats) {}

  serverEvent<E extends ServerEventName>(event: E, payload: unknown): ServerEventPayload<E> | null {
    this.stats.messagesReceived += 1;
    const failure = this.compiled.events[event](payload);
    if (failure === null) return payload as ServerEventPayload<E>;
    this.stats.invalid(event, failure);
    return null;
  }

  ack<E extends AckedEventName>(event: E, ack: unknown): AckOf<E> | null {
    this.stats.messagesReceived += 1;
    const failure = this.compiled.acks[event](ack);
    if (failure === null) return ack as AckOf<E>;
    this.stats.invalid(`${event} (ack)`, failure);
    return null;
  }

  /** An event the protocol does not define at all. */
  unknownEvent(event: string): void {
    this.stats.messagesReceived += 1;
    this.stats.invalid(event.slice(0, 60), 'unknown server event');
  }
}
