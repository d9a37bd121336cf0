import { useState } from 'preact/hooks';
import { createTournament } from '../../api/endpoints.js';
import { FIELDS, type FieldKey, type Preset, tournamentRequest } from '../../tournaments/create-request.js';
import { CreateForm, type FormOutcome, GameSelect, TextFields, useFieldValues } from './create-form.js';

const CUSTOM_EXAMPLE = JSON.stringify({
  name: 'custom',
  startingStack: 1500,
  steps: [
    { kind: 'level', smallBlind: 10, bigBlind: 20, ante: 0, durationMs: 300000 },
    { kind: 'break', durationMs: 60000 },
    { kind: 'level', smallBlind: 20, bigBlind: 40, ante: 5, durationMs: 300000 },
  ],
});

/** Fields a Sit & Go does without (it starts when full, with no late registration). */
const MTT_ONLY = new Set<FieldKey>(['minEntrants', 'lateRegistrationLevels']);

/** Creates a Sit & Go or an MTT with every setting; amounts go to the server as typed. */
export function CreateTournamentForm({ onCreated }: { onCreated: () => void }) {
  const [fields, setField] = useFieldValues(FIELDS);
  const [kind, setKind] = useState<'SNG' | 'MTT'>('SNG');
  const [variant, setVariant] = useState<'NT' | 'PO'>('NT');
  const [preset, setPreset] = useState<Preset>('turbo');
  const [custom, setCustom] = useState(CUSTOM_EXAMPLE);
  const [scheduledStart, setScheduledStart] = useState('');
  const submit = async (): Promise<FormOutcome> => {
    const built = tournamentRequest(fields, kind, variant, preset, custom, scheduledStart);
    if (!built.ok) return { text: built.message, error: true };
    const { tournament } = await createTournament(built.request);
    onCreated();
    return { text: `Tournament "${tournament.name}" created.`, error: false };
  };
  return (
    <CreateForm
      name="New tournament"
      testId="new-tournament"
      submitLabel="Create tournament"
      failure="the tournament could not be created"
      submit={submit}
    >
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
      <GameSelect value={variant} testId="new-tournament-variant" onChange={setVariant} />
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
      <TextFields
        fields={FIELDS}
        keys={(Object.keys(FIELDS) as FieldKey[]).filter((key) => kind === 'MTT' || !MTT_ONLY.has(key))}
        values={fields}
        testId="new-tournament"
        onInput={setField}
      />
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
    </CreateForm>
  );
}
