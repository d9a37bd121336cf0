import { Money } from '../../../../src/money/index.js';
import type {
  TournamentStatusWire,
  TournamentSummaryOut,
} from '../../../../src/protocol/http-tournaments.js';
import type { TournamentStructure } from '../../../../src/protocol/tournament-structure.js';
import { displayAmount } from '../money/amounts.js';

/**
 * How a tournament reads on screen: its kind, status, buy-in, blinds and countdowns. Money
 * (buy-in, fee, prizes) is decimal strings added with src/money; tournament chips are whole numbers.
 */

export const KIND_LABELS: Record<TournamentSummaryOut['kind'], string> = {
  SNG: 'Sit & Go',
  MTT: 'MTT',
};

export const STATUS_LABELS: Record<TournamentStatusWire, string> = {
  registering: 'Registering',
  running: 'Running',
  finished: 'Finished',
  cancelling: 'Cancelling',
  cancelled: 'Cancelled',
};

/** "10 + 1" (buy-in plus fee), "10" when there is no fee, "Freeroll" when both are nothing. */
export function buyInLabel(buyIn: string, fee: string): string {
  const noFee = new Money(fee).isZero();
  if (noFee && new Money(buyIn).isZero()) return 'Freeroll';
  return noFee ? displayAmount(buyIn) : `${displayAmount(buyIn)} + ${displayAmount(fee)}`;
}

/** What one entry costs in all: buy-in plus fee, exactly. */
export function entryCost(buyIn: string, fee: string): string {
  return new Money(buyIn).plus(fee).toFixed();
}

/** Tournament chips, grouped ("12,500"). */
export function chips(amount: number | string): string {
  return displayAmount(String(amount));
}

/** "50/100", with " ante 10" when there is one. */
export function blindsLabel(
  smallBlind: number | string,
  bigBlind: number | string,
  ante: number | string,
): string {
  const blinds = `${chips(smallBlind)}/${chips(bigBlind)}`;
  return String(ante) === '0' ? blinds : `${blinds} ante ${chips(ante)}`;
}

/** A time left as "m:ss" (or "h:mm:ss"), never negative; rounded up, so 0:00 means it is over. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** A level's or break's length: "10 min", "90 s", "1 h 30 min". */
export function durationLabel(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${rest} min`;
}

/** A row of the structure table: a numbered blind level, or a break. */
export type StructureRow =
  | {
      readonly kind: 'level';
      readonly level: number;
      readonly blinds: string;
      readonly durationMs: number;
    }
  | { readonly kind: 'break'; readonly afterLevel: number; readonly durationMs: number };

/** The structure's steps with levels numbered from 1 (breaks are not levels), in play order. */
export function structureRows(structure: TournamentStructure): StructureRow[] {
  let level = 0;
  return structure.steps.map((step) => {
    if (step.kind === 'break') return { kind: 'break', afterLevel: level, durationMs: step.durationMs };
    level += 1;
    return {
      kind: 'level',
      level,
      blinds: blindsLabel(step.smallBlind, step.bigBlind, step.ante),
      durationMs: step.durationMs,
    };
  });
}

/** "1st", "2nd", "3rd", "11th", "22nd". */
export function ordinal(place: number): string {
  const tens = place % 100;
  if (tens >= 11 && tens <= 13) return `${place}th`;
  const suffix = ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[place % 10] ?? 'th';
  return `${place}${suffix}`;
}

/** "3/6 entries" before the start; once running, the players left of the entries. */
export function entriesLabel(
  summary: Pick<TournamentSummaryOut, 'status' | 'entries' | 'maxEntrants' | 'playersLeft'>,
): string {
  if (summary.status === 'running') return `${summary.playersLeft} of ${summary.entries} left`;
  return `${summary.entries}/${summary.maxEntrants}`;
}

/** When it starts: a Sit & Go when full; an MTT at its time (local, short). */
export function startLabel(
  summary: Pick<TournamentSummaryOut, 'kind' | 'scheduledStart' | 'startedAt'>,
  locale?: string,
): string {
  const at = summary.startedAt ?? summary.scheduledStart;
  if (at === null) return summary.kind === 'SNG' ? 'When full' : '—';
  return new Date(at).toLocaleString(locale, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A player's result in a sentence: "You finished 2nd and won 30." or "... out of the money." */
export function resultSentence(place: number | null, prize: string | null): string {
  const where = place === null ? 'Your tournament is over' : `You finished ${ordinal(place)}`;
  if (prize === null || new Money(prize).isZero()) return `${where}.`;
  return `${where} and won ${displayAmount(prize)}.`;
}

/** How often an open tournament page reads its detail again, and for how long at most. */
export const DETAIL_POLL_MS = 3_000;
export const DETAIL_POLL_MAX_MS = 30 * 60_000;
