/** Tests and benchmarks use the same seeded generator as the simulator (never for real hands). */
export { seededInt, seededRandom } from '../../src/cli/seeded-random.js';
