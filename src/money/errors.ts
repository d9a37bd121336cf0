import type { CodeIn } from '../errors/error-codes.js';
import { type DomainError, fail, type Result } from '../errors/result.js';

/** Money errors are values with stable codes (the money/* codes of the one list), never thrown strings. */
export type MoneyErrorCode = CodeIn<'money'>;

export type MoneyError = DomainError<MoneyErrorCode>;

export type MoneyResult<T> = Result<T, MoneyError>;

export function moneyError(code: MoneyErrorCode, message: string) {
  return fail(code, message);
}
