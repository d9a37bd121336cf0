import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BotsReport } from '../../client/bots/report.js';

const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface BotsRun {
  readonly exitCode: number | string;
  /** The report from the last line of stdout (the run used --json), or null if there is none. */
  readonly report: BotsReport | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `npm run bots -- <args>` as its own process, as a user would, and parses the JSON report
 * from its last line. The process is killed if it outlives `timeoutMs`.
 */
export function runBots(
  args: readonly string[],
  timeoutMs: number,
  env: Record<string, string> = {},
): Promise<BotsRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'bots', '--', ...args], {
      cwd: PROJECT_DIR,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const lastLine = stdout.trim().split('\n').pop() ?? '';
      let report: BotsReport | null = null;
      try {
        report = JSON.parse(lastLine) as BotsReport;
      } catch {
        report = null;
      }
      resolve({ exitCode: code ?? signal ?? 'unknown', report, stdout, stderr });
    });
  });
}
