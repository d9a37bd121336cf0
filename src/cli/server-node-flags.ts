/**
 * The Node flags a server process runs with, wherever it is started (`npm start` in package.json
 * repeats them, as a script cannot import this file; cluster:dev and the load benchmark use it).
 *
 * --max-semi-space-size=64: a server holds thousands of long-lived sockets and makes short-lived
 * objects for every message. With V8's default young generation (16 MiB semi-spaces) it ran a
 * scavenge every ~90 ms at 1,000 tables; 64 MiB semi-spaces scavenge a quarter as often for about
 * twice the time each (bench:load, 1,000 tables: GC 1.9 -> 1.1 s per 20 s, action->ack p50 8.3 ->
 * 3.9 ms), at the price of up to 96 MiB more young space per process, not per table.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
