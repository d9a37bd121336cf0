import type { CodeIn } from '../../errors/error-codes.js';
import type { Result } from '../../errors/result.js';
import type { RuleViolationCode } from '../hand-types.js';

/**
 * Errors of the PHH reader and replayer are values with stable codes, like the engine's own rule
 * violations. A replay can also fail on an engine rule violation; it keeps the engine's code.
 */
export type PhhErrorCode = CodeIn<'phh'>;

export interface PhhError {
  /** A PHH code, or the engine's own code when the history breaks a rule of the game. */
  readonly code: PhhErrorCode | RuleViolationCode;
  readonly message: string;
  /** Index into `actions` of the offending action, when there is one. */
  readonly actionIndex?: number;
}

export type PhhResult<T> = Result<T, PhhError>;

export function phhError(
  code: PhhErrorCode | RuleViolationCode,
  message: string,
  actionIndex?: number,
): { ok: false; error: PhhError } {
  return { ok: false, error: actionIndex === undefined ? { code, message } : { code, message, actionIndex } };
}
