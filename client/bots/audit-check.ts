import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ApiClient } from './api-client.js';

/**
 * The server's own audit of its ledger, to reconcile with the bots' conservation check. With a
 * database URL, `npm run audit` runs against it (exit code 0 = clean, 1 = discrepancies); without
 * one, an audit endpoint is used if the server has one; otherwise the audit is reported as
 * unavailable rather than guessed.
 */

export interface AuditOutcome {
  readonly source: 'npm run audit' | 'GET /api/admin/audit' | 'unavailable';
  /** true: clean; false: discrepancies; null: not run or could not run. */
  readonly ok: boolean | null;
  readonly exitCode: number | null;
  readonly detail: string;
}

const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url));
const AUDIT_TIMEOUT_MS = 180_000;

export function runAuditCommand(databaseUrl: string): Promise<AuditOutcome> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'audit', '--', '--json'], {
      cwd: PROJECT_DIR,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), AUDIT_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({
        source: 'npm run audit',
        ok: null,
        exitCode: null,
        detail: `could not run: ${error.message}`,
      });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const exitCode = code ?? null;
      const lastLine = output.trim().split('\n').pop() ?? '';
      let detail = signal ? `killed by ${signal}` : lastLine.slice(0, 500);
      try {
        const report = JSON.parse(lastLine) as {
          ok?: unknown;
          discrepancies?: unknown[];
          transfers?: unknown;
        };
        detail = `ok=${String(report.ok)}, transfers=${String(report.transfers)}, discrepancies=${report.discrepancies?.length ?? '?'}`;
      } catch {
        // not the JSON line: keep the text
      }
      resolve({
        source: 'npm run audit',
        ok: exitCode === 0 ? true : exitCode === 1 ? false : null,
        exitCode,
        detail,
      });
    });
  });
}

export async function auditThroughApi(api: ApiClient, adminToken: string | null): Promise<AuditOutcome> {
  const unavailable: AuditOutcome = {
    source: 'unavailable',
    ok: null,
    exitCode: null,
    detail: 'no --database-url given and the server has no GET /api/admin/audit',
  };
  if (adminToken === null)
    return { ...unavailable, detail: 'no --database-url and no admin account to ask the API' };
  try {
    const answer = await api.probe('/api/admin/audit', adminToken);
    if (answer === null) return unavailable;
    const body = answer.body as { ok?: unknown } | null;
    const ok = typeof body?.ok === 'boolean' ? body.ok : null;
    return { source: 'GET /api/admin/audit', ok, exitCode: null, detail: `status ${answer.status}` };
  } catch (error) {
    return {
      ...unavailable,
      detail: `GET /api/admin/audit failed: ${error instanceof Error ? error.message : error}`,
    };
  }
}
