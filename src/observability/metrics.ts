import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ErrorCode } from '../protocol/error-codes.js';
import type { MoneyFlowKind, TableObserver } from '../tables/table-ports.js';

/** Default process metrics whose cost grows with the number of open sockets. */
const PER_HANDLE_METRICS = [
  'nodejs_active_handles',
  'nodejs_active_handles_total',
  'nodejs_active_resources',
  'nodejs_active_resources_total',
  'nodejs_active_requests',
  'nodejs_active_requests_total',
  // Reads /proc/self/fd synchronously: 10 to 28 ms with 12,000 sockets open (measured here).
  'process_open_fds',
] as const;

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
  readonly ledgerRoundTrips: Counter;
  readonly errors: Counter<'code'>;
  readonly tablesHalted: Counter;
  readonly moneyMovedAmount: Counter<'kind'>;
  readonly moneyMovements: Counter<'kind'>;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;
  readonly rateLimited: Counter<'scope'>;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics ?? true) {
      collectDefaultMetrics({ register: this.registry });
      // These walk every open handle or descriptor (a socket each) at every scrape: with ten thousand
      // players that blocks the event loop, and every table with it, for tens of milliseconds. The
      // socket count is poker_connected_sockets.
      for (const name of PER_HANDLE_METRICS) this.registry.removeSingleMetric(name);
    }
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
    this.ledgerRoundTrips = new Counter({
      name: 'poker_ledger_round_trips_total',
      help: 'Round trips to the database made by ledger operations, by operation (settleHand, buyIn, topUp and cashOut make one each)',
      labelNames: ['operation'],
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
    this.moneyMovedAmount = new Counter({
      name: 'poker_money_moved_total',
      help: 'Chips moved, by kind (deposit, withdrawal, buy-in, top-up, cash-out, rake), as a float: the ledger holds the exact sums',
      labelNames: ['kind'],
      registers,
    });
    this.moneyMovements = new Counter({
      name: 'poker_money_movements_total',
      help: 'Money movements, by kind',
      labelNames: ['kind'],
      registers,
    });
    this.httpRequests = new Counter({
      name: 'poker_http_requests_total',
      help: 'HTTP requests answered, by method, route (its pattern) and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'poker_http_request_seconds',
      help: 'Time to answer an HTTP request, by method and route',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.rateLimited = new Counter({
      name: 'poker_rate_limited_total',
      help: 'Requests and events refused by a rate limit, by scope (http, http-money, socket-event, socket-handshake, chat)',
      labelNames: ['scope'],
      registers,
    });
  }

  moneyMoved(kind: MoneyFlowKind, amount: { toNumber(): number }): void {
    this.moneyMovements.inc({ kind });
    this.moneyMovedAmount.inc({ kind }, amount.toNumber());
  }

  ledgerRoundTripsMade(operation: string, roundTrips: number): void {
    this.ledgerRoundTrips.inc({ operation }, roundTrips);
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

/** Why a node gave a table up at once, its hand void (src/cluster/table-ownership.ts). */
export type LeaseLossReason =
  /** A renewal found the lease gone or held by another node. */
  | 'renewal-refused'
  /** No renewal succeeded in time: the lease could expire before the next one. */
  | 'renewal-late'
  /** Another node announced that it owns the table. */
  | 'owned-elsewhere';

const LEASE_LOSS_REASONS: readonly LeaseLossReason[] = ['renewal-refused', 'renewal-late', 'owned-elsewhere'];

/** What the cluster metrics read when they are scraped, rather than tracking every change. */
export interface ClusterProbes {
  /** Tables this node owns and runs (a lease held, the table restored, not being given up). */
  tablesOwned(): number;
  /** Each Redis connection of the node, by name: ready to serve commands or not. */
  redisConnections(): Readonly<Record<string, boolean>>;
}

/**
 * The metrics of one node of a cluster. They are added to the server's registry only when the
 * process runs as a cluster node (REDIS_URL set): a single node has no leases, routes or Redis,
 * and series that are always zero there would only suggest otherwise. Known label values start
 * at zero, so a rate() works from the first scrape.
 *
 * A forwarded command is one this node did not run itself: it went to the table's owner (or the
 * owner could not be reached). Its outcome is 'ok', the error code the owner answered, or
 * 'cluster/owner-unreachable'. The round trip is timed for each forward that got a reply.
 */
export class ClusterMetrics {
  readonly tablesOwned: Gauge;
  readonly leasesAcquired: Counter;
  readonly leasesLost: Counter<'reason'>;
  readonly commandsForwarded: Counter<'outcome'>;
  readonly forwardRoundTrip: Histogram;
  readonly redisConnected: Gauge<'connection'>;

  constructor(probes: ClusterProbes) {
    // Registered later, in the server's registry (registerIn): never in prom-client's global one.
    const registers: Registry[] = [];
    const tablesOwned: Gauge = new Gauge({
      name: 'poker_cluster_tables_owned',
      help: 'Tables this node owns under a lease',
      registers,
      collect: () => tablesOwned.set(probes.tablesOwned()),
    });
    this.tablesOwned = tablesOwned;
    this.leasesAcquired = new Counter({
      name: 'poker_cluster_leases_acquired_total',
      help: 'Table leases taken by this node (the table then ran here)',
      registers,
    });
    this.leasesLost = new Counter({
      name: 'poker_cluster_leases_lost_total',
      help: 'Tables this node gave up at once because their lease was lost or in doubt, by reason',
      labelNames: ['reason'],
      registers,
    });
    for (const reason of LEASE_LOSS_REASONS) this.leasesLost.inc({ reason }, 0);
    this.commandsForwarded = new Counter({
      name: 'poker_cluster_commands_forwarded_total',
      help: "Table commands sent to the table's owner on another node, by outcome (ok, or an error code)",
      labelNames: ['outcome'],
      registers,
    });
    for (const outcome of ['ok', 'cluster/owner-unreachable']) this.commandsForwarded.inc({ outcome }, 0);
    this.forwardRoundTrip = new Histogram({
      name: 'poker_cluster_forward_seconds',
      help: 'Round trip of a command forwarded to the owning node, until its reply',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    const redisConnected: Gauge<'connection'> = new Gauge({
      name: 'poker_cluster_redis_connected',
      help: 'Whether each Redis connection of this node is ready (1) or not (0)',
      labelNames: ['connection'],
      registers,
      collect: () => {
        for (const [connection, ready] of Object.entries(probes.redisConnections()))
          redisConnected.set({ connection }, ready ? 1 : 0);
      },
    });
    this.redisConnected = redisConnected;
  }

  /** Adds them to a registry (the server's, which GET /metrics serves). */
  registerIn(registry: Registry): void {
    registry.registerMetric(this.tablesOwned);
    registry.registerMetric(this.leasesAcquired);
    registry.registerMetric(this.leasesLost);
    registry.registerMetric(this.commandsForwarded);
    registry.registerMetric(this.forwardRoundTrip);
    registry.registerMetric(this.redisConnected);
  }

  leaseAcquired(): void {
    this.leasesAcquired.inc();
  }

  leaseLost(reason: LeaseLossReason): void {
    this.leasesLost.inc({ reason });
  }

  /** A command this node did not run itself ended: 'ok', the owner's error code, or unreachable. */
  commandForwarded(outcome: 'ok' | ErrorCode): void {
    this.commandsForwarded.inc({ outcome });
  }

  forwardAnswered(roundTripMs: number): void {
    this.forwardRoundTrip.observe(roundTripMs / 1000);
  }
}
