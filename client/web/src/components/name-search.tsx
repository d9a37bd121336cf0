interface NameSearchProps {
  readonly value: string;
  readonly onInput: (value: string) => void;
  readonly onSubmit: (event: Event) => void;
  /** Test ids of the field and of the button. */
  readonly testIds: { readonly field: string; readonly button: string };
  readonly buttonText: string;
  readonly required?: boolean;
}

/** "Username contains …" and a button: how the cashier finds a player and the admin a user. */
export function NameSearch({ value, onInput, onSubmit, testIds, buttonText, required }: NameSearchProps) {
  return (
    <form class="form form--row" onSubmit={onSubmit}>
      <label class="field field--grow">
        <span class="field__label">Username contains</span>
        <input
          class="input"
          value={value}
          required={required}
          data-testid={testIds.field}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
      </label>
      <button type="submit" class="button" data-testid={testIds.button}>
        {buttonText}
      </button>
    </form>
  );
}
