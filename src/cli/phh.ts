/**
 * The PHH command line: `npm run phh -- replay [--check] <paths>` and
 * `npm run phh -- simulate --hands N --players K --seed S --out DIR`. See phh-args.ts for usage.
 */
import { parsePhhArgs, USAGE } from './phh-args.js';
import { replayFiles } from './phh-replay-files.js';
import { simulateHands } from './phh-simulate.js';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

function main(argv: readonly string[]): number {
  const parsed = parsePhhArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`phh: ${parsed.error}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const command = parsed.value;
  if (command.command === 'simulate') {
    const written = simulateHands(command);
    process.stdout.write(`${JSON.stringify({ written: written.length, out: command.out })}\n`);
    return 0;
  }
  const summary = replayFiles(command.paths, command.check, (line) => {
    process.stdout.write(`${JSON.stringify(line)}\n`);
  });
  return command.check && (summary.errors > 0 || summary.mismatched > 0) ? EXIT_FAILED : 0;
}

process.exitCode = main(process.argv.slice(2));
