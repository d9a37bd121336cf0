import { legalActionsOf } from './betting.js';
import type { Card } from './cards.js';
import { COMPLETE, type EngineState, holeCardsOf } from './hand-state.js';
import type { HandResult, HandView, Phase, PlayerView, Viewer } from './hand-types.js';

const PHASES: readonly Phase[] = ['preflop', 'flop', 'turn', 'river', 'complete'];

/** The position a viewer may see the cards of, or -1 (spectators and anything malformed). */
function seeingPosition(viewer: Viewer, playerCount: number): number {
  if (typeof viewer !== 'object' || viewer === null || viewer.kind !== 'player') return -1;
  const player = viewer.player;
  return Number.isInteger(player) && player >= 0 && player < playerCount ? player : -1;
}

function copyCards(cards: readonly Card[] | null | undefined): Card[] | null {
  return cards ? cards.slice() : null;
}

function resultView(result: HandResult): HandResult {
  return {
    pots: result.pots.map((pot) => ({
      amount: pot.amount,
      rake: pot.rake,
      eligible: pot.eligible.slice(),
      winners: pot.winners.map((share) => ({ player: share.player, amount: share.amount })),
      runs: pot.runs?.map((run) => ({
        amount: run.amount,
        winners: run.winners.map((share) => ({ player: share.player, amount: share.amount })),
      })),
    })),
    rakeTotal: result.rakeTotal,
    uncalled: result.uncalled ? { player: result.uncalled.player, amount: result.uncalled.amount } : null,
    finalStacks: result.finalStacks.slice(),
    shown: result.shown.map(copyCards),
    secondBoard: copyCards(result.secondBoard),
  };
}

/**
 * What one viewer may know about the hand. It fails closed: the view is built field by field from
 * public facts, and the only hole cards it can contain are the viewer's own and those shown (at
 * showdown, or turned up when the hand went all-in). The deck itself is never referenced beyond
 * the dealt board(s).
 */
export function buildView(state: EngineState, viewer: Viewer): HandView {
  const { playerCount, deck, setup, boardStart } = state.config;
  const seeing = seeingPosition(viewer, playerCount);
  const shown = state.result?.shown ?? state.exposed;
  const players: PlayerView[] = [];
  let potTotal = 0;
  for (let i = 0; i < playerCount; i++) {
    const folded = (state.foldedMask & (1 << i)) !== 0;
    const stack = state.stacks[i]!;
    const streetCommitted = state.streetBets[i]!;
    potTotal += state.priorBets[i]!;
    players.push({
      seat: setup.players[i]!.seat,
      stack,
      streetCommitted,
      totalCommitted: state.priorBets[i]! + streetCommitted,
      folded,
      allIn: !folded && stack === 0,
      holeCards: i === seeing ? holeCardsOf(state.config, i) : copyCards(shown?.[i]),
    });
  }
  const toAct = state.toAct >= 0 ? state.toAct : null;
  return {
    phase: PHASES[state.street]!,
    variant: state.config.variant,
    board: deck.slice(boardStart, boardStart + state.boardCount),
    secondBoard: copyCards(state.result?.secondBoard),
    runout: state.awaitingRunout ? { runItTwice: setup.runItTwice === true } : null,
    players,
    toAct,
    legal: toAct !== null && toAct === seeing ? legalActionsOf(state) : null,
    potTotal,
    result: state.street === COMPLETE && state.result ? resultView(state.result) : null,
  };
}
