import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ErrorCode } from '../protocol/error-codes.js';
import type { TableObserver } from '../tables/table-ports.js';

/**
 * The server's Prometheus metrics, in a registry of their own (not prom-client's global one), so
 * tests and several servers in one process never collide. It is also the tables' observer.
 *
 * Rates are left to Prometheus: "hands per second" is rate(poker_hands_settled_total[1m]).
 */
export class PokerMetrics implements TableObserver {
  readonly registry = new Registry();
  readonly connectedSockets: Gauge;
  readonly liveTables: Gauge;
  readonly handsStarted: Counter;
  readonly handsSettled: Counter;
  readonly actionLatency: Histogram;
  readonly mailboxDepthObserved: Histogram;
  readonly settlementTime: Histogram;
  readonly errors: Counter<'code'>;
  readonly tablesHalted: Counter;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.connectedSockets = new Gauge({
      name: 'poker_connected_sockets',
      help: 'Open Socket.IO connections',
      registers,
    });
    this.liveTables = new Gauge({
      name: 'poker_live_tables',
      help: 'Tables running in this process',
      registers,
    });
    this.handsStarted = new Counter({ name: 'poker_hands_started_total', help: 'Hands dealt', registers });
    this.handsSettled = new Counter({
      name: 'poker_hands_settled_total',
      help: 'Hands settled in the ledger',
      registers,
    });
    this.actionLatency = new Histogram({
      name: 'poker_action_latency_seconds',
      help: 'From a player action entering the table mailbox to its new state being published',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    });
    this.mailboxDepthObserved = new Histogram({
      name: 'poker_mailbox_depth',
      help: 'Commands waiting in a table mailbox, observed at each enqueue',
      buckets: [0, 1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    });
    this.settlementTime = new Histogram({
      name: 'poker_settlement_seconds',
      help: 'Time to settle a hand in the ledger',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.errors = new Counter({
      name: 'poker_errors_total',
      help: 'Errors answered to clients, by code',
      labelNames: ['code'],
      registers,
    });
    this.tablesHalted = new Counter({
      name: 'poker_tables_halted_total',
      help: 'Tables stopped by a fault',
      registers,
    });
  }

  handStarted(): void {
    this.handsStarted.inc();
  }

  handSettled(_tableId: string, settlementMs: number): void {
    this.handsSettled.inc();
    this.settlementTime.observe(settlementMs / 1000);
  }

  actionApplied(_tableId: string, latencyMs: number): void {
    this.actionLatency.observe(latencyMs / 1000);
  }

  mailboxDepth(_tableId: string, depth: number): void {
    this.mailboxDepthObserved.observe(depth);
  }

  commandRejected(code: ErrorCode): void {
    this.errors.inc({ code });
  }

  tableHalted(): void {
    this.tablesHalted.inc();
  }
}
