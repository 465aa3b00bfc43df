/**
 * pcnsim's defaults in one place, mirroring ../shared/DEFAULTS.md (protocol limits from the BOLTs,
 * implementation defaults from lnd, Core Lightning, eclair and LDK). Every module reads them from
 * here; a scenario overrides them under `defaults:` or per channel. Transaction weights, which
 * come from BOLT #3/#5 byte counts, live with their derivations in sim/channel/weights.ts (and the
 * plain payment's 561 WU in sim/chain/types.ts, below this layer).
 */

/** BOLT #2 `max_accepted_htlcs`: at most 483 per direction, so one penalty can sweep them all. */
export const MAX_HTLCS = 483;
/** BOLT #2 channel reserve: 1% of the capacity suggested, so a cheater always has something to lose (ppm). */
export const RESERVE_PPM = 10_000;
/** Bitcoin's mean block interval, ms (DEFAULTS.md "Chain and network figures"). */
export const BLOCK_INTERVAL_MS = 600_000;
/** Funding confirmations before a channel is used (Core Lightning 3; lnd 1–6, eclair 8, LDK 6). */
export const CONFIRMATIONS = 3;
/** The fidelity-bond freeze, blocks (`to_self_delay`: Core Lightning and LDK 144). */
export const FREEZE_BLOCKS = 144;
/** A one-way channel's refund lock, blocks (BRIEF §5 ex. 5: 4320 blocks ⇒ at most 4320 states). */
export const ONE_WAY_REFUND_BLOCKS = 4320;
/** lnd's forwarding policy: 1000 msat base fee, 1 ppm, and its pre-2023 delta of 40 blocks. */
export const FEE_BASE_MSAT = 1000;
export const FEE_PPM = 1;
export const CLTV_DELTA = 40;
/** BOLT #2 / Core Lightning `min_final_cltv_expiry`: the payee's lock, blocks. */
export const FINAL_CLTV_DELTA = 18;
/** One peer message, ms (≈100 ms per hop in CLoTH and lnsim); an update is a round trip. */
export const MESSAGE_LATENCY_MS = 100;
/** Blocks before expiry at which a holder whose peer is silent goes on chain. */
export const DEADLINE_BLOCKS = 6;
/** Routes a payer tries before giving up. */
export const MAX_ATTEMPTS = 3;
/** CLoTH's payment timeout: an attempt still setting up after this long is abandoned, ms. */
export const PAYMENT_TIMEOUT_MS = 60_000;
/** lnd's smallest MPP shard (routing's `DefaultShardMinAmt`, 10,000 sat): it splits no further. */
export const MPP_MIN_SHARD_MSAT = 10_000_000;
/** lnd's default maximum number of parts of one payment (routerrpc `DefaultMaxParts`, 16). */
export const MPP_MAX_PARTS = 16;
/** BOLT #4: the payee waits at least 60 s after the first part of a set before failing it. */
export const MPP_TIMEOUT_MS = 60_000;
/** How long a policy change takes to reach payers (gossip), ms. */
export const GOSSIP_DELAY_MS = 600_000;
/** How long a jammer holds each HTLC by default, ms. */
export const JAMMER_HOLD_MS = 600_000;
