/**
 * Collects the parameters of one SQL statement and hands out their placeholders with an explicit
 * type cast, so PostgreSQL never guesses a type and every value travels as text (never a JS float,
 * never a driver-specific Decimal): both drivers we run the same SQL through treat text alike.
 */
export class SqlParams {
  readonly values: (string | null)[] = [];

  /** `$n::type` for a value; numbers are accepted only as safe integers. */
  add(value: string | number | bigint | null, type: string): string {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new RangeError(`SQL parameter ${value} is not a safe integer`);
    }
    this.values.push(value === null ? null : String(value));
    return `$${this.values.length}::${type}`;
  }
}
