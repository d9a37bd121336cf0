import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileValidator } from '../../client/bots/compiled-validator.js';
import {
  ACK_SCHEMAS,
  SERVER_EVENT_SCHEMAS,
  TableUpdateSchema,
} from '../../src/protocol/server-message-schemas.js';
import { type RecordedMessages, recordTableMessages } from '../support/recorded-messages.js';
import { seededInt, seededRandom } from '../support/seeded-random.js';

/**
 * The bots' generated validators give zod's verdict: on every message of a real table's stream,
 * and on each of those messages broken in one place (a value replaced, a key removed or added, an
 * element added), wherever that place is.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values put in place of another: every JSON kind, and the edges of the protocol's checks. */
const REPLACEMENTS: readonly (Json | undefined)[] = [
  undefined,
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53,
  '',
  'x',
  '12.50',
  '-1',
  '1e3',
  'As',
  '00000000-0000-4000-8000-000000000001',
  'a'.repeat(64),
  [],
  {},
];

/** Every place in a message: the path of each value below the root. */
function placesOf(value: Json, path: (string | number)[] = [], into: (string | number)[][] = []) {
  if (Array.isArray(value))
    for (const [index, item] of value.entries()) placesOf(item, [...path, index], into);
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) placesOf(item, [...path, key], into);
  if (path.length > 0) into.push(path);
  return into;
}

type Container = Record<string | number, unknown>;

/** A copy of `message` with its value at `path` changed by `change` (which may delete it). */
function changedAt(
  message: Json,
  path: (string | number)[],
  change: (parent: Container, key: string | number) => void,
): Json {
  const copy = structuredClone(message);
  let parent = copy as unknown as Container;
  for (const key of path.slice(0, -1)) parent = parent[key] as Container;
  change(parent, path.at(-1)!);
  return copy;
}

function mutationsOf(message: Json, pick: (max: number) => number): Json[] {
  const places = placesOf(message);
  const mutated: Json[] = [];
  for (let n = 0; n < 12 && places.length > 0; n++) {
    const path = places[pick(places.length)]!;
    const replacement = REPLACEMENTS[pick(REPLACEMENTS.length)];
    mutated.push(
      changedAt(message, path, (parent, key) => {
        if (replacement === undefined && !Array.isArray(parent)) delete parent[key];
        else parent[key] = replacement ?? null;
      }),
    );
    mutated.push(
      changedAt(message, path, (parent, key) => {
        const target = parent[key];
        if (Array.isArray(target)) target.push(structuredClone(target[0] ?? 'x'));
        else if (target !== null && typeof target === 'object') (target as Container).unknownField = 1;
        else parent[key] = [target];
      }),
    );
  }
  return mutated;
}

function agreeOn(schema: z.ZodType, messages: readonly unknown[]): { checked: number; invalid: number } {
  const compiled = compileValidator(schema);
  let invalid = 0;
  for (const message of messages) {
    const zodSays = schema.safeParse(message).success;
    const verdict = compiled(message);
    if ((verdict === null) !== zodSays) {
      throw new Error(
        `zod says ${zodSays}, compiled says ${verdict}: ${JSON.stringify(message).slice(0, 2000)}`,
      );
    }
    if (!zodSays) invalid += 1;
  }
  return { checked: messages.length, invalid };
}

describe('bots: validators generated from the protocol schemas', () => {
  let recorded: RecordedMessages;
  beforeAll(async () => {
    recorded = await recordTableMessages(400);
  });

  it('compiles every server event and every ack schema', () => {
    for (const schema of [...Object.values(SERVER_EVENT_SCHEMAS), ...Object.values(ACK_SCHEMAS)])
      expect(typeof compileValidator(schema)).toBe('function');
  });

  it('accepts every message of a real table, and says what is wrong with a broken one', () => {
    const validate = compileValidator(TableUpdateSchema);
    expect(recorded.updates.length).toBeGreaterThan(1_000);
    for (const { update } of recorded.updates) expect(validate(update)).toBeNull();
    const [first] = recorded.updates;
    expect(validate({ ...first!.update, seq: -1 })).toBe('seq: below 0');
    expect(validate({ ...first!.update, extra: 1 })).toBe('(root): unknown key "extra"');
  });

  it('gives zod verdict on table updates broken in one place', () => {
    const rand = seededRandom(11);
    const pick = (max: number) => seededInt(rand, max);
    const messages = recorded.updates
      .filter((_, index) => index % 3 === 0)
      .map(({ update }) => update as unknown as Json);
    const mutated = messages.flatMap((message) => mutationsOf(message, pick));
    const { checked, invalid } = agreeOn(TableUpdateSchema, mutated);
    // Most breaks are caught, some are not (a value replaced by one as good): both were compared.
    expect(invalid).toBeGreaterThan(checked / 2);
    expect(invalid).toBeLessThan(checked);
  });

  it('gives zod verdict on acks (whole views, errors, nulls) broken in one place', () => {
    const rand = seededRandom(12);
    const pick = (max: number) => seededInt(rand, max);
    const views = recorded.views.map(({ view }) => ({ ok: true, data: view }) as unknown as Json);
    const errors: Json[] = [{ ok: false, error: { code: 'table/not-your-turn', message: 'wait' } }];
    const nulls: Json[] = [{ ok: true, data: null }];
    agreeOn(ACK_SCHEMAS['table:sit'], [
      ...views,
      ...errors,
      ...views.flatMap((view) => mutationsOf(view, pick)),
    ]);
    agreeOn(ACK_SCHEMAS['table:act'], [
      ...nulls,
      ...errors,
      ...nulls.flatMap((ack) => mutationsOf(ack, pick)),
    ]);
    agreeOn(
      ACK_SCHEMAS['table:act'],
      errors.flatMap((ack) => mutationsOf(ack, pick)),
    );
    agreeOn(ACK_SCHEMAS['table:act'], [null, 'ok', { ok: 'true', data: null }, { data: null }]);
  });

  it('refuses to compile what it cannot check without copying', () => {
    expect(() => compileValidator(z.object({ a: z.string() }))).toThrow(/strict objects/);
    expect(() => compileValidator(z.string().transform((text) => text.length))).toThrow(/not supported/);
  });
});
