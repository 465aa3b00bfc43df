/**
 * withdrawByDefender (BRIEF §2; BOLT #5 "Revoked Transaction Close Handling"): the defender
 * shows a signature by the revocation lock of the cashed sequence, proving the attacker had
 * revoked it, and takes every output the commitment still holds — the frozen bond and every
 * pending HTLC (BOLT #5: the victim claims every output of a revoked commitment).
 *
 * When the penalty is valid:
 * - 'virtual-bank' (BRIEF §2 exactly): before the freeze ends. The attacker can withdraw its
 *   bond only after that, so a released bond means nothing is punishable any more.
 * - 'asymmetric' (bitcoin): each output's revocation path never expires, so until the output is
 *   spent: the bond until the attacker sweeps it, and each HTLC until it is claimed or timed
 *   out. After the sweep (`bondReleased`) the penalty takes the pending HTLCs alone.
 *
 * Out of what it takes, the justice transaction may pay a watchtower's reward (an output of the
 * transaction the client pre-signed) and its own fee (`CallContext.contractFeeMsat`: an
 * altruist tower returns everything but fees, DEFAULTS.md, and its wallet pays nothing). The
 * defender receives the rest; `Penalty` records all four figures.
 */
import { fromHex, verify } from '../crypto/index.js';
import { fail, ok, type Outcome } from '../errors.js';
import type { Msat } from '../units.js';
import { revocationPayload, type Side } from './commitment.js';
import type { CallContext, ContractInput, Payout, Penalty, Step, VirtualBank } from './contract.js';
import { freezeEnd, freezeOver } from './freeze.js';
import { add, common, wrongPhase } from './states.js';

type Input = Extract<ContractInput, { method: 'withdrawByDefender' }>;

export function withdrawByDefender(state: VirtualBank, side: Side, input: Input, ctx: CallContext): Outcome<Step> {
  if (state.phase !== 'Auditing') return wrongPhase('withdrawByDefender', state, 'Auditing');
  if (side === state.attacker) return fail('not-defender', 'withdrawByDefender: only the defender may claim the bond');
  if (state.rules === 'virtual-bank' && freezeOver(state.terms.freeze, state, ctx)) {
    return fail('freeze-over', "withdrawByDefender: the freeze has ended; the bond is the attacker's", freezeEnd(state.terms.freeze, state), ctx);
  }
  const payload = revocationPayload(state.id, state.terms.sequence);
  if (!verify(input.revocationSignature, payload, fromHex(state.terms.revocationLock))) {
    return fail('bad-revocation', "withdrawByDefender: the signature is not by this sequence's revocation lock");
  }
  const htlcMsat = state.pending.reduce((sum, h) => sum + h.amountMsat, 0);
  const takenMsat = state.bondMsat + htlcMsat;
  const rewardMsat = input.reward?.amountMsat ?? 0;
  const feeMsat = ctx.contractFeeMsat ?? 0;
  if (!Number.isSafeInteger(rewardMsat) || rewardMsat < 0 || rewardMsat > takenMsat) {
    return fail('bad-reward', "withdrawByDefender: a tower's reward must be whole msat within what the penalty takes", `0..${takenMsat}`, rewardMsat);
  }
  if (!Number.isSafeInteger(feeMsat) || feeMsat < 0 || feeMsat + rewardMsat > takenMsat) {
    return fail('fee-exceeds-penalty', 'withdrawByDefender: the fee paid from the swept funds (with any reward) must be whole msat within what the penalty takes', `0..${takenMsat - rewardMsat}`, feeMsat);
  }
  const payouts: Payout[] = [];
  const kept = takenMsat - rewardMsat - feeMsat;
  if (kept > 0) payouts.push({ side, amountMsat: kept as Msat });
  if (rewardMsat > 0) payouts.push({ side, amountMsat: rewardMsat as Msat, to: input.reward!.to });
  const penalty: Penalty = { takenMsat: takenMsat as Msat, htlcMsat: htlcMsat as Msat, feeMsat: feeMsat as Msat, rewardMsat: rewardMsat as Msat };
  return ok({
    state: { ...common(state), phase: 'Closed', how: 'defender-punished', paidOut: add(state.paidOut, side, takenMsat), penalty },
    payouts,
    ...(feeMsat > 0 ? { feeMsat: feeMsat as Msat } : {}),
    resolved: state.pending.map((htlc) => ({ htlc, outcome: 'punished' as const })),
  });
}
