/**
 * The shared preimage manager of Sprites (Miller, Bentov, Bakshi, Kumaresan, McCorry: "Sprites
 * and State Channels: Payment Networks that Go Faster than Lightning", §4): one on-chain
 * registry where anyone may publish a preimage R. It records the height of the block in which
 * the hash lock H = SHA-256(R) was **first** registered; a later registration of the same R
 * confirms (it paid for its block space) but changes nothing. A Sprites-style HTLC then asks
 * "was R registered before my time lock?" instead of "was R shown to me before it?", so one
 * registration in time settles every hop of a path (channel/htlcRules.ts).
 *
 * It is a built-in contract of the chain, under an id no scenario name can take (scenario ids
 * start with a letter or digit). A registration is an ordinary transaction calling it —
 * `{ contractId: PREIMAGE_MANAGER, method: 'register', args: { method: 'register', preimage } }` —
 * so it bids a fee and competes for block space like any other; the chain answers
 * `Chain.watchPreimage` when it confirms, and passes `registeredAt` to every contract call so
 * channel contracts can read the registry without touching the chain.
 */
import { hashLock } from '../crypto/index.js';
import type { Height } from '../units.js';
import type { ContractCall, ContractContext, ContractHost, ContractResult } from './types.js';

export const PREIMAGE_MANAGER = '#preimage-manager';

export interface PreimageRegistration {
  readonly height: Height;
  readonly preimage: Uint8Array;
}

/** The call that registers `preimage` (a transaction's `call`). */
export function registerPreimageCall(preimage: Uint8Array): ContractCall {
  return { contractId: PREIMAGE_MANAGER, method: 'register', args: { method: 'register', preimage } };
}

export class PreimageManager implements ContractHost {
  private readonly registry = new Map<string, PreimageRegistration>();
  /** Locks first registered in the block being built, in order, for the watches. */
  private fresh: [string, Uint8Array][] = [];

  registration(lock: string): PreimageRegistration | undefined {
    return this.registry.get(lock);
  }

  execute(call: ContractCall, ctx: ContractContext): ContractResult {
    const preimage = (call.args as { preimage?: unknown } | undefined)?.preimage;
    if (call.method !== 'register') return { ok: false, code: 'unknown-method', reason: `preimage manager: no method ${call.method}; use 'register'` };
    if (!(preimage instanceof Uint8Array) || preimage.length !== 32) return { ok: false, code: 'bad-preimage', reason: 'preimage manager: register needs a 32-byte preimage' };
    if (ctx.valueInMsat !== 0 || ctx.contractFeeMsat !== 0) return { ok: false, code: 'unexpected-value', reason: 'preimage manager: a registration moves no money' };
    const lock = hashLock(preimage);
    if (!this.registry.has(lock)) {
      const copy = Uint8Array.from(preimage);
      this.registry.set(lock, Object.freeze({ height: ctx.height, preimage: copy }));
      this.fresh.push([lock, copy]);
    }
    return { ok: true, payouts: [] };
  }

  /** The locks first registered since the last call (the chain asks once per block). */
  takeFresh(): [string, Uint8Array][] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }
}
