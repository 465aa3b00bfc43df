/**
 * The payee's side of a routed payment: what it does with the HTLCs that reach it (its hooks:
 * settle, withhold, hold), refusing an HTLC whose preimage it never drew (a probe), and BOLT #4
 * basic MPP — holding the parts until they add up to the total.
 */
import type { MppOptions, Payment, Try } from './payment.js';
import type { World } from './world.js';

/** What the payee side needs from the payments layer. */
export interface PayeeSide {
  readonly world: World;
  readonly deadlineBlocks: number;
  /** A failure that travels back to the payer (no retry when `retry` is false). */
  refuse(p: Payment, t: Try, reason: string, retry: boolean): void;
}

/** The HTLCs of try `t` reached the payee: what it does is its own business (hooks.ts). */
export function arrive(side: PayeeSide, p: Payment, t: Try): void {
  const last = t.hops[t.hops.length - 1]!;
  const live = t.channels[t.hops.length - 1]!;
  const decision = side.world.hooks(p.to).receive(last.expiryHeight, side.deadlineBlocks);
  switch (decision.do) {
    case 'settle':
      // An HTLC whose preimage the payee never drew (a probe): incorrect_or_unknown_payment_details.
      if (side.world.preimages.known(p.to, p.lock) === undefined) {
        side.refuse(p, t, 'unknown-payment', false);
        return live.resolveHtlc(last.from, p.lock, 'fail');
      }
      if (p.mpp) return collect(side, p, t, p.mpp);
      return live.resolveHtlc(last.from, p.lock, 'fulfil');
    case 'withhold':
      return;
    case 'hold': {
      // A jammer fails its HTLCs back after the hold (no retry: the hold was the point).
      const release = (): void => {
        if (!live.hasHtlc(last.from, p.lock)) return;
        side.refuse(p, t, 'held', false);
        live.resolveHtlc(last.from, p.lock, 'fail');
      };
      side.world.engine.schedule(decision.ms, release, { label: 'jammer releases' });
      side.world.chain.watchHeight(Math.max(side.world.chain.height + 1, decision.height), release);
      return;
    }
  }
}

/**
 * BOLT #4 basic MPP at the payee: it holds each part until the parts hold `total_msat`, then
 * settles them all; a set still short `timeoutMs` after its first part is failed whole.
 */
function collect(side: PayeeSide, p: Payment, t: Try, mpp: MppOptions): void {
  const held = p.held!; // made with every multi-part payment
  held.tries.push(t);
  held.msat += t.amountMsat;
  if (held.tries.length === 1) {
    const set = held.set;
    side.world.engine.schedule(mpp.timeoutMs, () => held.set === set && release(side, p, 'fail'), { label: 'mpp-timeout' });
  }
  if (held.msat >= p.amountMsat) release(side, p, 'fulfil');
}

/** The payee settles (or fails, `mpp-timeout`) every part it holds; the next part starts a new set. */
function release(side: PayeeSide, p: Payment, how: 'fulfil' | 'fail'): void {
  const held = p.held!;
  const { tries } = held;
  held.tries = [];
  held.msat = 0;
  held.set++;
  for (const t of tries) {
    const last = t.hops[t.hops.length - 1]!;
    const live = t.channels[t.hops.length - 1]!;
    if (!live.hasHtlc(last.from, p.lock)) continue;
    if (how === 'fail') side.refuse(p, t, 'mpp-timeout', false);
    live.resolveHtlc(last.from, p.lock, how);
  }
}
