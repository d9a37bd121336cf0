import { Money } from '../money/index.js';

/**
 * Prisma's Decimal is its own bundled copy of decimal.js, a different class from our Money, so the
 * two never meet in `instanceof` checks or arithmetic: they cross this boundary as decimal text.
 */
export function toMoney(value: { toFixed(): string } | string): Money {
  return new Money(typeof value === 'string' ? value : value.toFixed());
}
