import { Money } from '../../src/money/index.js';
import type { HouseResponse } from '../../src/protocol/http-admin.js';
import type { TournamentDetailResponse } from '../../src/protocol/http-tournaments.js';
import type { TournamentOutcome } from './bot.js';

/**
 * A tournament's conservation, seen from the clients once it is over:
 * - the prizes paid add up to the prize pool, which is the buy-ins plus the overlay (the
 *   guarantee's shortfall, paid by the house), and to the payout table;
 * - the fees went to the house (its TOURNAMENT_FEE total grew by entries x fee over the run);
 * - each bot's wallet changed by exactly -buyIn - fee + prize (it held nothing else);
 * - each bot's final notice agrees with the tournament's results;
 * - no table ever showed more chips than the tournament issued (entries x starting stack).
 */

export interface TournamentBotResult {
  readonly username: string;
  readonly entered: boolean;
  readonly deposited: Money;
  readonly finalWallet: Money | null;
  readonly outcome: TournamentOutcome | null;
}

export interface TournamentCheck {
  readonly id: string;
  readonly name: string;
  readonly kind: 'SNG' | 'MTT';
  readonly status: string;
  readonly entries: number;
  readonly botsEntered: number;
  readonly tables: number;
  /** From its start to its end, by the server's clock; null if it did not do both. */
  readonly playedS: number | null;
  readonly buyIn: string;
  readonly fee: string;
  readonly guarantee: string;
  /** The pool as the server reports it, and as it must be: max(entries x buy-in, guarantee). */
  readonly prizePool: string;
  readonly expectedPool: string;
  /** The prizes of every finisher, and the payout table's sum. */
  readonly prizesPaid: string;
  readonly payoutTableSum: string;
  readonly payoutsMatchPool: boolean;
  /** Growth of the house's tournament fees over the run (net of fee refunds); null without an admin. */
  readonly feesToHouse: {
    readonly expected: string;
    readonly seen: string | null;
    readonly holds: boolean | null;
  };
  readonly wallets: {
    readonly checked: number;
    readonly wrong: number;
    readonly unread: number;
    readonly samples: readonly string[];
  };
  /** Bots whose eliminated/finished notice never came, or disagrees with the results. */
  readonly notices: { readonly missing: number; readonly disagree: number };
  readonly chips: { readonly issued: number; readonly maxSeenAtATable: number; readonly holds: boolean };
  readonly holds: boolean;
  readonly problems: readonly string[];
}

const SAMPLES_MAX = 5;

/** Fees taken minus fees given back, from the house's movement totals. */
export function netFees(flows: HouseResponse['flows']): Money {
  const total = (kind: string) => new Money(flows.find((flow) => flow.kind === kind)?.total ?? '0');
  return total('TOURNAMENT_FEE').minus(total('TOURNAMENT_FEE_REFUND'));
}

export interface TournamentCheckInputs {
  readonly detail: TournamentDetailResponse;
  readonly bots: readonly TournamentBotResult[];
  readonly tables: number;
  readonly maxChipsSeen: number;
  readonly feesBefore: Money | null;
  readonly feesAfter: Money | null;
}

export function checkTournament(inputs: TournamentCheckInputs): TournamentCheck {
  const { detail, bots } = inputs;
  const summary = detail.tournament;
  const problems: string[] = [];
  if (summary.status !== 'finished') problems.push(`the tournament is ${summary.status}, not finished`);

  const buyIns = new Money(summary.buyIn).times(summary.entries);
  const expectedPool = Money.max(buyIns, new Money(summary.guarantee));
  const prizeOf = new Map(detail.entrants.map((entrant) => [entrant.username, entrant]));
  let prizesPaid = new Money(0);
  for (const entrant of detail.entrants)
    if (entrant.prize !== null) prizesPaid = prizesPaid.plus(entrant.prize);
  let payoutTableSum = new Money(0);
  for (const payout of detail.payouts) payoutTableSum = payoutTableSum.plus(payout.amount);
  const payoutsMatchPool =
    prizesPaid.equals(summary.prizePool) &&
    prizesPaid.equals(expectedPool) &&
    payoutTableSum.equals(expectedPool);
  if (!payoutsMatchPool)
    problems.push(
      `prizes paid ${prizesPaid.toFixed()}, payout table ${payoutTableSum.toFixed()}, pool ${summary.prizePool} (expected ${expectedPool.toFixed()})`,
    );

  const expectedFees = new Money(summary.fee).times(summary.entries);
  const seenFees = inputs.feesBefore && inputs.feesAfter ? inputs.feesAfter.minus(inputs.feesBefore) : null;
  const feesHold = seenFees === null ? null : seenFees.equals(expectedFees);
  if (feesHold === false)
    problems.push(`the house's fees grew by ${seenFees!.toFixed()}, not ${expectedFees.toFixed()}`);

  const cost = new Money(summary.buyIn).plus(summary.fee);
  let checked = 0;
  let wrong = 0;
  let unread = 0;
  let missing = 0;
  let disagree = 0;
  const samples: string[] = [];
  for (const bot of bots) {
    if (bot.finalWallet === null) {
      if (bot.deposited.greaterThan(0)) unread += 1;
      continue;
    }
    const result = bot.entered ? prizeOf.get(bot.username) : undefined;
    const prize = new Money(result?.prize ?? '0');
    const expected = bot.entered ? bot.deposited.minus(cost).plus(prize) : bot.deposited;
    checked += 1;
    if (!bot.finalWallet.equals(expected)) {
      wrong += 1;
      if (samples.length < SAMPLES_MAX)
        samples.push(`${bot.username}: wallet ${bot.finalWallet.toFixed()}, expected ${expected.toFixed()}`);
    }
    if (!bot.entered || summary.status !== 'finished') continue;
    if (!bot.outcome || bot.outcome.kind === 'cancelled') missing += 1;
    else if (
      !new Money(bot.outcome.prize ?? '0').equals(prize) ||
      (result?.place ?? null) !== bot.outcome.place
    )
      disagree += 1;
  }
  if (wrong > 0) problems.push(`${wrong} wallet(s) wrong (${samples.join('; ')})`);
  if (unread > 0) problems.push(`${unread} wallet(s) unread`);
  if (missing > 0) problems.push(`${missing} bot(s) not told their place`);
  if (disagree > 0) problems.push(`${disagree} bot(s) told a place or prize the results disagree with`);

  const issued = summary.entries * summary.startingStack;
  const chipsHold = inputs.maxChipsSeen <= issued;
  if (!chipsHold) problems.push(`a table showed ${inputs.maxChipsSeen} chips of ${issued} issued`);

  return {
    id: summary.id,
    name: summary.name,
    kind: summary.kind,
    status: summary.status,
    entries: summary.entries,
    botsEntered: bots.filter((bot) => bot.entered).length,
    tables: inputs.tables,
    playedS:
      summary.startedAt && summary.endedAt
        ? (Date.parse(summary.endedAt) - Date.parse(summary.startedAt)) / 1000
        : null,
    buyIn: summary.buyIn,
    fee: summary.fee,
    guarantee: summary.guarantee,
    prizePool: summary.prizePool,
    expectedPool: expectedPool.toFixed(),
    prizesPaid: prizesPaid.toFixed(),
    payoutTableSum: payoutTableSum.toFixed(),
    payoutsMatchPool,
    feesToHouse: { expected: expectedFees.toFixed(), seen: seenFees?.toFixed() ?? null, holds: feesHold },
    wallets: { checked, wrong, unread, samples },
    notices: { missing, disagree },
    chips: { issued, maxSeenAtATable: inputs.maxChipsSeen, holds: chipsHold },
    holds: problems.length === 0,
    problems,
  };
}
