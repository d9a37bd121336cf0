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
