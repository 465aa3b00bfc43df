/**
 * The cheater (BRIEF §3 "rights", DEFAULTS.md's closing game). At every block it looks at each
 * of its running channels for the revoked commitment best for itself: Δ is what that sheet gives
 * it beyond the newest, b_new what the newest gives it. Broadcasting risks b_new (a punished
 * attacker gets nothing) to win Δ:
 *
 *   E[gain] = (1 − p)·(Δ − 2f) − p·(b_new + f),   p = its belief that the defender punishes,
 *
 * f being the fee of each of its transactions: the cash always, the withdrawal only when nobody
 * punished (a punished cheater has nothing to withdraw). `rational` cheats when E[gain] > 0, i.e.
 * p < (Δ − 2f) / (Δ − f + b_new) (Δ / (Δ + b_new) without fees), `always` as soon as
 * Δ > 0, `never` not at all. It cheats at most once per channel.
 */
import type { Sequence } from '../units.js';
import type { LiveChannel } from './liveChannel.js';
import type { World } from './world.js';

export type CheatMode = 'rational' | 'always' | 'never';

export interface CheaterSpec {
  readonly node: string;
  readonly mode: CheatMode;
  /** Probability the cheater assigns to being punished, in [0, 1]. */
  readonly belief: number;
}

/** The revoked sequence that gives `node` the most, and what it gains over the newest sheet. */
export function bestRevoked(live: LiveChannel, node: string): { sequence: Sequence; gainMsat: number; newestMsat: number } | undefined {
  const side = live.channel.sideOf(node);
  if (side === undefined) return undefined;
  const newest = live.channel.balances[side];
  let best: { sequence: Sequence; gainMsat: number; newestMsat: number } | undefined;
  for (let s = 1; s < live.channel.sequence; s++) {
    const sheet = live.channel.sheet(s as Sequence)!;
    // HTLCs in a revoked sheet are not the cheater's to count on: only its settled share.
    const gain = sheet.amounts[side] - newest;
    if (gain > (best?.gainMsat ?? 0)) best = { sequence: s as Sequence, gainMsat: gain, newestMsat: newest };
  }
  return best;
}

export function expectedGain(gainMsat: number, newestMsat: number, belief: number, feeMsat: number): number {
  return (1 - belief) * (gainMsat - 2 * feeMsat) - belief * (newestMsat + feeMsat);
}

/** The belief below which a rational cheater cheats: E[gain] = 0. */
export function breakEvenBelief(gainMsat: number, newestMsat: number, feeMsat: number): number {
  return (gainMsat - 2 * feeMsat) / (gainMsat - feeMsat + newestMsat);
}

export function startCheater(world: World, spec: CheaterSpec, channels: () => readonly LiveChannel[], feeMsat: (live: LiveChannel) => number): void {
  if (spec.mode === 'never') return;
  const done = new Set<string>();
  const consider = (): void => {
    if (world.availability(spec.node).isOnline(world.engine.now)) {
      for (const live of channels()) {
        if (done.has(live.id) || live.host.state.phase !== 'Running') continue;
        const best = bestRevoked(live, spec.node);
        if (!best) continue;
        // The cash and, if unpunished, the withdrawal after the freeze each bid the channel's fee.
        const worth = spec.mode === 'always' || expectedGain(best.gainMsat, best.newestMsat, spec.belief, feeMsat(live)) > 0;
        if (worth && live.broadcast(spec.node, best.sequence).ok) done.add(live.id);
      }
    }
    world.chain.watchHeight(world.chain.height + 1, consider);
  };
  world.chain.watchHeight(world.chain.height + 1, consider);
}
