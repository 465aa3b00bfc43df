/**
 * How a payee treats the HTLCs that reach it. An honest payee settles at once. Two attackers
 * receive instead of paying (STYLE: the attack is the receiving end; the sender is an ordinary
 * payer that colludes with it):
 *
 * - `jammer` (DEFAULTS.md "Jamming"): holds each HTLC for `holdMs`, then fails it, so every hop
 *   on the route keeps a slot and the amount locked all that time, and — fees being refunded on
 *   failure — the attack costs nothing. Many tiny HTLCs jam slots; few large ones jam liquidity.
 *   It fails at the latest a few blocks before the lock expires (else its peer would go on chain).
 * - `griefer`: withholds the preimage off-chain and claims on chain at the last moment (its
 *   commitment goes out when the block before the lock's last valid block is mined), so the
 *   forwarder upstream learns R as late as possible: the HTLC timeout race of DEFAULTS.md. With
 *   `floodTxs`, its accomplices then flood the chain with transactions bidding `floodFeeMsat`
 *   (Flood & Loot), so the forwarder's own claim waits behind them.
 */
import { DEFAULT_TX_WEIGHT, type Chain } from '../chain/index.js';
import { invariant } from '../errors.js';
import type { Msat } from '../units.js';

export type ReceivePolicy =
  | { readonly kind: 'jammer'; readonly holdMs: number }
  | { readonly kind: 'griefer'; readonly floodTxs: number; readonly floodFeeMsat: number };

/** Weight of one flooding transaction: a typical one-input, two-output payment (chain/types.ts). */
const FLOOD_WEIGHT = DEFAULT_TX_WEIGHT;

/** The accomplices' flood: ordinary transactions from outside the network, bidding high. */
export function flood(chain: Chain, count: number, feeMsat: number): void {
  for (let i = 0; i < count; i++) {
    const result = chain.submit({ kind: 'background', feeMsat: feeMsat as Msat, weight: FLOOD_WEIGHT });
    invariant(result.ok, 'flood-refused', 'the chain refused a flooding transaction');
  }
}
