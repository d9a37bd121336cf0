import { useEffect } from 'preact/hooks';
import type { MoneyString } from '../../../../src/protocol/money-string.js';
import {
  amountToUnits,
  betPresets,
  checkAmount,
  displayAmount,
  type SizingInput,
  unitsToAmount,
} from '../money/amounts.js';

interface BetSizerProps {
  readonly kind: 'bet' | 'raise';
  readonly sizing: SizingInput;
  /** Before the flop the presets are multiples of the big blind; after it, shares of the pot. */
  readonly preflop: boolean;
  readonly disabled: boolean;
  readonly onSubmit: (amount: MoneyString) => void;
  /** The amount on the form, for the keyboard shortcuts of the action bar. */
  readonly text: string;
  readonly onText: (text: string) => void;
}

/** One step of the wheel or the arrow keys: a big blind, in chip units (at least one). */
export function stepUnits(sizing: SizingInput): number {
  return Math.max(1, amountToUnits(sizing.bigBlind, sizing.chipUnit));
}

/** The amount moved by `steps` steps, kept inside the legal range. */
export function stepAmount(sizing: SizingInput, text: string, steps: number): MoneyString {
  const { minTo, maxTo, chipUnit } = sizing;
  const check = checkAmount(text, chipUnit, minTo, maxTo);
  const current = check.ok ? amountToUnits(check.value, chipUnit) : amountToUnits(minTo, chipUnit);
  const units = Math.min(
    amountToUnits(maxTo, chipUnit),
    Math.max(amountToUnits(minTo, chipUnit), current + steps * stepUnits(sizing)),
  );
  return unitsToAmount(units, chipUnit);
}

/**
 * The size of a bet or raise ("to" total): presets as players know them, a slider over whole chip
 * units (the mouse wheel moves it a big blind a notch) and a text field, all bounded to the legal
 * range the server sent.
 */
export function BetSizer({ kind, sizing, preflop, disabled, onSubmit, text, onText }: BetSizerProps) {
  const { minTo, maxTo, chipUnit } = sizing;
  useEffect(() => onText(minTo), [minTo, maxTo]);
  const check = checkAmount(text, chipUnit, minTo, maxTo);
  const minUnits = amountToUnits(minTo, chipUnit);
  const maxUnits = amountToUnits(maxTo, chipUnit);
  const sliderUnits = check.ok ? amountToUnits(check.value, chipUnit) : minUnits;
  const verb = kind === 'bet' ? 'Bet' : 'Raise to';
  const presets = betPresets(sizing, preflop);
  return (
    <form
      class="sizer"
      onSubmit={(event) => {
        event.preventDefault();
        if (check.ok) onSubmit(check.value);
      }}
    >
      <div class="sizer__presets">
        {presets.map((preset) => (
          <button
            key={preset.testId}
            type="button"
            class="button button--chip"
            data-testid={preset.testId}
            data-amount={preset.amount}
            disabled={disabled}
            onClick={() => onText(preset.amount)}
          >
            {preset.label}
          </button>
        ))}
      </div>
      <div class="sizer__row">
        <input
          type="range"
          class="sizer__slider"
          aria-label={`${verb} amount`}
          data-testid="bet-slider"
          min={minUnits}
          max={maxUnits}
          step={1}
          value={sliderUnits}
          disabled={disabled || minUnits === maxUnits}
          onInput={(event) => onText(unitsToAmount(Number(event.currentTarget.value), chipUnit))}
          onWheel={(event) => {
            event.preventDefault();
            onText(stepAmount(sizing, text, event.deltaY < 0 ? 1 : -1));
          }}
        />
        <input
          type="text"
          inputMode="decimal"
          class={`input sizer__input${check.ok ? '' : ' input--invalid'}`}
          aria-label={`${verb} amount (from ${minTo} to ${maxTo})`}
          aria-invalid={!check.ok}
          data-testid="bet-amount"
          value={text}
          disabled={disabled}
          onInput={(event) => onText(event.currentTarget.value)}
        />
        <button
          type="submit"
          class="button button--primary"
          data-testid={`action-${kind}`}
          title={`${verb} (R)`}
          disabled={disabled || !check.ok}
        >
          {verb} {check.ok ? displayAmount(check.value) : ''}
        </button>
      </div>
      {!check.ok && (
        <p class="sizer__error" role="alert">
          {check.message}
        </p>
      )}
    </form>
  );
}
