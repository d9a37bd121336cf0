import { execSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { ApiClient, Session } from './api-client.js';
import type { AccountRef, Credentials } from './cli-args.js';

/** What both kinds of run (cash tables, a tournament) do before and after the bots play. */

/** The run could not start (exit status 3, with this message). */
export class SetupError extends Error {}

export async function login(api: ApiClient, credentials: Credentials, role: string): Promise<Session> {
  try {
    return await api.login(credentials.username, credentials.password);
  } catch (error) {
    throw new SetupError(
      `cannot log in as the ${role} "${credentials.username}": ${error instanceof Error ? error.message : error}`,
    );
  }
}

/**
 * The accounts with their passwords: those not in the environment are read from standard input,
 * one line each, the cashier's first (--passwords-stdin). Never from the command line.
 */
export async function withPasswords(
  accounts: readonly (AccountRef | null)[],
): Promise<(Credentials | null)[]> {
  const wanted = accounts.filter((entry) => entry !== null && entry.password === null).length;
  const lines: string[] = [];
  if (wanted > 0) {
    const input = createInterface({ input: process.stdin, terminal: false });
    for await (const line of input) {
      lines.push(line);
      if (lines.length === wanted) break;
    }
    input.close();
    if (lines.length < wanted)
      throw new SetupError(
        `--passwords-stdin: expected ${wanted} line(s) on standard input, got ${lines.length}`,
      );
  }
  return accounts.map((entry) =>
    entry === null ? null : { username: entry.username, password: entry.password ?? lines.shift()! },
  );
}

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** This process's open-file limit (each bot holds one socket), or null if it cannot be read. */
export function fileDescriptorLimit(): number | null {
  try {
    const limit = Number(execSync('ulimit -n', { shell: '/bin/sh', encoding: 'utf8' }).trim());
    return Number.isFinite(limit) && limit > 0 ? limit : null;
  } catch {
    return null;
  }
}

export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}
