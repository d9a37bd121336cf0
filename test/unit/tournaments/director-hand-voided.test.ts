import { describe, expect, it } from 'vitest';
import { TournamentStructureSchema } from '../../../src/protocol/tournament-structure.js';
import { TournamentDirector } from '../../../src/tournaments/director.js';
import type { DirectorCommand } from '../../../src/tournaments/director-types.js';
import { mttConfig } from '../../support/tournament-driver.js';

/** A hand void at a table (its server stopped mid-hand): the director deals it again from the stacks it held. */

const structure = TournamentStructureSchema.parse({
  name: 'test',
  startingStack: 1000,
  steps: [{ kind: 'level', smallBlind: 10, bigBlind: 20, ante: 0, durationMs: 60_000 }],
});

function startedSitAndGo(): { director: TournamentDirector; commands: DirectorCommand[] } {
  const director = TournamentDirector.create(
    mttConfig({ kind: 'sit-and-go', capacity: 3, structure, seatsPerTable: 6, buyIn: '10.00' }),
  );
  const commands: DirectorCommand[] = [];
  for (const userId of ['a', 'b', 'c']) {
    const result = director.apply({ type: 'register', userId }, () => 0);
    if (!result.ok) throw new Error(result.error.message);
    commands.push(...result.value);
  }
  return { director, commands };
}

describe('director: a void hand', () => {
  it('deals the table again, with the same hand number and every stack as it was', () => {
    const { director, commands } = startedSitAndGo();
    const firstDeal = commands.find((command) => command.type === 'dealHand');
    expect(firstDeal).toMatchObject({ tableId: 1, handNumber: 1 });
    const stacks = director.state.entries.map((entry) => entry.stack);
    const voided = director.apply({ type: 'handVoided', tableId: 1 }, () => 0);
    if (!voided.ok) throw new Error(voided.error.message);
    expect(voided.value).toEqual([firstDeal]);
    expect(director.state.entries.map((entry) => entry.stack)).toEqual(stacks);
    expect(director.state.tablesInHand).toBe(1);
    expect(director.state.stats.hands).toBe(0);
  });

  it('is refused for a table that does not exist or a tournament not running, and changes nothing', () => {
    const { director } = startedSitAndGo();
    expect(director.apply({ type: 'handVoided', tableId: 1 }, () => 0).ok).toBe(true);
    const before = JSON.stringify(director.state);
    const unknown = director.apply({ type: 'handVoided', tableId: 9 }, () => 0);
    expect(unknown.ok ? null : unknown.error.code).toBe('tournament/unknown-table');
    const idle = TournamentDirector.create(
      mttConfig({ kind: 'sit-and-go', capacity: 3, structure, seatsPerTable: 6, buyIn: '10.00' }),
    );
    const early = idle.apply({ type: 'handVoided', tableId: 1 }, () => 0);
    expect(early.ok ? null : early.error.code).toBe('tournament/not-running');
    expect(JSON.stringify(director.state)).toBe(before);
  });
});

describe('director: a table broken into a waiting table', () => {
  it('deals the table that was waiting with one player once the broken table fills it', () => {
    const director = TournamentDirector.create(
      mttConfig({ kind: 'multi-table', capacity: 8, structure, seatsPerTable: 4, buyIn: '10.00' }),
    );
    for (let i = 0; i < 8; i++) director.apply({ type: 'register', userId: `p${i}` }, () => 0);
    const started = director.apply({ type: 'start' }, () => 0);
    if (!started.ok) throw new Error(started.error.message);
    const state = director.state;
    const report = (tableId: number, losers: number) => {
      const table = state.tables[tableId - 1]!;
      const dealt = table.dealt;
      const lost = dealt.slice(0, losers);
      const pot = lost.reduce((sum, entryId) => sum + state.entries[entryId]!.stack, 0);
      const winner = dealt[losers]!;
      return director.apply(
        {
          type: 'handFinished',
          tableId,
          bigBlindSeat: state.entries[winner]!.seat,
          stacks: dealt.map((entryId) => ({
            entryId,
            stackBefore: state.entries[entryId]!.stack,
            stackAfter: lost.includes(entryId)
              ? 0
              : entryId === winner
                ? state.entries[entryId]!.stack + pot
                : state.entries[entryId]!.stack,
          })),
        },
        () => 0,
      );
    };
    // Table 1 loses three of its four: alone, it waits (5 players left do not fit one table of 4).
    const first = report(1, 3);
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.filter((command) => command.type === 'dealHand')).toEqual([]);
    // Table 2 loses one: 4 left fit one table, table 2 breaks into table 1, which deals at once.
    const second = report(2, 1);
    if (!second.ok) throw new Error(second.error.message);
    const types = second.value.map((command) => command.type);
    expect(types).toContain('breakTable');
    expect(second.value.filter((command) => command.type === 'dealHand')).toMatchObject([{ tableId: 1 }]);
    expect(state.tables[0]!.players).toBe(4);
  });
});
