/**
 * The simulated chain's vocabulary. Money lives in two places on the chain:
 * - **outputs** (UTXO-style), each owned by one party (a node id or any owner string), optionally
 *   with a relative time lock (spendable only `relativeLockBlocks` after its transaction confirmed);
 * - **contract accounts** (the virtual-bank contract of BRIEF §2 and friends), whose rules live
 *   outside the chain in a `ContractHost` that the chain calls when it includes a call.
 *
 * A transaction spends outputs, creates outputs, may call one contract, and pays a fee:
 *   sum(inputs) = sum(outputs) + fee + value sent into the called contract.
 * A transaction with no inputs is **background traffic** standing for the rest of the world: it
 * takes block space and bids a fee but moves no simulated money (its fee is not counted as supply).
 *
 * Conservation (checked after every block): supply = unspent outputs + contract balances + fees
 * collected from value-moving transactions.
 */
import type { Blocks, Height, Msat, TxId, UnixSeconds } from '../units.js';

export interface OutPoint {
  readonly txId: TxId;
  readonly index: number;
}

export interface OutputSpec {
  /** Who may spend it: a node id, or any owner label (e.g. a contract id for bookkeeping). */
  readonly owner: string;
  readonly amountMsat: Msat;
  /** Spendable only once this many blocks have passed since the creating transaction confirmed (CSV). */
  readonly relativeLockBlocks?: Blocks;
}

/** An absolute time lock (nLockTime): by height, or by block timestamp in seconds. */
export type AbsoluteLock = { readonly height: Height } | { readonly timestamp: UnixSeconds };

/** A call into a contract account, carried out by its ContractHost when the transaction is included. */
export interface ContractCall {
  readonly contractId: string;
  readonly method: string;
  readonly args: unknown;
}

export interface TxSpec {
  /** Label for reports and filters: 'background', 'deposit', 'cash-rsmc', 'penalty', … */
  readonly kind: string;
  /** Who submitted it (for reports and miner policies). */
  readonly sender?: string;
  readonly inputs?: readonly OutPoint[];
  readonly outputs?: readonly OutputSpec[];
  readonly feeMsat: Msat;
  /**
   * More fee, paid by the called contract out of the money it holds rather than by the inputs
   * (a justice transaction whose fee comes out of what it sweeps: an altruist watchtower's wallet
   * pays nothing). Needs `call`; the contract must accept paying it, or the call is rejected.
   * The miner sees one fee: `feeMsat + contractFeeMsat`, which orders the mempool.
   */
  readonly contractFeeMsat?: Msat;
  /** Weight units (sim/channel/weights.ts for channel transactions); default DEFAULT_TX_WEIGHT. */
  readonly weight?: number;
  /** Not valid in a block before this height / timestamp. */
  readonly lockTime?: AbsoluteLock;
  readonly call?: ContractCall;
  /** Public data the transaction reveals when confirmed (e.g. an HTLC preimage). */
  readonly data?: unknown;
}

export interface Tx extends TxSpec {
  readonly id: TxId;
  /**
   * Simulated ms at which it was submitted. It entered the mempool then, or later if its absolute
   * lock kept it out of the next block (timelocked.ts; `TxRecord.validAt` says when).
   */
  readonly submittedAt: number;
  readonly weight: number;
}

export interface Block {
  readonly height: Height;
  /** Block timestamp, seconds (startTimestamp + simulated seconds). */
  readonly timestamp: UnixSeconds;
  /** Simulated ms at which it was mined. */
  readonly time: number;
  readonly txIds: readonly TxId[];
  readonly weight: number;
  /** True when mined by a censoring miner (see MinerPolicy). */
  readonly censoring: boolean;
}

export interface ContractContext {
  readonly height: Height;
  readonly timestamp: UnixSeconds;
  readonly tx: Tx;
  /** Value the transaction sends into the contract (inputs − outputs − fee). */
  readonly valueInMsat: Msat;
  /** The contract's balance before this call. */
  readonly balanceMsat: Msat;
  /** Fee the transaction asks the contract to pay from its balance (`TxSpec.contractFeeMsat`, 0 if none). */
  readonly contractFeeMsat: Msat;
  /** Height of the block that first registered the preimage of `lock` with the preimage manager, if one did (preimageManager.ts). */
  readonly registeredAt: (lock: string) => Height | undefined;
}

export type ContractResult =
  | { readonly ok: true; readonly payouts: readonly OutputSpec[] }
  | { readonly ok: false; readonly code: string; readonly reason: string };

/**
 * The rules of one kind of contract. `execute` is called only when the chain is including the
 * transaction (block space found, inputs and locks valid). On success the host commits its own
 * new state and returns the outputs to pay from the contract's balance, and it has agreed to pay
 * `ctx.contractFeeMsat` from that balance too; on failure it must leave its state unchanged, and
 * the chain drops the transaction as rejected.
 */
export interface ContractHost {
  execute(call: ContractCall, ctx: ContractContext): ContractResult;
}

/** A share of hash power that refuses to include the transactions `excludes` selects. */
export interface MinerPolicy {
  /** Probability that a given block is mined by the censoring miners, in [0, 1]. */
  readonly share: number;
  readonly excludes: (tx: Tx) => boolean;
}

export interface ChainConfig {
  /** Mean block interval, ms. */
  readonly blockIntervalMs: number;
  /** Exact spacing when true; exponential (seeded) when false. */
  readonly fixedInterval: boolean;
  /** At most this many transactions per block (undefined: no count limit). */
  readonly blockTxLimit?: number;
  /** At most this much weight per block (undefined: no weight limit). */
  readonly blockWeightLimit?: number;
  readonly startHeight: number;
  /** Timestamp of the block at startHeight, seconds. */
  readonly startTimestamp: number;
  /**
   * Pre-segwit mode when false (issue 20, malleability.ts): a transaction's id covers its
   * signatures, so a relayer or miner may re-encode one (s → n − s) and the transaction confirms
   * under another id. Default true: segregated witness, ids fixed (and BIP 146 low-s as today).
   */
  readonly segwit?: boolean;
  /** Without segwit: the probability that a signed spend is re-encoded before inclusion (default 0). */
  readonly malleateShare?: number;
}

/**
 * Weight of a transaction that does not say (the one home of this figure): a P2WPKH payment
 * with one input and two outputs (pay + change), 4·(4 version + 1 + 41 input + 1 + 2·31 outputs
 * + 4 locktime) = 452 WU of non-witness data, 2 WU of segwit marker and flag, and a 107-byte
 * witness (item count, 71-byte signature with sighash, 33-byte key, two lengths) = 561 WU.
 * Channel transactions have their own weights in sim/channel/weights.ts.
 */
export const DEFAULT_TX_WEIGHT = 561;

/** Where a transaction confirmed (see `Chain.confirmation`). */
export interface Confirmation {
  readonly height: Height;
  readonly block: Block;
}

/** Why a transaction left the mempool without confirming. */
export type DropReason = 'conflict' | 'contract-rejected' | 'missing-input';

/** One row per transaction, for reports (summaries are computed from these rows). */
/**
 * One transaction's row, a union on `status`: the chain replaces the row at each step, so each
 * status carries exactly the stamps it has.
 *
 *   waiting (absolute lock not open yet) ─► pending (in the mempool) ─► confirmed
 *      └──────────────────────────────────────────┴──────────────────► dropped
 */
export type TxRecord =
  /** Time-locked: out of the mempool until the next block could include it (timelocked.ts). */
  | (TxSubmitted & { readonly status: 'waiting' })
  /** In the mempool since `validAt`. */
  | (TxSubmitted & { readonly status: 'pending'; readonly validAt: number })
  | (TxSubmitted & { readonly status: 'confirmed'; readonly validAt: number; readonly confirmedHeight: Height; readonly confirmedAt: number })
  /** Dropped (`validAt` unset for one dropped before its lock opened). */
  | (TxSubmitted & { readonly status: 'dropped'; readonly validAt?: number; readonly dropped: DropReason; readonly droppedAt: number });

/** What a transaction's row says from its submission on. */
export interface TxSubmitted {
  readonly id: TxId;
  readonly kind: string;
  /** The whole fee the miner collects: the inputs' part plus the contract's part. */
  readonly feeMsat: Msat;
  /** The part of `feeMsat` the called contract paid from its funds (only when there is one). */
  readonly contractFeeMsat?: Msat;
  readonly weight: number;
  readonly submittedAt: number;
  /** Who broadcast it (channel transactions). */
  readonly sender?: string;
}

/** One row per block, for reports. */
export interface BlockRecord {
  readonly height: Height;
  readonly time: number;
  readonly timestamp: UnixSeconds;
  readonly txCount: number;
  readonly weight: number;
  /** Mempool size right after this block was mined. */
  readonly mempoolAfter: number;
  readonly censoring: boolean;
}
