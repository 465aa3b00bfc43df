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
 *   forwarder upstream learns R as late as possible: the HTLC timeout race of DEFAULTS.md.
 */
export type ReceivePolicy = { readonly kind: 'jammer'; readonly holdMs: number } | { readonly kind: 'griefer' };
