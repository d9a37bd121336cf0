import type { Config } from '../config.js';
import type { ScryptParams } from './password-hash.js';

export type ScryptSettings = Pick<Config, 'SCRYPT_COST_LOG2' | 'SCRYPT_BLOCK_SIZE' | 'SCRYPT_PARALLELISM'>;

export function scryptParams(settings: ScryptSettings): ScryptParams {
  return {
    costLog2: settings.SCRYPT_COST_LOG2,
    blockSize: settings.SCRYPT_BLOCK_SIZE,
    parallelism: settings.SCRYPT_PARALLELISM,
  };
}
