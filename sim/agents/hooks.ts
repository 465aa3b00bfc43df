/**
 * What a node does with the HTLCs that reach it, behind one interface (compare sim-ln's
 * `Interceptor`): honest behaviour is the default, and each attacker plugs in here instead of
 * being tested for inside the honest code paths.
 *
 * - honest: forwards when its policy is met, settles at once when paid, and goes on chain with R
 *   `deadline` blocks (plus one to confirm) before an HTLC it cannot settle off-chain expires.
 * - `jammer` (DEFAULTS.md "Jamming"): holds each HTLC paid to it for `holdMs`, then fails it, so
 *   every hop on the route keeps a slot and the amount locked all that time, and — fees being
 *   refunded on failure — the attack costs nothing. It fails at the latest one block before its
 *   peer's deadline (else the peer would go on chain).
 * - `griefer`: withholds R off-chain and claims on chain at the last moment (its commitment goes
 *   out when block expiry − 2 is mined, to confirm in the last valid block), so the forwarder
 *   upstream learns R as late as possible: the HTLC timeout race. With `floodTxs`, its accomplices
 *   then flood the chain with transactions bidding `floodFeeMsat` (Flood & Loot).
 * - `wormhole` (Malavolta et al. 2019): a forwarder that learns R fails its incoming HTLC instead
 *   of claiming it and hands R to its `accomplice` upstream, who claims its own incoming HTLC: the
 *   honest hops between them are failed back and lose their fees to the pair. With point locks
 *   (each hop's lock differs) what it hands over opens nothing upstream.
 */
import { DEFAULT_TX_WEIGHT, type Chain } from '../chain/index.js';
import { invariant } from '../errors.js';
import type { Msat } from '../units.js';

export type ReceivePolicy =
  | { readonly kind: 'jammer'; readonly holdMs: number }
  | { readonly kind: 'griefer'; readonly floodTxs: number; readonly floodFeeMsat: number }
  | { readonly kind: 'wormhole'; readonly accomplice: string };

/** What a forwarder does with R learned from downstream: claim its incoming HTLC, or pass R on out of band. */
export type PreimageDecision = { readonly do: 'claim' } | { readonly do: 'wormhole'; readonly accomplice: string };

/** The payee's answer to an HTLC that reached it. */
export type ReceiveDecision =
  | { readonly do: 'settle' }
  /** Fail it after `ms`, or when block `height` is mined, whichever comes first. */
  | { readonly do: 'hold'; readonly ms: number; readonly height: number }
  /** Keep R to itself; the on-chain deadline (`claimHeight`) does the rest. */
  | { readonly do: 'withhold' };

export interface HtlcHooks {
  /** A node asked to forward: undefined to forward, or the reason it refuses. `policyCheck` is what honesty says. */
  forward(policyCheck: string | undefined): string | undefined;
  /** An HTLC paid to this node arrived. */
  receive(expiryHeight: number, deadlineBlocks: number): ReceiveDecision;
  /** The height at which this node, as receiver knowing R that could not settle off-chain, goes on chain. */
  claimHeight(expiryHeight: number, deadlineBlocks: number): number;
  /** Its claim of an HTLC confirmed on chain. */
  claimed(chain: Chain): void;
  /** It learned R off-chain as a forwarder. */
  learned(): PreimageDecision;
}

export const HONEST: HtlcHooks = {
  forward: (policyCheck) => policyCheck,
  receive: () => ({ do: 'settle' }),
  claimHeight: (expiry, deadline) => expiry - deadline - 1,
  claimed: () => undefined,
  learned: () => ({ do: 'claim' }),
};

export function hooksFor(policy: ReceivePolicy | undefined): HtlcHooks {
  switch (policy?.kind) {
    case undefined:
      return HONEST;
    case 'jammer':
      return { ...HONEST, receive: (expiry, deadline) => ({ do: 'hold', ms: policy.holdMs, height: expiry - deadline - 2 }) };
    case 'griefer':
      return {
        ...HONEST,
        receive: () => ({ do: 'withhold' }),
        claimHeight: (expiry) => expiry - 2,
        claimed: (chain) => flood(chain, policy.floodTxs, policy.floodFeeMsat),
      };
    case 'wormhole':
      return { ...HONEST, learned: () => ({ do: 'wormhole', accomplice: policy.accomplice }) };
  }
}

/** Weight of one flooding transaction: a typical one-input, two-output payment (chain/types.ts). */
const FLOOD_WEIGHT = DEFAULT_TX_WEIGHT;

/** The accomplices' flood: ordinary transactions from outside the network, bidding high. */
export function flood(chain: Chain, count: number, feeMsat: number): void {
  for (let i = 0; i < count; i++) {
    const result = chain.submit({ kind: 'background', feeMsat: feeMsat as Msat, weight: FLOOD_WEIGHT });
    invariant(result.ok, 'flood-refused', 'the chain refused a flooding transaction');
  }
}
