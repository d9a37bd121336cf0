import type { CreateTournamentBody } from '../../../../src/protocol/http-tournaments.js';
import { TournamentStructureSchema } from '../../../../src/protocol/tournament-structure.js';

/** The admin's form for a new tournament: its fields, and the request they make. */

export const FIELDS = {
  name: { label: 'Name', initial: '', hint: '' },
  buyIn: { label: 'Buy-in', initial: '10', hint: 'into the prize pool' },
  fee: { label: 'Fee', initial: '1', hint: 'to the house' },
  guarantee: { label: 'Guarantee', initial: '0', hint: 'least prize pool' },
  tableSize: { label: 'Table size', initial: '6', hint: '2 to 10' },
  maxEntrants: { label: 'Max entrants', initial: '6', hint: 'a Sit & Go starts when full' },
  minEntrants: { label: 'Min entrants', initial: '2', hint: 'MTT: fewer cancels it' },
  lateRegistrationLevels: { label: 'Late reg. levels', initial: '0', hint: 'MTT: 0 closes at the start' },
  maxEntriesPerPlayer: { label: 'Entries per player', initial: '1', hint: '1: a freezeout' },
} as const;

export type FieldKey = keyof typeof FIELDS;
export type Preset = 'turbo' | 'regular' | 'deep' | 'custom';

/** A whole number typed in a field, or null. */
function wholeNumber(text: string): number | null {
  return /^\d{1,7}$/.test(text.trim()) ? Number.parseInt(text.trim(), 10) : null;
}

/**
 * The request a filled form makes, or what is wrong with it. The server checks everything again;
 * this only catches what can be told here (numbers, the custom structure's JSON, the MTT's start).
 */
export function tournamentRequest(
  fields: Record<FieldKey, string>,
  kind: 'SNG' | 'MTT',
  variant: 'NT' | 'PO',
  preset: Preset,
  customStructure: string,
  scheduledStart: string,
): { ok: true; request: CreateTournamentBody } | { ok: false; message: string } {
  const numbers: Partial<Record<FieldKey, number>> = {};
  for (const key of [
    'tableSize',
    'maxEntrants',
    'minEntrants',
    'lateRegistrationLevels',
    'maxEntriesPerPlayer',
  ] as const) {
    const value = wholeNumber(fields[key]);
    if (value === null) return { ok: false, message: `${FIELDS[key].label}: a whole number` };
    numbers[key] = value;
  }
  let structure: CreateTournamentBody['structure'] = preset === 'custom' ? 'regular' : preset;
  if (preset === 'custom') {
    let json: unknown;
    try {
      json = JSON.parse(customStructure);
    } catch {
      return { ok: false, message: 'custom structure: not JSON' };
    }
    const parsed = TournamentStructureSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, message: `custom structure: ${issue?.path.join('.')} ${issue?.message}` };
    }
    structure = parsed.data;
  }
  let start: string | undefined;
  if (kind === 'MTT') {
    const at = Date.parse(scheduledStart);
    if (Number.isNaN(at)) return { ok: false, message: 'an MTT needs a start time' };
    start = new Date(at).toISOString();
  }
  return {
    ok: true,
    request: {
      name: fields.name,
      kind,
      variant,
      buyIn: fields.buyIn.trim(),
      fee: fields.fee.trim(),
      guarantee: fields.guarantee.trim() || '0',
      structure,
      tableSize: numbers.tableSize!,
      maxEntrants: numbers.maxEntrants!,
      maxEntriesPerPlayer: numbers.maxEntriesPerPlayer!,
      ...(kind === 'MTT' && {
        minEntrants: numbers.minEntrants!,
        scheduledStart: start!,
        lateRegistrationLevels: numbers.lateRegistrationLevels!,
      }),
    },
  };
}
