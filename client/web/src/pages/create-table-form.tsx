import { useState } from 'preact/hooks';
import { createTable } from '../api/endpoints.js';
import { ApiRequestError } from '../api/http.js';

/** For admins: open a new cash table. Amounts go to the server as typed (decimal strings). */
export function CreateTableForm() {
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState({
    name: '',
    smallBlind: '1',
    bigBlind: '2',
    minBuyIn: '40',
    maxBuyIn: '200',
    maxSeats: '6',
  });
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button type="button" class="button" data-testid="new-table" onClick={() => setOpen(true)}>
        New table
      </button>
    );
  }
  const field = (key: keyof typeof fields, label: string) => (
    <label class="field">
      <span class="field__label">{label}</span>
      <input
        class="input"
        value={fields[key]}
        data-testid={`new-table-${key}`}
        onInput={(event) => setFields({ ...fields, [key]: event.currentTarget.value })}
      />
    </label>
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const { table } = await createTable({
        name: fields.name,
        smallBlind: fields.smallBlind,
        bigBlind: fields.bigBlind,
        minBuyIn: fields.minBuyIn,
        maxBuyIn: fields.maxBuyIn,
        maxSeats: Number.parseInt(fields.maxSeats, 10),
      });
      setMessage(`Table "${table.name}" opened.`);
    } catch (caught) {
      setMessage(caught instanceof ApiRequestError ? caught.message : 'the table could not be created');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="panel form form--grid" onSubmit={submit} aria-label="New table">
      {field('name', 'Name')}
      {field('smallBlind', 'Small blind')}
      {field('bigBlind', 'Big blind')}
      {field('minBuyIn', 'Min buy-in')}
      {field('maxBuyIn', 'Max buy-in')}
      {field('maxSeats', 'Seats')}
      <div class="form__actions">
        <button type="submit" class="button button--primary" disabled={busy} data-testid="new-table-submit">
          Open table
        </button>
        <button type="button" class="button button--ghost" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      {message && (
        <p class="hint" role="status" data-testid="new-table-message">
          {message}
        </p>
      )}
    </form>
  );
}
