/** Money errors are values with stable codes, never thrown strings. */
export type MoneyErrorCode =
  | 'money/not-a-string'
  | 'money/malformed'
  | 'money/negative'
  | 'money/zero'
  | 'money/too-many-decimals'
  | 'money/too-large'
  | 'money/not-a-multiple-of-unit';

export interface MoneyError {
  readonly code: MoneyErrorCode;
  readonly message: string;
}

export type MoneyResult<T> = { ok: true; value: T } | { ok: false; error: MoneyError };

export function moneyError(code: MoneyErrorCode, message: string): { ok: false; error: MoneyError } {
  return { ok: false, error: { code, message } };
}
