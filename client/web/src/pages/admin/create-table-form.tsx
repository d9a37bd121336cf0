import { useState } from 'preact/hooks';
import type { CreateTableBody } from '../../../../../src/protocol/http-tables.js';
import { createTable } from '../../api/endpoints.js';
import { CreateForm, type FormOutcome, GameSelect, TextFields, useFieldValues } from './create-form.js';

const FIELDS = {
  name: { label: 'Name', initial: '', hint: '' },
  smallBlind: { label: 'Small blind', initial: '1', hint: '' },
  bigBlind: { label: 'Big blind', initial: '2', hint: '' },
  ante: { label: 'Ante', initial: '0', hint: '' },
  chipUnit: { label: 'Chip unit', initial: '1', hint: '1 for whole chips, 0.01 for cents' },
  minBuyIn: { label: 'Min buy-in', initial: '40', hint: '' },
  maxBuyIn: { label: 'Max buy-in', initial: '200', hint: '' },
  maxSeats: { label: 'Seats', initial: '6', hint: '2 to 10' },
  rakePercent: { label: 'Rake %', initial: '0', hint: 'of each pot, e.g. 5' },
  rakeCap: { label: 'Rake cap', initial: '0', hint: 'most rake per hand' },
  actionSeconds: { label: 'Action time (s)', initial: '', hint: 'empty: the server default' },
  timeBankSeconds: { label: 'Time bank (s)', initial: '', hint: 'empty: the server default' },
} as const;

type FieldKey = keyof typeof FIELDS;

/** "5" or "2.5" percent as basis points (250), without floats; null if not a percentage. */
export function basisPointsOf(percent: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(percent.trim());
  if (!match) return null;
  const points = Number.parseInt(match[1]!, 10) * 100 + Number.parseInt((match[2] ?? '').padEnd(2, '0'), 10);
  return points <= 10_000 ? points : null;
}

function secondsToMs(text: string): number | undefined | null {
  if (text.trim() === '') return undefined;
  return /^\d{1,5}$/.test(text.trim()) ? Number.parseInt(text.trim(), 10) * 1000 : null;
}

/** Opens a new cash table with every setting; amounts go to the server as typed (decimal strings). */
export function CreateTableForm({ onCreated }: { onCreated: () => void }) {
  const [fields, setField] = useFieldValues(FIELDS);
  const [variant, setVariant] = useState<'NT' | 'PO'>('NT');
  const [runItTwice, setRunItTwice] = useState(false);
  const submit = async (): Promise<FormOutcome> => {
    const rakeBasisPoints = basisPointsOf(fields.rakePercent);
    const actionTimeoutMs = secondsToMs(fields.actionSeconds);
    const timeBankMs = secondsToMs(fields.timeBankSeconds);
    if (rakeBasisPoints === null) return { text: 'rake: a percentage from 0 to 100', error: true };
    if (actionTimeoutMs === null || timeBankMs === null)
      return { text: 'clock: whole seconds, or empty for the default', error: true };
    const request: CreateTableBody = {
      name: fields.name,
      variant,
      runItTwice,
      smallBlind: fields.smallBlind,
      bigBlind: fields.bigBlind,
      ante: fields.ante,
      chipUnit: fields.chipUnit,
      minBuyIn: fields.minBuyIn,
      maxBuyIn: fields.maxBuyIn,
      maxSeats: Number.parseInt(fields.maxSeats, 10),
      rakeBasisPoints,
      rakeCap: fields.rakeCap,
      ...(actionTimeoutMs !== undefined && { actionTimeoutMs }),
      ...(timeBankMs !== undefined && { timeBankMs }),
    };
    const { table } = await createTable(request);
    onCreated();
    return { text: `Table "${table.name}" opened.`, error: false };
  };
  return (
    <CreateForm
      name="New table"
      testId="new-table"
      submitLabel="Open table"
      failure="the table could not be created"
      submit={submit}
    >
      <GameSelect value={variant} testId="new-table-variant" onChange={setVariant} />
      <label class="field field--inline">
        <input
          type="checkbox"
          checked={runItTwice}
          data-testid="new-table-run-it-twice"
          onChange={(event) => setRunItTwice(event.currentTarget.checked)}
        />
        <span class="field__label">Players all in may run it twice</span>
      </label>
      <TextFields
        fields={FIELDS}
        keys={Object.keys(FIELDS) as FieldKey[]}
        values={fields}
        testId="new-table"
        onInput={setField}
      />
    </CreateForm>
  );
}
