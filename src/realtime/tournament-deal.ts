import { randomUUID } from 'node:crypto';
import { type DomainError, fail, ok, type Result } from '../errors/result.js';
import type { Money } from '../money/index.js';
import type { DealMethod, TournamentDealOut } from '../protocol/http-tournaments.js';
import type { DealOffers } from '../tournaments/deal-offers.js';

/**
 * One deal talked about at a final table, as its runner holds it (tournament-runner.ts): who is
 * in it, the two offers once the hand in play has ended (computed by deal-offers.ts), and each
 * player's answer, given once. It decides nothing about money: the runner pays the agreed offer.
 */

export type DealAnswer = DealMethod | 'decline';
export type DealStatus = TournamentDealOut['status'];

export interface DealPlayer {
  /** The director's entry id. */
  readonly entryId: number;
  readonly userId: string;
  readonly username: string;
  readonly stack: number;
}

/** What the answers so far come to. */
export type DealOutcome =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'agreed'; readonly method: DealMethod; readonly amounts: readonly Money[] }
  /** Someone declined, or every player answered but not all the same method. */
  | { readonly kind: 'declined' };

type AnswerError = DomainError<
  'tournament/deal-stale' | 'tournament/not-in-deal' | 'tournament/deal-already-answered'
>;

export class LiveDeal {
  readonly offerId = randomUUID();
  private state: DealStatus = 'waiting-for-hand';
  private players: readonly DealPlayer[];
  private offers: DealOffers | null = null;
  private readonly answers = new Map<string, DealAnswer>();
  private agreedMethod: DealMethod | null = null;

  constructor(
    readonly proposedBy: string,
    readonly leftToPlayFor: Money,
    readonly expiresAtMs: number,
    players: readonly DealPlayer[],
  ) {
    this.players = players;
  }

  get status(): DealStatus {
    return this.state;
  }

  /** Still talked about: the director deals no hand meanwhile. */
  get pending(): boolean {
    return this.state === 'waiting-for-hand' || this.state === 'open';
  }

  /** The hand in play has ended: the offers, computed from these players' stacks now. */
  open(players: readonly DealPlayer[], offers: DealOffers): void {
    this.players = players;
    this.offers = offers;
    this.state = 'open';
  }

  /** A player's one answer to the open offer. */
  answer(userId: string, offerId: string, answer: DealAnswer): Result<DealOutcome, AnswerError> {
    if (offerId !== this.offerId || this.state !== 'open')
      return fail('tournament/deal-stale', 'that offer is not the one open: read the deal again');
    if (!this.players.some((player) => player.userId === userId))
      return fail('tournament/not-in-deal', 'only the players still in answer a deal');
    if (this.answers.has(userId))
      return fail('tournament/deal-already-answered', 'each player answers a deal once');
    this.answers.set(userId, answer);
    return ok(this.outcome());
  }

  /** The deal is over: paid (agreed), declined, or out of time. */
  end(status: 'agreed' | 'declined' | 'expired'): void {
    this.state = status;
  }

  private outcome(): DealOutcome {
    const answers = [...this.answers.values()];
    if (answers.includes('decline')) return { kind: 'declined' };
    if (answers.length < this.players.length) return { kind: 'waiting' };
    const method = answers[0] as DealMethod;
    if (answers.some((answer) => answer !== method)) return { kind: 'declined' };
    this.agreedMethod = method;
    const offers = this.offers!;
    return { kind: 'agreed', method, amounts: method === 'icm' ? offers.icm : offers.chipChop };
  }

  /** The agreed shares, by director entry id, in the players' order. */
  sharesOf(amounts: readonly Money[]): { entryId: number; amount: Money }[] {
    return this.players.map((player, index) => ({ entryId: player.entryId, amount: amounts[index]! }));
  }

  view(): TournamentDealOut {
    const offers = this.offers;
    return {
      offerId: this.offerId,
      status: this.state,
      proposedBy: this.proposedBy,
      leftToPlayFor: this.leftToPlayFor.toFixed(),
      dealt: offers ? offers.dealt.toFixed() : null,
      expiresAt: new Date(this.expiresAtMs).toISOString(),
      method: this.agreedMethod,
      players: this.players.map((player, index) => ({
        userId: player.userId,
        username: player.username,
        stack: player.stack,
        chipChop: offers ? offers.chipChop[index]!.toFixed() : null,
        icm: offers ? offers.icm[index]!.toFixed() : null,
        answer: this.answers.get(player.userId) ?? null,
      })),
    };
  }
}
