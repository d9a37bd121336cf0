import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parsePhhFile, phhFileKindOf } from '../engine/phh/phh-parse.js';
import { replayPhh, stacksMatch } from '../engine/phh/phh-replay.js';

/**
 * `phh replay`: replays every hand of the given files and folders (folders recursively, .phh and
 * .phhs files, in name order) and reports one JSON object per hand, then a summary.
 */

/**
 * `checked` hands (with --check, replayed, and with finishing_stacks) are `matched` or `mismatched`;
 * a replayed hand without finishing_stacks is `not_checked`, which is no failure.
 */
export interface ReplaySummary {
  readonly summary: true;
  hands: number;
  ok: number;
  errors: number;
  checked: number;
  matched: number;
  mismatched: number;
  not_checked: number;
}

export type ReplayLine = Record<string, unknown>;

interface FoundFile {
  readonly path: string;
  readonly problem?: { readonly code: string; readonly message: string };
}

function collectFiles(path: string, found: FoundFile[]): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    found.push({ path, problem: { code: 'cli/no-such-path', message: `${path} does not exist` } });
    return;
  }
  if (!isDirectory) {
    if (phhFileKindOf(path) === null) {
      found.push({ path, problem: { code: 'cli/not-a-phh-file', message: 'expected a .phh or .phhs file' } });
    } else {
      found.push({ path });
    }
    return;
  }
  const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) collectFiles(child, found);
    else if (phhFileKindOf(entry.name) !== null) found.push({ path: child });
  }
}

function handLabel(key: string | null, handField: number | string | undefined): number | string {
  if (key !== null) return /^\d+$/.test(key) ? Number(key) : key;
  return handField ?? 1;
}

/** Compares a replayed hand's line with the finishing stacks its history records, if any. */
function checkLine(line: ReplayLine, recorded: readonly string[] | undefined, summary: ReplaySummary): void {
  if (recorded === undefined) {
    line['checked'] = false;
    line['message'] = 'the history has no finishing_stacks to check';
    summary.not_checked++;
    return;
  }
  const match = stacksMatch(line['finishing_stacks'] as readonly string[], recorded);
  line['checked'] = true;
  line['match'] = match;
  if (!match) line['expected'] = recorded;
  summary.checked++;
  if (match) summary.matched++;
  else summary.mismatched++;
}

/** Replays the files, calling `emit` with each line; returns the summary (also emitted last). */
export function replayFiles(
  paths: readonly string[],
  check: boolean,
  emit: (line: ReplayLine | ReplaySummary) => void,
): ReplaySummary {
  const summary: ReplaySummary = {
    summary: true,
    hands: 0,
    ok: 0,
    errors: 0,
    checked: 0,
    matched: 0,
    mismatched: 0,
    not_checked: 0,
  };
  const files: FoundFile[] = [];
  for (const path of paths) collectFiles(path, files);

  for (const file of files) {
    if (file.problem) {
      summary.hands++;
      summary.errors++;
      emit({ file: file.path, hand: null, ok: false, ...file.problem });
      continue;
    }
    const parsed = parsePhhFile(readFileSync(file.path, 'utf8'), phhFileKindOf(file.path)!);
    if (!parsed.ok) {
      summary.hands++;
      summary.errors++;
      emit({
        file: file.path,
        hand: null,
        ok: false,
        code: parsed.error.code,
        message: parsed.error.message,
      });
      continue;
    }
    for (const entry of parsed.value) {
      summary.hands++;
      const hand = handLabel(entry.key, entry.hand.ok ? entry.hand.value.hand : undefined);
      const replay = entry.hand.ok ? replayPhh(entry.hand.value) : entry.hand;
      if (!replay.ok) {
        summary.errors++;
        const { code, message, actionIndex } = replay.error;
        emit({
          file: file.path,
          hand,
          ok: false,
          code,
          message,
          ...(actionIndex !== undefined && { action: actionIndex }),
        });
        continue;
      }
      summary.ok++;
      const line: ReplayLine = {
        file: file.path,
        hand,
        ok: true,
        finishing_stacks: replay.value.finishingStacks,
      };
      if (check) checkLine(line, entry.hand.ok ? entry.hand.value.finishingStacks : undefined, summary);
      emit(line);
    }
  }
  emit(summary);
  return summary;
}
