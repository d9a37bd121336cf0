/**
 * `npm run tournament:sim -- --entrants N --seed S [--structure turbo|regular|deep] [--late-share F] [--json]`
 * Runs a whole multi-table tournament in one process (tournament-simulation.ts) and prints its
 * report; the last line is the report as JSON. Exits 1 when any check failed.
 */
import { performance } from 'node:perf_hooks';
import { ENTRANTS_MAX } from '../tournaments/payout-table.js';
import { PRESET_NAMES, type PresetName } from '../tournaments/structure.js';
import { simulateTournament } from './tournament-simulation.js';

const USAGE =
  'usage: npm run tournament:sim -- --entrants N --seed S [--structure turbo|regular|deep] [--late-share 0..1] [--json]';

function main(argv: readonly string[]): number {
  const options = new Map<string, string>();
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg.startsWith('--') && argv[i + 1] !== undefined) options.set(arg.slice(2), argv[++i]!);
    else return usage(`unexpected ${arg}`);
  }
  const entrants = Number(options.get('entrants'));
  const seed = Number(options.get('seed') ?? '1');
  const structure = (options.get('structure') ?? 'turbo') as PresetName;
  const lateShare = Number(options.get('late-share') ?? '0');
  for (const name of options.keys()) {
    if (!['entrants', 'seed', 'structure', 'late-share'].includes(name))
      return usage(`unknown option --${name}`);
  }
  if (!Number.isInteger(entrants) || entrants < 2 || entrants > ENTRANTS_MAX) {
    return usage(`--entrants must be a whole number in 2..${ENTRANTS_MAX}`);
  }
  if (!Number.isSafeInteger(seed)) return usage('--seed must be a whole number');
  if (!PRESET_NAMES.includes(structure))
    return usage(`--structure must be one of ${PRESET_NAMES.join(', ')}`);
  if (!(lateShare >= 0 && lateShare <= 1)) return usage('--late-share must be in 0..1');
  const started = performance.now();
  const report = simulateTournament(
    { entrants, seed, structure, lateShare },
    () => (performance.now() - started) / 1000,
  );
  if (!json) {
    for (const [name, value] of Object.entries(report)) process.stdout.write(`${name}: ${value}\n`);
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
  const clean = report.payoutsMatchPool && report.chipCheckFailures === 0 && report.invariantFailures === 0;
  return clean && report.finished ? 0 : 1;
}

function usage(problem: string): number {
  process.stderr.write(`tournament:sim: ${problem}\n${USAGE}\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
