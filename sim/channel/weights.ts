/**
 * Weights of a channel's on-chain transactions, in weight units (WU; a block holds 4,000,000),
 * so that a congested mass closure costs block space as on Bitcoin (DEFAULTS.md). Sources:
 * BOLT #3 Appendix A "Expected Weights" (non-anchor channels) and BOLT #5 "Penalty Transactions
 * Weight Calculation". The building blocks, in bytes (×4 for non-witness data, ×1 for witness):
 *
 * - funding input: 41 bytes non-witness (164 WU), 2-of-2 witness 222 bytes; segwit marker and
 *   flag 2 WU;
 * - outputs: P2WSH 43 bytes (172 WU), P2WPKH 31 bytes (124 WU);
 * - transaction frame: version 4 + input count 1 + output count 1 + locktime 4 = 10 bytes.
 *
 * What pcnsim's contract calls stand for:
 * - `cash-rsmc` / `cash-htlc`: a commitment transaction, 724 + 172·n WU for n HTLC outputs
 *   (BOLT #3: 4·(125 + 43·n) + 2 + 222; 125 = frame + funding input + to_local P2WSH + to_remote
 *   P2WPKH).
 * - `htlc-timeout` 663 WU and `htlc-claim` 703 WU: BOLT #3's HTLC-timeout and HTLC-success
 *   second-stage transactions (the model resolves an HTLC output in one transaction; these are
 *   the figures for doing so with a pre-signed transaction, as a node holding its own
 *   commitment must).
 * - `penalty`: BOLT #5's justice transaction: 4·53 + 2 = 214 WU of frame and P2WSH output, plus
 *   324 WU for the `to_local` (bond) input — 538 WU = 134.5 vB, DEFAULTS.md's "≈ 135 vB" — plus,
 *   per pending HTLC output swept, an HTLC penalty input. BOLT #5 gives 407 WU for an offered
 *   and 413 WU for a received (accepted) HTLC; pcnsim counts 413 for each, the larger, as
 *   BOLT #5 does when it bounds how many HTLCs one penalty can sweep (so 483 in each direction
 *   fit in one standard transaction).
 * - `withdraw`: the attacker sweeping its delayed `to_local` output after the freeze: 538 WU,
 *   as a penalty without HTLCs. The delayed path's witness (signature, empty item, script)
 *   differs from the revocation path's (signature, the item 1, script) by one byte at most;
 *   BOLT #3 sizes the latter at 160 bytes counting the one-byte item by its length byte alone,
 *   and the same count gives 160 for the former.
 * - `cooperative-close`: BOLT #3's closing transaction with two P2WPKH outputs:
 *   4·(10 + 41 + 2·31) + 2 + 222 = 676 WU.
 * - `deposit`: a party's deposit is a wallet payment into the channel: DEFAULT_TX_WEIGHT, the
 *   one-input, two-output P2WPKH payment of chain/types.ts (561 WU), as before weights depended
 *   on content, so opening costs are unchanged.
 * - `register-preimage` (Sprites' preimage manager, chain/preimageManager.ts): a one-input
 *   P2WPKH payment with a change output and a 32-byte OP_RETURN output
 *   (8 + 1 + 34 = 43 bytes): 4·(10 + 41 + 31 + 43) + 2 + 107 = 609 WU.
 */
import { DEFAULT_TX_WEIGHT } from '../chain/index.js';

/** BOLT #3 Appendix A: a commitment transaction without HTLC outputs. */
export const COMMITMENT_WU = 724;
/** BOLT #3 Appendix A: each HTLC output of a commitment (a 43-byte P2WSH output). */
export const COMMITMENT_PER_HTLC_WU = 172;
/** BOLT #3 Appendix A: the HTLC-timeout transaction. */
export const HTLC_TIMEOUT_WU = 663;
/** BOLT #3 Appendix A: the HTLC-success transaction. */
export const HTLC_SUCCESS_WU = 703;
/** BOLT #5: a justice transaction's frame and output (4·53 + 2). */
export const PENALTY_BASE_WU = 214;
/** BOLT #5: `to_local_penalty_input_weight`. */
export const TO_LOCAL_PENALTY_INPUT_WU = 324;
/** BOLT #5: `accepted_htlc_penalty_input_weight` (the larger of the two HTLC penalty inputs). */
export const HTLC_PENALTY_INPUT_WU = 413;
/** BOLT #3 closing transaction, two P2WPKH outputs (derived above). */
export const CLOSING_WU = 676;
/** A one-input P2WPKH payment with change and a 32-byte OP_RETURN (derived above). */
export const REGISTER_PREIMAGE_WU = 609;

/** The transaction kinds a live channel submits (sim/agents/liveChannel.ts) and the preimage registration. */
export type ChannelTxKind =
  | 'deposit'
  | 'cash-rsmc'
  | 'cash-htlc'
  | 'penalty'
  | 'withdraw'
  | 'cooperative-close'
  | 'htlc-claim'
  | 'htlc-timeout'
  | 'register-preimage';

export interface WeightContent {
  /** HTLC outputs the transaction carries (`cash-htlc`) or sweeps (`penalty`). */
  readonly htlcs?: number;
}

/** Weight units of a channel transaction of `kind` with the given content (see the header for sources). */
export function weightOf(kind: ChannelTxKind, content: WeightContent = {}): number {
  const htlcs = content.htlcs ?? 0;
  if (!Number.isSafeInteger(htlcs) || htlcs < 0) throw new RangeError(`weightOf: htlcs must be a whole number ≥ 0, got ${htlcs}`);
  switch (kind) {
    case 'deposit':
      return DEFAULT_TX_WEIGHT;
    case 'cash-rsmc':
    case 'cash-htlc':
      return COMMITMENT_WU + COMMITMENT_PER_HTLC_WU * htlcs;
    case 'penalty':
      return PENALTY_BASE_WU + TO_LOCAL_PENALTY_INPUT_WU + HTLC_PENALTY_INPUT_WU * htlcs;
    case 'withdraw':
      return PENALTY_BASE_WU + TO_LOCAL_PENALTY_INPUT_WU;
    case 'cooperative-close':
      return CLOSING_WU;
    case 'htlc-claim':
      return HTLC_SUCCESS_WU;
    case 'htlc-timeout':
      return HTLC_TIMEOUT_WU;
    case 'register-preimage':
      return REGISTER_PREIMAGE_WU;
  }
}
