/**
 * The map of the code, enforced (`npm run lint:deps`, part of `npm run lint` and CI). The README's
 * "Map of the code" says the same in prose; change both together.
 *
 * The source is in floors. A folder may import its own files and the floors listed for it below,
 * and nothing else of ours: no import goes up, and none goes sideways unless it is listed here.
 * Tests and benchmarks (test/) may import anything.
 */

/** Each floor of src/ and what it may import of ours (besides its own files). */
const FLOORS = {
  errors: [],
  money: ['errors'],
  protocol: ['errors', 'money'],
  engine: ['errors', 'money', 'protocol'],
  fairness: ['errors', 'money', 'protocol', 'engine'],
  tables: ['errors', 'money', 'protocol', 'engine', 'fairness'],
  // The tournament director: pure rules (no I/O, clock or randomness of its own), beside the tables.
  tournaments: ['errors', 'money', 'protocol'],
  db: ['errors', 'money', 'config'],
  // The ledger implements the table's money port (tables/table-ports.ts), and imports only that of tables.
  ledger: ['errors', 'money', 'config', 'db', 'tables/table-ports'],
  users: ['errors', 'money', 'protocol', 'config', 'db'],
  observability: ['errors', 'protocol', 'tables/table-ports'],
  realtime: [
    'errors',
    'money',
    'protocol',
    'engine',
    'fairness',
    'tables',
    'tournaments',
    'config',
    'db',
    'ledger',
    'users',
    'observability',
  ],
  // The cluster is built on realtime, the way Socket.IO's Redis adapter sits on its core.
  cluster: ['errors', 'money', 'protocol', 'tables', 'config', 'db', 'realtime', 'observability'],
  http: [
    'errors',
    'money',
    'protocol',
    'engine',
    'fairness',
    'tables/table-ports',
    'tournaments',
    'config',
    'db',
    'ledger',
    'users',
    'observability',
  ],
  cli: [
    'errors',
    'money',
    'protocol',
    'engine',
    'fairness',
    'tables',
    'tournaments',
    'config',
    'db',
    'ledger',
    'users',
  ],
};

/** `src/config.ts` reads the environment; it may use the money parser, nothing else of ours. */
const CONFIG_MAY_IMPORT = ['money'];

/** A floor is a folder; `config` and names with a slash are single files. */
const pathOf = (target) =>
  target === 'config' || target.includes('/') ? `^src/${target}\\.ts$` : `^src/${target}/`;

const floorRules = Object.entries(FLOORS).map(([floor, allowed]) => ({
  name: `floor-${floor}`,
  comment: `src/${floor}/ may import only ${allowed.length ? allowed.join(', ') : 'nothing of ours'} (README: Map of the code)`,
  severity: 'error',
  from: { path: `^src/${floor}/` },
  to: {
    path: '^src/',
    pathNot: [`^src/${floor}/`, ...allowed.map(pathOf)],
  },
}));

module.exports = {
  forbidden: [
    ...floorRules,
    {
      name: 'floor-config',
      comment: `src/config.ts may import only ${CONFIG_MAY_IMPORT.join(', ')}`,
      severity: 'error',
      from: { path: '^src/config\\.ts$' },
      to: { path: '^src/', pathNot: CONFIG_MAY_IMPORT.map(pathOf) },
    },
    {
      name: 'no-main',
      comment: 'main.ts is the composition root: nothing imports it',
      severity: 'error',
      from: {},
      to: { path: '^src/main\\.ts$' },
    },
    {
      name: 'client-protocol-and-money-only',
      comment: 'client/ imports only src/protocol and src/money of the server',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^src/', pathNot: ['^src/protocol/', '^src/money/'] },
    },
    {
      name: 'prisma-stays-in-db',
      comment: "Prisma and its generated types never leave src/db/ (others use db's query modules)",
      severity: 'error',
      from: { pathNot: ['^src/db/', '^test/'] },
      to: { path: ['^src/db/generated/', '^src/db/prisma-access\\.ts$', 'node_modules/@prisma/'] },
    },
    {
      name: 'engine-pure',
      comment: 'the engine does no I/O: no Node built-in, and no package but its parsers',
      severity: 'error',
      from: { path: '^src/(engine|money|protocol|errors|tournaments)/' },
      to: {
        dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: ['node_modules/(zod|smol-toml|decimal\\.js)/'],
      },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles',
      severity: 'error',
      from: { path: '^(src|client)/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Prisma's generated client is a module others may not import, but nothing to check inside.
    doNotFollow: { path: ['node_modules', '^src/db/generated/'] },
    exclude: { path: ['/dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
