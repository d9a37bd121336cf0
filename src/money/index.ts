export * from './amount.js';
export * from './chip-unit.js';
export * from './decimal.js';
export * from './errors.js';
export * from './split.js';
