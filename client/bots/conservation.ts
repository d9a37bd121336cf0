import { Money } from '../../src/money/index.js';
import type { ApiClient } from './api-client.js';
import type { TableCrew } from './table-crew.js';

/**
 * The chips the bots were given must all be somewhere at the end: back in their wallets, still at
 * a table (a bot that could not cash out), or taken as rake. Seen from the clients alone, this
 * catches chips created or lost anywhere between the cashier, the tables and the ledger. It only
 * holds when the bots were alone at their tables; otherwise it is reported as not applicable.
 */

export interface BotChips {
  readonly crew: TableCrew;
  readonly deposited: Money;
  readonly finalWallet: Money | null;
  readonly chipsAtTable: Money;
  readonly token: string | null;
}

export interface ConservationReport {
  /** false when other players sat at the bots' tables: their chips mix with the bots'. */
  readonly applicable: boolean;
  /** true or false when checked; null when it could not be (a wallet could not be read). */
  readonly holds: boolean | null;
  readonly given: string;
  readonly inWallets: string;
  readonly atTables: string;
  readonly rake: string;
  /** given - (inWallets + atTables + rake): zero when chips are conserved. */
  readonly difference: string;
  readonly walletsUnread: number;
  /** Finished hands no bot saw, whose rake was read from the hand history API instead. */
  readonly handsRecoveredFromHistory: number;
  /** Hands no bot saw and the history does not list as settled (void hands: no chips moved). */
  readonly handsUnaccounted: number;
  readonly note: string;
}

const HISTORY_PAGES_MAX = 20;

/**
 * Rake of the hands no bot saw finish, from the bots' hand histories (each lists the hands that
 * bot was dealt into, with the hand's rake). Bounded in pages per bot.
 */
async function recoverRake(
  api: ApiClient,
  crew: TableCrew,
  tokens: readonly string[],
): Promise<{ rake: Money; recovered: number; unaccounted: number }> {
  const missing = new Set(crew.missingHands());
  let rake = new Money(0);
  let recovered = 0;
  const lowest = Math.min(...missing);
  for (const token of tokens) {
    if (missing.size === 0) break;
    let cursor: string | null = null;
    for (let page = 0; page < HISTORY_PAGES_MAX; page++) {
      let answer: Awaited<ReturnType<ApiClient['hands']>>;
      try {
        answer = await api.hands(token, cursor);
      } catch {
        break;
      }
      let older = false;
      for (const hand of answer.hands) {
        if (hand.tableId !== crew.tableId) continue;
        if (hand.number < lowest) older = true;
        if (missing.delete(hand.number)) {
          rake = rake.plus(hand.rake);
          recovered += 1;
        }
      }
      cursor = answer.nextCursor;
      if (cursor === null || older || missing.size === 0) break;
    }
  }
  return { rake, recovered, unaccounted: missing.size };
}

export async function checkConservation(
  api: ApiClient,
  bots: readonly BotChips[],
): Promise<ConservationReport> {
  const crews = [...new Set(bots.map((bot) => bot.crew))];
  let given = new Money(0);
  let inWallets = new Money(0);
  let atTables = new Money(0);
  let walletsUnread = 0;
  for (const bot of bots) {
    given = given.plus(bot.deposited);
    atTables = atTables.plus(bot.chipsAtTable);
    if (bot.finalWallet === null) {
      if (bot.deposited.greaterThan(0)) walletsUnread += 1;
    } else inWallets = inWallets.plus(bot.finalWallet);
  }
  let rake = new Money(0);
  let recovered = 0;
  let unaccounted = 0;
  for (const crew of crews) {
    rake = rake.plus(crew.rakeSeen());
    if (crew.missingHands().length === 0) continue;
    const tokens = bots.filter((bot) => bot.crew === crew && bot.token !== null).map((bot) => bot.token!);
    const found = await recoverRake(api, crew, tokens);
    rake = rake.plus(found.rake);
    recovered += found.recovered;
    unaccounted += found.unaccounted;
  }
  const difference = given.minus(inWallets).minus(atTables).minus(rake);
  const applicable = !crews.some((crew) => crew.foreignPlayerSeen);
  const holds = !applicable || walletsUnread > 0 ? null : difference.isZero();
  const note = !applicable
    ? 'other players sat at the bots’ tables: the bots’ chips alone need not balance'
    : walletsUnread > 0
      ? `${walletsUnread} wallet(s) could not be read`
      : 'given = in wallets + still at tables + rake';
  return {
    applicable,
    holds,
    given: given.toFixed(),
    inWallets: inWallets.toFixed(),
    atTables: atTables.toFixed(),
    rake: rake.toFixed(),
    difference: difference.toFixed(),
    walletsUnread,
    handsRecoveredFromHistory: recovered,
    handsUnaccounted: unaccounted,
    note,
  };
}
