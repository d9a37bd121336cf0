import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiRequestError } from '../../api/http.js';

/**
 * What the admin's "new table" and "new tournament" forms share: a button that opens the form, the
 * text fields from a table of labels, the game's select, the submit and close buttons, and the
 * message that answers a submission (the server's refusal as it words it).
 */

/** What a submission tells the admin. */
export interface FormOutcome {
  readonly text: string;
  readonly error: boolean;
}

/** A text field: its label, the value it starts with, and a hint shown while empty. */
export interface TextField {
  readonly label: string;
  readonly initial: string;
  readonly hint: string;
}

/** The fields' values as typed, starting from each field's initial value. */
export function useFieldValues<K extends string>(
  fields: Record<K, TextField>,
): [Record<K, string>, (key: K, value: string) => void] {
  const [values, setValues] = useState(
    () =>
      Object.fromEntries(
        Object.entries<TextField>(fields).map(([key, field]) => [key, field.initial]),
      ) as Record<K, string>,
  );
  return [values, (key, value) => setValues((current) => ({ ...current, [key]: value }))];
}

interface CreateFormProps {
  /** The button's words and the form's name ("New table"). */
  readonly name: string;
  /** The test ids: the opening button's, then `-submit` and `-message` after it. */
  readonly testId: string;
  readonly submitLabel: string;
  /** Said when the request fails without an answer from the server. */
  readonly failure: string;
  /** Checks the fields and sends the request; what to say once done. */
  readonly submit: () => Promise<FormOutcome>;
  readonly children: ComponentChildren;
}

/** A create form, closed to its button until the admin opens it. */
export function CreateForm({ name, testId, submitLabel, failure, submit, children }: CreateFormProps) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<FormOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button type="button" class="button button--primary" data-testid={testId} onClick={() => setOpen(true)}>
        {name}
      </button>
    );
  }
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      setMessage(await submit());
    } catch (caught) {
      setMessage({ text: caught instanceof ApiRequestError ? caught.message : failure, error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="panel form form--grid" onSubmit={onSubmit} aria-label={name}>
      {children}
      <div class="form__actions">
        <button type="submit" class="button button--primary" disabled={busy} data-testid={`${testId}-submit`}>
          {submitLabel}
        </button>
        <button type="button" class="button button--ghost" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      {message && (
        <p
          class={message.error ? 'form__error' : 'hint'}
          role={message.error ? 'alert' : 'status'}
          data-testid={`${testId}-message`}
        >
          {message.text}
        </p>
      )}
    </form>
  );
}

/** One input per field, in the table's order; test ids are `${testId}-${key}`. */
export function TextFields<K extends string>({
  fields,
  keys,
  values,
  testId,
  onInput,
}: {
  fields: Record<K, TextField>;
  keys: readonly K[];
  values: Record<K, string>;
  testId: string;
  onInput: (key: K, value: string) => void;
}) {
  return (
    <>
      {keys.map((key) => (
        <label class="field" key={key}>
          <span class="field__label">{fields[key].label}</span>
          <input
            class="input"
            value={values[key]}
            placeholder={fields[key].hint}
            title={fields[key].hint}
            data-testid={`${testId}-${key}`}
            onInput={(event) => onInput(key, event.currentTarget.value)}
          />
        </label>
      ))}
    </>
  );
}

/** The game a table or a tournament deals. */
export function GameSelect({
  value,
  testId,
  onChange,
}: {
  value: 'NT' | 'PO';
  testId: string;
  onChange: (variant: 'NT' | 'PO') => void;
}) {
  return (
    <label class="field">
      <span class="field__label">Game</span>
      <select
        class="input"
        value={value}
        data-testid={testId}
        onChange={(event) => onChange(event.currentTarget.value === 'PO' ? 'PO' : 'NT')}
      >
        <option value="NT">No-Limit Hold'em</option>
        <option value="PO">Pot-Limit Omaha</option>
      </select>
    </label>
  );
}
