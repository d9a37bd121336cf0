import { compileValidator } from '../../client/bots/compiled-validator.js';
import { TableUpdateSchema } from '../../src/protocol/server-message-schemas.js';
import { TableViewAssembler } from '../../src/protocol/table-view-assembler.js';
import { recordTableMessages } from '../support/recorded-messages.js';

/**
 * `npm run bench:bot-messages`: a bot's own work per message it receives, without sockets: the
 * table:update stream of a real 6-max table (recorded by test/support/recorded-messages.ts, through
 * JSON) checked by zod's safeParse and by the validator generated from the same schema, and moved
 * into each player's view by the assembler. CPU time per message (process.cpuUsage, so other
 * processes on the machine do not count), median of 7 rounds, each over the whole stream repeated.
 * Ends with one JSON line.
 */

const ROUNDS = 7;
const REPEAT = 20;

const recorded = await recordTableMessages(600);
const messages: unknown[] = recorded.updates.map(({ update }) => update);
const bytes = messages.reduce<number>((sum, message) => sum + JSON.stringify(message).length, 0);

function cpuMicrosPerMessage(work: () => void): number {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.cpuUsage();
    for (let repeat = 0; repeat < REPEAT; repeat++) work();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / (REPEAT * messages.length));
  }
  return samples.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

let sink = 0;
const zodSafeParse = () => {
  for (const message of messages) if (TableUpdateSchema.safeParse(message).success) sink += 1;
};
const validate = compileValidator(TableUpdateSchema);
const generated = () => {
  for (const message of messages) if (validate(message) === null) sink += 1;
};
const assemble = () => {
  const assemblers = new Map(recorded.views.map(({ userId }) => [userId, new TableViewAssembler(userId)]));
  for (const { userId, view } of recorded.views) assemblers.get(userId)!.reset(view);
  for (const { userId, update } of recorded.updates)
    if (assemblers.get(userId)!.apply(update).kind === 'applied') sink += 1;
};

// Warm up every path before measuring.
for (let i = 0; i < 3; i++) {
  zodSafeParse();
  generated();
  assemble();
}
const figures = {
  messages: messages.length,
  meanBytes: Math.round(bytes / messages.length),
  zodSafeParseUs: cpuMicrosPerMessage(zodSafeParse),
  generatedUs: cpuMicrosPerMessage(generated),
  assembleUs: cpuMicrosPerMessage(assemble),
};
const round3 = (value: number) => Math.round(value * 1000) / 1000;
console.log(
  `bot messages: ${figures.messages} table:update messages (mean ${figures.meanBytes} bytes), CPU per message:` +
    ` zod safeParse ${round3(figures.zodSafeParseUs)} us, generated validator ${round3(figures.generatedUs)} us` +
    ` (${round3(figures.zodSafeParseUs / figures.generatedUs)}x faster), assembler ${round3(figures.assembleUs)} us`,
);
console.log(JSON.stringify({ bench: 'bot-messages', ...figures, checked: sink > 0 }));
