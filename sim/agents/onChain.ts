/**
 * What the parties do once a commitment of their channel is cashed (BRIEF §2, §3 "rights"): the
 * defender punishes a revoked sequence, the attacker withdraws its bond when the freeze ends.
 * HTLCs left pending by the cash are their machines' business (hop.ts).
 */
import { freezeEnd, type ContractInput } from '../channel/contract.js';
import type { Side } from '../channel/commitment.js';
import { invariant } from '../errors.js';
import type { Height, Sequence, UnixSeconds } from '../units.js';
import type { LiveChannel } from './liveChannel.js';
import { guardiansOf } from './watchtower.js';

/**
 * The defender's side punishes a revoked sequence: the first of its guardians online — the
 * defender itself, else one of its watchtowers (watchtower.ts) — submits the justice transaction
 * now; if none is, it is tried again as soon as one is back. A defender back online whose tower's
 * penalty has not confirmed yet submits its own.
 */
export function punish(live: LiveChannel, defender: Side, sequence: Sequence): void {
  if (live.host.state.phase !== 'Auditing') return;
  const { engine } = live.world;
  const client = live.nodes[defender];
  const proof = live.channel.revocationProof(defender, sequence);
  invariant(proof !== undefined, 'no-proof', `${live.id}: no revocation proof for revoked sequence ${sequence}`);
  const guardians = guardiansOf(client, live.world.towersOf(client));
  const guardian = guardians.find((g) => live.world.availability(g.node).isOnline(engine.now));
  if (guardian) {
    const state = live.host.state;
    const taken = state.bondMsat + state.pending.reduce((sum, h) => sum + h.amountMsat, 0);
    const { reward, feePayer, feeMsat } = guardian.justice(taken);
    if (guardian.node !== client) live.event('tower-justice', guardian.node, { sequence, amountMsat: reward?.amountMsat ?? 0, detail: `for ${client}` });
    const args: ContractInput = { method: 'withdrawByDefender', revocationSignature: proof, ...(reward ? { reward } : {}) };
    live.submitFor(defender, 'penalty', args, undefined, feePayer, feeMsat);
    if (guardian.node !== client) whenOnline(live, defender, () => punish(live, defender, sequence));
    return;
  }
  const back = Math.min(...guardians.map((g) => live.world.availability(g.node).nextOnline(engine.now)));
  if (back < Number.MAX_SAFE_INTEGER) engine.scheduleAt(back, () => punish(live, defender, sequence), { label: `${client} or a tower back online` });
}

/** The attacker hands the chain its withdrawal, time-locked to the end of the freeze. */
export function withdrawWhenFrozen(live: LiveChannel, attacker: Side): void {
  whenOnline(live, attacker, () => {
    const state = live.host.state;
    if (state.phase !== 'Auditing' || state.bondReleased) return;
    const end = freezeEnd(state.terms.freeze, state);
    const lockTime = 'height' in end ? { height: end.height as Height } : { timestamp: end.timestamp as UnixSeconds };
    live.submitFor(attacker, 'withdraw', { method: 'withdrawByAttacker' }, lockTime);
  });
}

function whenOnline(live: LiveChannel, side: Side, action: () => void): void {
  const { engine } = live.world;
  const back = live.world.availability(live.nodes[side]).nextOnline(engine.now);
  if (back >= Number.MAX_SAFE_INTEGER) return;
  if (back > engine.now) engine.scheduleAt(back, () => whenOnline(live, side, action), { label: `${live.nodes[side]} back online` });
  else action();
}
