/**
 * What a run hands the report: its recorded rows and end-of-run figures, filled by the runner
 * (`scenario/run.ts`), and the rows the agents record (`agents/records.ts`). The report reads
 * only these, so `report/` imports neither `scenario/` nor `agents/`.
 */
import type { LightningSwapEvent, LightningSwapRecord } from '../swap/lightningSpec.js';
import type { BlockRecord, TxRecord } from '../chain/types.js';
import type { MalleabilityEvent } from '../malleability/stories.js';
import type { FailureReason } from '../reasons.js';
import type { SwapEvent, SwapRecord } from '../swap/spec.js';
import type { StateChannelEvent, StateChannelRecord } from '../statechannel/story.js';
import type { PerunEvent, PerunRecord } from '../virtual/spec.js';
import type { RunStats } from './accumulate.js';

/** What happened on a channel: one ChannelEvent row each. */
export type ChannelEventKind =
  | 'open' // both deposits confirmed deep enough: the channel is usable
  | 'pay' // an off-chain RSMC update
  | 'pay-failed'
  | 'cash' // a commitment confirmed: defender paid, attacker's bond frozen
  | 'revoked-broadcast' // the cashed commitment had been revoked (cheating)
  | 'penalty' // the defender took the bond with the revocation proof
  | 'tower-justice' // a watchtower submitted the penalty for its offline client
  | 'withdraw' // the attacker took its bond after the freeze
  | 'cheat-succeeded' // … and the commitment it cashed had been revoked
  | 'cooperative-close'
  | 'settle' // one-way channel: the payee settled the newest state
  | 'refund' // one-way channel: the payer took everything back after the refund lock
  | 'rejected' // a transaction the contract refused (e.g. a penalty that arrived too late)
  | 'refused-action' // a scripted action the channel or network refused (e.g. a sequence that never existed)
  | 'htlc-add' // an HTLC offered off-chain (amount locked)
  | 'htlc-settle' // an HTLC fulfilled or failed off-chain (amount unlocked)
  | 'htlc-claim' // a pending HTLC claimed on chain with its preimage
  | 'htlc-timeout'; // a pending HTLC refunded to its offerer on chain after its expiry

export interface ChannelEvent {
  readonly time: number;
  readonly height: number;
  readonly channel: string;
  readonly kind: ChannelEventKind;
  /** The acting node (payer, attacker, defender, closer). */
  readonly node: string;
  readonly sequence?: number;
  readonly amountMsat?: number;
  /** For a penalty: the part of `amountMsat` that was the attacker's bond (the rest: pending HTLCs). */
  readonly bondMsat?: number;
  readonly detail?: string;
  /** For an HTLC: the height at which it expires. */
  readonly expiryHeight?: number;
}

/** One row per payment attempt. */
export interface PaymentRecord {
  readonly time: number;
  readonly from: string;
  readonly to: string;
  readonly amountMsat: number;
  /** `succeeded` only when the payee was paid; `stuck` when the run ended before the payment resolved. */
  readonly status: 'succeeded' | 'failed' | 'stuck';
  /** Why it failed (sim/reasons.ts); '' when it succeeded. */
  readonly reason: FailureReason | '';
  /** The payer learned R (its view, which may differ from the status when a hop went silent). */
  readonly payerKnowsR: boolean;
  readonly channel: string;
  readonly hops: number;
  readonly feeMsat: number;
  /** From the start of the payment to the payer learning R (or giving up), ms. */
  readonly latencyMs: number;
  readonly attempts: number;
  /** Nodes of the path taken, `a>b>c`; a multi-part payment's paths, `;`-separated. */
  readonly route: string;
  /** Parts that carried it: 1 for a single path, 0 when it failed. */
  readonly parts: number;
}

/** Everything a report is computed from. */
export interface RunRecords {
  readonly scenario: string;
  readonly description: string;
  readonly seed: number;
  readonly simulatedMs: number;
  readonly events: number;
  readonly startHeight: number;
  readonly chain: {
    readonly txs: readonly TxRecord[];
    readonly blocks: readonly BlockRecord[];
    readonly peakMempool: number;
    readonly invariantChecks: number;
  };
  /** The end-of-run accounting: what the nodes held at the start, hold at the end, and paid miners. */
  readonly accounting: { readonly startMsat: number; readonly endMsat: number; readonly feesMsat: number };
  readonly channels: readonly { readonly id: string; readonly capacityMsat: number }[];
  /** Empty when the run did not keep its rows (`keepRows: false`). */
  readonly payments: readonly PaymentRecord[];
  readonly channelEvents: readonly ChannelEvent[];
  /** The report's figures, accumulated from every row whether kept or not. */
  readonly stats: RunStats;
  readonly balances: Readonly<Record<string, { readonly startMsat: number; readonly endMsat: number }>>;
  /** Readable names of imported nodes (lnd and sim-ln aliases), by node id. */
  readonly aliases: Readonly<Record<string, string>>;
  /** Balances of up to SAMPLED_NODES nodes after every block, for charts. */
  readonly balanceSeries: { readonly nodes: readonly string[]; readonly samples: readonly { readonly time: number; readonly values: readonly number[] }[] };
  /** Every chain and the swaps between them, when the scenario has `chains:` or `swaps:` (crossChainRun.ts). */
  readonly crossChain?: CrossChainRecords;
}

/** One chain's rows and figures in a run with several chains. */
export interface ChainRun {
  readonly blockIntervalMs: number;
  readonly txs: readonly TxRecord[];
  readonly blocks: readonly BlockRecord[];
  readonly peakMempool: number;
  readonly invariantChecks: number;
  readonly feesMsat: number;
  /** What each node with a wallet on this chain held at the start and at the end (extra chains only). */
  readonly wallets: Readonly<Record<string, { readonly startMsat: number; readonly endMsat: number }>>;
}

/** Every chain and the swaps between them (`scenario/crossChainRun.ts`). */
export interface CrossChainRecords {
  /** Every chain by name, the default one first. */
  readonly chains: Readonly<Record<string, ChainRun>>;
  readonly swaps: readonly SwapRecord[];
  readonly swapEvents: readonly SwapEvent[];
  /** What the malleability stories' parties did, in order. */
  readonly malleabilityEvents: readonly MalleabilityEvent[];
  readonly stateChannels: readonly StateChannelRecord[];
  readonly stateChannelEvents: readonly StateChannelEvent[];
  readonly virtualChannels: readonly PerunRecord[];
  readonly virtualChannelEvents: readonly PerunEvent[];
  /** Swaps routed over Lightning channels on two chains, and their steps. */
  readonly lightningSwaps: readonly LightningSwapRecord[];
  readonly lightningSwapEvents: readonly LightningSwapEvent[];
}

/** A scenario's `expect` block, resolved: what `unmetExpectations` compares the report with. */
export interface ExpectSpec {
  readonly balances: Readonly<Record<string, number>>;
  /** Dotted report paths → expected values. */
  readonly values: Readonly<Record<string, number | boolean>>;
}
