import { handPhh } from '../api/endpoints.js';
import { saveFile } from './save-file.js';

/** Fetches a hand's PHH text (with the session) and hands it to the browser as a file. */
export async function downloadPhh(handId: string, fileName: string): Promise<void> {
  saveFile(fileName, await handPhh(handId), 'application/toml');
}
