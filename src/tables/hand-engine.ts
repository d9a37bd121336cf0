import * as engine from '../engine/hand.js';
import type {
  ApplyResult,
  HandResult,
  HandSetup,
  HandState,
  HandView,
  LegalActions,
  Phase,
  PlayerAction,
  Viewer,
} from '../engine/hand-types.js';

/**
 * The part of the rules engine a table uses. Injected, so a test can wrap it (for example, to
 * corrupt a result and check that the table halts instead of paying out a wrong amount).
 */
export interface HandEngine {
  startHand(setup: HandSetup): ApplyResult;
  applyAction(state: HandState, action: PlayerAction): ApplyResult;
  legalActions(state: HandState): LegalActions | null;
  viewFor(state: HandState, viewer: Viewer): HandView;
  handResult(state: HandState): HandResult | null;
  handPhase(state: HandState): Phase;
  playerToAct(state: HandState): number | null;
  isAwaitingRunout(state: HandState): boolean;
  runOut(state: HandState, runs: 1 | 2): ApplyResult;
  equityInputOf: typeof engine.equityInputOf;
}

export const realHandEngine: HandEngine = {
  startHand: engine.startHand,
  applyAction: engine.applyAction,
  legalActions: engine.legalActions,
  viewFor: engine.viewFor,
  handResult: engine.handResult,
  handPhase: engine.handPhase,
  playerToAct: engine.playerToAct,
  isAwaitingRunout: engine.isAwaitingRunout,
  runOut: engine.runOut,
  equityInputOf: engine.equityInputOf,
};
