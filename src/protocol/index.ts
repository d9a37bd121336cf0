export * from './ack.js';
export * from './client-payloads.js';
export * from './error-codes.js';
export * from './events.js';
export * from './lobby.js';
export * from './money-string.js';
export * from './notices.js';
export * from './table-view.js';
