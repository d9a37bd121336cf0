import { TournamentDirector } from '../../src/tournaments/director.js';
import type {
  DirectorCommand,
  DirectorEvent,
  HandReportLine,
  TournamentConfig,
  TournamentState,
} from '../../src/tournaments/director-types.js';
import { EMPTY } from '../../src/tournaments/seating.js';
import { presetStructure } from '../../src/tournaments/structure.js';
import { seededInt, seededRandom } from './seeded-random.js';

/**
 * Plays a tournament through the real director without the hand engine: a "hand" busts random
 * players at a table and gives their chips to a random survivor. Tables finish in a random order,
 * so they are out of step as live ones are. Every command is checked against a model of the
 * tables kept here (the tables' side of the contract); problems are collected, not thrown.
 */
export class TournamentDriver {
  director: TournamentDirector;
  readonly rand: () => number;
  readonly randomInt: (max: number) => number;
  readonly commands: DirectorCommand[] = [];
  /** The commands of the last event. */
  lastCommands: DirectorCommand[] = [];
  readonly problems: string[] = [];
  /** Tables as the driver sees them: seat -> entry id. */
  readonly seats = new Map<number, number[]>();
  readonly stacks = new Map<number, number>();
  readonly inHand = new Map<number, { level: number }>();
  lastBigBlind = new Map<number, number>();

  constructor(config: TournamentConfig, seed: number) {
    this.director = TournamentDirector.create(config);
    this.rand = seededRandom(seed);
    this.randomInt = (max) => seededInt(this.rand, max);
  }

  get state(): TournamentState {
    return this.director.state;
  }

  send(event: DirectorEvent): DirectorCommand[] {
    const result = this.director.apply(event, this.randomInt);
    if (!result.ok) throw new Error(`${event.type}: ${result.error.code}`);
    for (const command of result.value) this.run(command);
    this.commands.push(...result.value);
    this.lastCommands = result.value;
    return result.value;
  }

  private run(command: DirectorCommand): void {
    switch (command.type) {
      case 'openTable':
        this.seats.set(command.tableId, new Array<number>(this.state.config.seatsPerTable).fill(EMPTY));
        return;
      case 'seatPlayer':
        this.seats.get(command.tableId)![command.seat - 1] = command.entryId;
        this.stacks.set(command.entryId, command.stack);
        return;
      case 'movePlayer': {
        const from = this.seats.get(command.fromTableId)!;
        if (this.inHand.has(command.fromTableId))
          this.problems.push(`moved out of a hand at ${command.fromTableId}`);
        if (this.stacks.get(command.entryId) !== command.stack)
          this.problems.push('moved with another stack');
        from[command.fromSeat - 1] = EMPTY;
        const to = this.seats.get(command.toTableId)!;
        if (to[command.toSeat - 1] !== EMPTY) this.problems.push('moved into a taken seat');
        to[command.toSeat - 1] = command.entryId;
        return;
      }
      case 'breakTable':
        if (this.seats.get(command.tableId)!.some((entry) => entry !== EMPTY))
          this.problems.push('broke a full table');
        this.seats.delete(command.tableId);
        return;
      case 'dealHand':
        if (this.inHand.has(command.tableId)) this.problems.push(`dealt twice at ${command.tableId}`);
        this.inHand.set(command.tableId, { level: command.stepIndex });
        return;
      default:
        return;
    }
  }

  /** Sends a table's hand report, with the tables' side of it (busted players leave their seats). */
  report(tableId: number, bigBlindSeat: number, lines: readonly HandReportLine[]): DirectorCommand[] {
    const seats = this.seats.get(tableId)!;
    for (const line of lines) {
      this.stacks.set(line.entryId, line.stackAfter);
      if (line.stackAfter === 0) seats[seats.indexOf(line.entryId)] = EMPTY;
    }
    this.inHand.delete(tableId);
    return this.send({ type: 'handFinished', tableId, bigBlindSeat, stacks: lines });
  }

  /** Finishes the hand at a table: each dealt player busts with probability `bustChance`. */
  finishHand(tableId: number, bustChance: number): DirectorCommand[] {
    const seats = this.seats.get(tableId)!;
    const dealt = this.state.tables[tableId - 1]!.dealt;
    const survivors = dealt.filter(() => this.rand() >= bustChance);
    if (survivors.length === 0) survivors.push(dealt[0]!);
    const winner = survivors[seededInt(this.rand, survivors.length)]!;
    const lines = dealt.map((entryId) => {
      const before = this.stacks.get(entryId)!;
      return { entryId, stackBefore: before, stackAfter: survivors.includes(entryId) ? before : 0 };
    });
    const lost = lines.reduce((sum, line) => sum + line.stackBefore - line.stackAfter, 0);
    const winnerLine = lines.find((line) => line.entryId === winner)!;
    winnerLine.stackAfter += lost;
    const occupied = seats.flatMap((entry, index) => (dealt.includes(entry) ? [index + 1] : []));
    const bigBlindSeat = occupied[seededInt(this.rand, occupied.length)]!;
    return this.report(tableId, bigBlindSeat, lines);
  }

  /** Plays until the end, finishing a random table in a hand each step; returns the steps taken. */
  playToEnd(bustChance: number, stepsMax = 100_000, afterStep?: () => void): number {
    let steps = 0;
    while (this.state.phase === 'running' && steps < stepsMax) {
      const playing = [...this.inHand.keys()];
      if (playing.length === 0) {
        this.send({ type: 'timePassed', ms: 60_000 });
      } else {
        this.finishHand(playing[seededInt(this.rand, playing.length)]!, bustChance);
      }
      afterStep?.();
      steps++;
    }
    return steps;
  }

  /** Goes through JSON and a new director, as a runner storing the state would. */
  reload(): void {
    this.director = TournamentDirector.fromState(JSON.parse(JSON.stringify(this.state)));
  }
}

export function mttConfig(overrides: Partial<TournamentConfig> = {}): TournamentConfig {
  return {
    kind: 'multi-table',
    seatsPerTable: 9,
    structure: presetStructure('turbo'),
    buyIn: '10.00',
    moneyUnit: '0.01',
    guarantee: '0',
    capacity: 10_000,
    minEntrants: 2,
    lateRegistrationLevels: 0,
    maxEntriesPerPlayer: 1,
    ...overrides,
  };
}
