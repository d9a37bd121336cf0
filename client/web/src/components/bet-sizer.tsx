import { useEffect, useState } from 'preact/hooks';
import type { MoneyString } from '../../../../src/protocol/money-string.js';
import {
  amountToUnits,
  checkAmount,
  displayAmount,
  potFractionTo,
  type SizingInput,
  unitsToAmount,
} from '../money/amounts.js';

interface BetSizerProps {
  readonly kind: 'bet' | 'raise';
  readonly sizing: SizingInput;
  readonly disabled: boolean;
  readonly onSubmit: (amount: MoneyString) => void;
}

const PRESETS = [
  { label: '½ pot', fraction: '0.5', testId: 'preset-half-pot' },
  { label: 'Pot', fraction: '1', testId: 'preset-pot' },
] as const;

/**
 * The size of a bet or raise ("to" total): a slider over whole chip units and a text field, both
 * bounded to the legal range, with pot-sized presets worked out in exact decimals.
 */
export function BetSizer({ kind, sizing, disabled, onSubmit }: BetSizerProps) {
  const { minTo, maxTo, chipUnit } = sizing;
  const [text, setText] = useState<string>(minTo);
  useEffect(() => setText(minTo), [minTo, maxTo]);
  const check = checkAmount(text, chipUnit, minTo, maxTo);
  const minUnits = amountToUnits(minTo, chipUnit);
  const maxUnits = amountToUnits(maxTo, chipUnit);
  const sliderUnits = check.ok ? amountToUnits(check.value, chipUnit) : minUnits;
  const verb = kind === 'bet' ? 'Bet' : 'Raise to';
  return (
    <form
      class="sizer"
      onSubmit={(event) => {
        event.preventDefault();
        if (check.ok) onSubmit(check.value);
      }}
    >
      <div class="sizer__presets">
        {PRESETS.map((preset) => (
          <button
            key={preset.testId}
            type="button"
            class="button button--chip"
            data-testid={preset.testId}
            disabled={disabled}
            onClick={() => setText(potFractionTo(sizing, preset.fraction))}
          >
            {preset.label}
          </button>
        ))}
        <button
          type="button"
          class="button button--chip"
          data-testid="preset-max"
          disabled={disabled}
          onClick={() => setText(maxTo)}
        >
          Max
        </button>
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
          onInput={(event) => setText(unitsToAmount(Number(event.currentTarget.value), chipUnit))}
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
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <button
          type="submit"
          class="button button--primary"
          data-testid={`action-${kind}`}
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
