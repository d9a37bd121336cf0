import { randomUUID } from 'node:crypto';
import { ApiClient } from '../../../client/bots/api-client.js';
import { type BotSocket, connectSocket, emitWithAck } from '../../../client/bots/bot-socket.js';
import { LatencyRecorder, type LatencySummaryMs } from '../../../client/bots/latency-recorder.js';

/**
 * One extra client, in the benchmark's own (otherwise idle) process, that asks the server for the
 * cheapest acknowledged thing it has (`table:part` of a table it does not watch: no table, no
 * database) every `intervalMs`, and records the round trips. Next to the bots' action->ack figures
 * it tells apart what the server makes everyone wait from what the bots, busy processes sharing the
 * same cores, add to their own measurements.
 */
export class LatencyProbe {
  private recorder = new LatencyRecorder();
  private timer: NodeJS.Timeout | null = null;
  private inFlight = false;
  private failures = 0;

  private constructor(private readonly socket: BotSocket) {}

  static async start(
    url: string,
    username: string,
    password: string,
    intervalMs = 50,
  ): Promise<LatencyProbe> {
    const session = await new ApiClient(url).login(username, password);
    const socket = await connectSocket(url, session.token, 3, 10_000, () => {});
    const probe = new LatencyProbe(socket);
    probe.timer = setInterval(() => void probe.once(), intervalMs);
    return probe;
  }

  private async once(): Promise<void> {
    // One at a time: a slow answer must show as one long round trip, not as a pile of them.
    if (this.inFlight) return;
    this.inFlight = true;
    const startedAt = performance.now();
    const outcome = await emitWithAck(this.socket, 'table:part', { tableId: randomUUID() }, 10_000);
    if (outcome.kind === 'ack') this.recorder.record(performance.now() - startedAt);
    else this.failures += 1;
    this.inFlight = false;
  }

  /** The round trips since the last call (a measuring window), and starts a new window. */
  takeWindow(): { roundTrip: LatencySummaryMs; failures: number } {
    const taken = { roundTrip: this.recorder.summary(), failures: this.failures };
    this.recorder = new LatencyRecorder();
    this.failures = 0;
    return taken;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.socket.close();
  }
}
