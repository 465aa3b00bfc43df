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
import { towerReward } from './watchtower.js';

/**
 * The defender submits the revocation proof now, or as soon as it is back online; meanwhile the
 * first of its watchtowers to be online submits the justice transaction the client left with it
 * (the tower pays its fixed fee and takes its reward share, if any). A client back online whose
 * tower's penalty has not confirmed yet submits its own.
 */
export function punish(live: LiveChannel, defender: Side, sequence: Sequence): void {
  if (live.host.state.phase !== 'Auditing') return;
  const { engine } = live.world;
  const node = live.nodes[defender];
  const proof = live.channel.revocationProof(defender, sequence);
  invariant(proof !== undefined, 'no-proof', `${live.id}: no revocation proof for revoked sequence ${sequence}`);
  if (live.online(defender)) {
    live.submitFor(defender, 'penalty', { method: 'withdrawByDefender', revocationSignature: proof });
    return;
  }
  const towers = live.world.towersOf(node);
  const tower = towers.find((t) => live.world.availability(t.tower).isOnline(engine.now));
  if (tower) {
    const state = live.host.state;
    const taken = state.bondMsat + state.pending.reduce((sum, h) => sum + h.amountMsat, 0);
    const reward = towerReward(tower, taken);
    live.event('tower-justice', tower.tower, { sequence, amountMsat: reward, detail: `for ${node}` });
    const args: ContractInput = { method: 'withdrawByDefender', revocationSignature: proof, ...(reward > 0 ? { reward: { to: tower.tower, amountMsat: reward } } : {}) };
    live.submitFor(defender, 'penalty', args, undefined, tower.tower, tower.feeMsat);
    whenOnline(live, defender, () => punish(live, defender, sequence));
    return;
  }
  const back = Math.min(live.world.availability(node).nextOnline(engine.now), ...towers.map((t) => live.world.availability(t.tower).nextOnline(engine.now)));
  if (back < Number.MAX_SAFE_INTEGER) engine.scheduleAt(back, () => punish(live, defender, sequence), { label: `${node} or a tower back online` });
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
