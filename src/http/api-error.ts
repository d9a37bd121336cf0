import type { ErrorCode } from '../errors/error-codes.js';
import type { Result } from '../errors/result.js';
/**
 * An error a route hands to the error handler: a stable namespaced code and a message for people.
 * The HTTP status is not chosen here but in error-mapping.ts, the one place that maps codes.
 */
export class ApiError extends Error {
  readonly isApiError = true;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What went wrong underneath, for the log only (never sent). */
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Throws the error of a failed domain result, so a handler reads as the happy path. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.cause);
  return result.value;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
