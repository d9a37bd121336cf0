import { useState } from 'preact/hooks';
import type { CreateTableBody } from '../../../../../src/protocol/http-tables.js';
import { createTable } from '../../api/endpoints.js';
import { ApiRequestError } from '../../api/http.js';

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
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState<Record<FieldKey, string>>(
    Object.fromEntries(Object.entries(FIELDS).map(([key, field]) => [key, field.initial])) as Record<
      FieldKey,
      string
    >,
  );
  const [variant, setVariant] = useState<'NT' | 'PO'>('NT');
  const [runItTwice, setRunItTwice] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button
        type="button"
        class="button button--primary"
        data-testid="new-table"
        onClick={() => setOpen(true)}
      >
        New table
      </button>
    );
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    const rakeBasisPoints = basisPointsOf(fields.rakePercent);
    const actionTimeoutMs = secondsToMs(fields.actionSeconds);
    const timeBankMs = secondsToMs(fields.timeBankSeconds);
    if (rakeBasisPoints === null)
      return setMessage({ text: 'rake: a percentage from 0 to 100', error: true });
    if (actionTimeoutMs === null || timeBankMs === null)
      return setMessage({ text: 'clock: whole seconds, or empty for the default', error: true });
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
    setBusy(true);
    try {
      const { table } = await createTable(request);
      setMessage({ text: `Table "${table.name}" opened.`, error: false });
      onCreated();
    } catch (caught) {
      setMessage({
        text: caught instanceof ApiRequestError ? caught.message : 'the table could not be created',
        error: true,
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="panel form form--grid" onSubmit={submit} aria-label="New table">
      <label class="field">
        <span class="field__label">Game</span>
        <select
          class="input"
          value={variant}
          data-testid="new-table-variant"
          onChange={(event) => setVariant(event.currentTarget.value === 'PO' ? 'PO' : 'NT')}
        >
          <option value="NT">No-Limit Hold'em</option>
          <option value="PO">Pot-Limit Omaha</option>
        </select>
      </label>
      <label class="field field--inline">
        <input
          type="checkbox"
          checked={runItTwice}
          data-testid="new-table-run-it-twice"
          onChange={(event) => setRunItTwice(event.currentTarget.checked)}
        />
        <span class="field__label">Players all in may run it twice</span>
      </label>
      {(Object.keys(FIELDS) as FieldKey[]).map((key) => (
        <label class="field" key={key}>
          <span class="field__label">{FIELDS[key].label}</span>
          <input
            class="input"
            value={fields[key]}
            placeholder={FIELDS[key].hint}
            data-testid={`new-table-${key}`}
            onInput={(event) => setFields({ ...fields, [key]: event.currentTarget.value })}
          />
        </label>
      ))}
      <div class="form__actions">
        <button type="submit" class="button button--primary" disabled={busy} data-testid="new-table-submit">
          Open table
        </button>
        <button type="button" class="button button--ghost" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      {message && (
        <p
          class={message.error ? 'form__error' : 'hint'}
          role={message.error ? 'alert' : 'status'}
          data-testid="new-table-message"
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
