import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface TableServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | string>;
}

/** Starts the real server (src/main.ts) as a process and waits for "server ready". */
export async function spawnTableServer(
  env: Record<string, string>,
  readyTimeoutMs = 60_000,
): Promise<TableServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_DIR,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server not ready; stderr: ${stderr.slice(-2000)}`)),
      readyTimeoutMs,
    );
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.includes('server ready')) continue;
        try {
          const entry = JSON.parse(line) as { address?: unknown };
          if (typeof entry.address === 'string') {
            clearTimeout(timer);
            resolve(entry.address);
          }
        } catch {
          // not a log line of ours
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready; stderr: ${stderr.slice(-2000)}`));
    });
  });
  return { child, url, exited };
}
