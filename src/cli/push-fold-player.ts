import type { LegalActions, PlayerAction } from '../engine/hand-types.js';

/**
 * A fast random tournament player for simulations: push or fold before the flop, more often the
 * shorter the stack (in big blinds), calls an all-in now and then, and checks or folds after the
 * flop. Hands end in a few actions and players bust at a tournament's pace: slowly while stacks
 * are deep, faster as the blinds rise.
 */
export function pushFoldAction(
  rand: () => number,
  legal: LegalActions,
  bigBlind: number,
  preflop: boolean,
): PlayerAction {
  const player = legal.player;
  const call = legal.callAmount ?? 0;
  const stackTo = legal.betOrRaise?.maxTo ?? call;
  const depthBigBlinds = stackTo / bigBlind;
  const facingAllInSized = call > 2 * bigBlind;
  if (preflop) {
    const shove = depthBigBlinds <= 10 ? 0.3 : depthBigBlinds <= 25 ? 0.08 : 0.02;
    if (!facingAllInSized && legal.canAllIn && rand() < shove) return { player, kind: 'all-in' };
    if (facingAllInSized) {
      const callChance = depthBigBlinds <= 10 || call <= stackTo / 3 ? 0.5 : 0.2;
      return rand() < callChance ? { player, kind: 'call' } : fold(legal);
    }
    if (legal.canCheck) return { player, kind: 'check' };
    return rand() < 0.25 ? { player, kind: 'call' } : fold(legal);
  }
  if (legal.canCheck) return { player, kind: 'check' };
  return rand() < 0.3 ? { player, kind: 'call' } : fold(legal);
}

function fold(legal: LegalActions): PlayerAction {
  return legal.canFold ? { player: legal.player, kind: 'fold' } : { player: legal.player, kind: 'check' };
}
