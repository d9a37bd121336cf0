import { useState } from 'preact/hooks';
import { createTournament } from '../../api/endpoints.js';
import { ApiRequestError } from '../../api/http.js';
import { FIELDS, type FieldKey, type Preset, tournamentRequest } from '../../tournaments/create-request.js';

const CUSTOM_EXAMPLE = JSON.stringify({
  name: 'custom',
  startingStack: 1500,
  steps: [
    { kind: 'level', smallBlind: 10, bigBlind: 20, ante: 0, durationMs: 300000 },
    { kind: 'break', durationMs: 60000 },
    { kind: 'level', smallBlind: 20, bigBlind: 40, ante: 5, durationMs: 300000 },
  ],
});

/** Creates a Sit & Go or an MTT with every setting; amounts go to the server as typed. */
export function CreateTournamentForm({ onCreated }: { onCreated: () => void }) {
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState<Record<FieldKey, string>>(
    Object.fromEntries(Object.entries(FIELDS).map(([key, field]) => [key, field.initial])) as Record<
      FieldKey,
      string
    >,
  );
  const [kind, setKind] = useState<'SNG' | 'MTT'>('SNG');
  const [variant, setVariant] = useState<'NT' | 'PO'>('NT');
  const [preset, setPreset] = useState<Preset>('turbo');
  const [custom, setCustom] = useState(CUSTOM_EXAMPLE);
  const [scheduledStart, setScheduledStart] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button
        type="button"
        class="button button--primary"
        data-testid="new-tournament"
        onClick={() => setOpen(true)}
      >
        New tournament
      </button>
    );
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    const built = tournamentRequest(fields, kind, variant, preset, custom, scheduledStart);
    if (!built.ok) return setMessage({ text: built.message, error: true });
    setBusy(true);
    try {
      const { tournament } = await createTournament(built.request);
      setMessage({ text: `Tournament "${tournament.name}" created.`, error: false });
      onCreated();
    } catch (caught) {
      setMessage({
        text: caught instanceof ApiRequestError ? caught.message : 'the tournament could not be created',
        error: true,
      });
    } finally {
      setBusy(false);
    }
  };
  const mttOnly = new Set<FieldKey>(['minEntrants', 'lateRegistrationLevels']);
  return (
    <form class="panel form form--grid" onSubmit={submit} aria-label="New tournament">
      <label class="field">
        <span class="field__label">Kind</span>
        <select
          class="input"
          value={kind}
          data-testid="new-tournament-kind"
          onChange={(event) => setKind(event.currentTarget.value === 'MTT' ? 'MTT' : 'SNG')}
        >
          <option value="SNG">Sit & Go</option>
          <option value="MTT">Multi-table (MTT)</option>
        </select>
      </label>
      <label class="field">
        <span class="field__label">Game</span>
        <select
          class="input"
          value={variant}
          data-testid="new-tournament-variant"
          onChange={(event) => setVariant(event.currentTarget.value === 'PO' ? 'PO' : 'NT')}
        >
          <option value="NT">No-Limit Hold'em</option>
          <option value="PO">Pot-Limit Omaha</option>
        </select>
      </label>
      <label class="field">
        <span class="field__label">Structure</span>
        <select
          class="input"
          value={preset}
          data-testid="new-tournament-structure"
          onChange={(event) => setPreset(event.currentTarget.value as Preset)}
        >
          <option value="turbo">Turbo</option>
          <option value="regular">Regular</option>
          <option value="deep">Deep</option>
          <option value="custom">Custom (JSON)</option>
        </select>
      </label>
      {kind === 'MTT' && (
        <label class="field">
          <span class="field__label">Starts at</span>
          <input
            class="input"
            type="datetime-local"
            value={scheduledStart}
            data-testid="new-tournament-start"
            onInput={(event) => setScheduledStart(event.currentTarget.value)}
          />
        </label>
      )}
      {(Object.keys(FIELDS) as FieldKey[])
        .filter((key) => kind === 'MTT' || !mttOnly.has(key))
        .map((key) => (
          <label class="field" key={key}>
            <span class="field__label">{FIELDS[key].label}</span>
            <input
              class="input"
              value={fields[key]}
              placeholder={FIELDS[key].hint}
              title={FIELDS[key].hint}
              data-testid={`new-tournament-${key}`}
              onInput={(event) => setFields({ ...fields, [key]: event.currentTarget.value })}
            />
          </label>
        ))}
      {preset === 'custom' && (
        <label class="field field--wide">
          <span class="field__label">Custom structure (levels and breaks, chips, durations in ms)</span>
          <textarea
            class="input input--code"
            rows={5}
            value={custom}
            data-testid="new-tournament-custom"
            onInput={(event) => setCustom(event.currentTarget.value)}
          />
        </label>
      )}
      <div class="form__actions">
        <button
          type="submit"
          class="button button--primary"
          disabled={busy}
          data-testid="new-tournament-submit"
        >
          Create tournament
        </button>
        <button type="button" class="button button--ghost" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      {message && (
        <p
          class={message.error ? 'form__error' : 'hint'}
          role={message.error ? 'alert' : 'status'}
          data-testid="new-tournament-message"
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
