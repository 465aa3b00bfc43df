/**
 * What the parties do once a commitment of their channel is cashed (BRIEF §2, §3 "rights"): the
 * defender punishes a revoked sequence, the attacker withdraws its bond when the freeze ends, and
 * the party cashing an HTLC sheet shows the preimages it knows. HTLCs left pending by the cash are
 * their machines' business (hop.ts).
 */
import { type ContractInput, freezeEnd, type HtlcTerm, type Side } from '../channel/index.js';
import { invariant } from '../errors.js';
import type { Height, Sequence, UnixSeconds } from '../units.js';
import type { LiveChannel } from './liveChannel.js';
import { registerPreimage } from './submit.js';
import { guardiansOf } from './watchtower.js';

/**
 * The defender's side punishes a revoked sequence: the first of its guardians online that has seen
 * the cash — the defender itself, else one of its watchtowers (watchtower.ts) — submits the justice
 * transaction now. An eclipsed guardian online sees the cash only its delay later (chainView.ts)
 * and acts then; if none is online, it is tried again as soon as one is back. A defender back
 * online whose tower's penalty has not confirmed yet submits its own.
 */
export function punish(live: LiveChannel, defender: Side, sequence: Sequence): void {
  const state = live.host.state;
  if (state.phase !== 'Auditing') return;
  const { engine, view } = live.world;
  const client = live.nodes[defender];
  const proof = live.channel.revocationProof(defender, sequence);
  invariant(proof !== undefined, 'no-proof', `${live.id}: no revocation proof for revoked sequence ${sequence}`);
  const guardians = guardiansOf(client, live.world.towersOf(client));
  const online = guardians.filter((g) => live.world.availability(g.node).isOnline(engine.now));
  const guardian = online.find((g) => view.sees(g.node, state.requestHeight));
  if (guardian) {
    const taken = state.bondMsat + state.pending.reduce((sum, h) => sum + h.amountMsat, 0);
    const { reward, ...fees } = guardian.justice(taken, live.txFeeMsat);
    if (guardian.node !== client) live.event({ kind: 'tower-justice', node: guardian.node, sequence, amountMsat: reward?.amountMsat ?? 0, client });
    const args: ContractInput = { method: 'withdrawByDefender', revocationSignature: proof, ...(reward ? { reward } : {}) };
    live.submitFor(defender, 'penalty', args, fees);
    if (guardian.node !== client) whenOnline(live, defender, () => punish(live, defender, sequence));
    return;
  }
  if (online[0]) return view.whenSeen(online[0].node, state.requestHeight, () => punish(live, defender, sequence));
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
    live.submitFor(attacker, 'withdraw', { method: 'withdrawByAttacker' }, { lockTime });
  });
}

/** Runs `action` now if `side` is online, else once it is back (never, if it never comes back). */
export function whenOnline(live: LiveChannel, side: Side, action: () => void): void {
  const { engine } = live.world;
  const back = live.world.availability(live.nodes[side]).nextOnline(engine.now);
  if (back >= Number.MAX_SAFE_INTEGER) return;
  if (back > engine.now) engine.scheduleAt(back, () => whenOnline(live, side, action), { label: `${live.nodes[side]} back online` });
  else action();
}

/**
 * What `node` (side `side`) shows when it cashes a sheet with these HTLCs: every preimage it knows
 * for an HTLC offered to it that has not expired. A shared (Sprites) one is also registered with
 * the preimage manager, which settles it at every hop.
 */
export function preimagesToShow(live: LiveChannel, node: string, side: Side, htlcs: readonly HtlcTerm[]): Uint8Array[] {
  const next = live.world.chain.height + 1;
  const preimages: Uint8Array[] = [];
  for (const h of htlcs) {
    const preimage = h.offerer !== side && h.timeLock > next ? live.world.preimages.known(node, h.hashLock) : undefined;
    if (!preimage) continue;
    preimages.push(preimage);
    if (h.shared) registerPreimage(live.world, node, preimage, h.hashLock, live.txFeeMsat);
  }
  return preimages;
}
