/**
 * What a run hands the report: its recorded rows and end-of-run figures, filled by the runner
 * (`scenario/run.ts`), and the rows the agents record (`agents/records.ts`). The report reads
 * only these, so `report/` imports neither `scenario/` nor `agents/`.
 */
import type { BlockRecord, DropReason, TxRecord } from '../chain/index.js';
import type { ProtocolErrorCode } from '../errorCodes.js';
import type { PrivacyRecords } from '../privacy/index.js';
import type { LightningSwapEvent, LightningSwapRecord, MalleabilityEvent, PerunEvent, PerunRecord, StateChannelEvent, StateChannelRecord, SwapEvent, SwapRecord } from './crossChainRecords.js';
import type { PaymentResult } from '../reasons.js';
import type { RunStats } from './accumulate.js';

/**
 * What happened on a channel: one ChannelEvent row each, a discriminated union on `kind` so that
 * each kind carries exactly its own fields (a hash lock for an HTLC, the client for a tower…).
 *
 *   open ─► pay / htlc-add ─► htlc-settle ─► cooperative-close
 *     └────► cash ─► (revoked-broadcast) ─► penalty | tower-justice | withdraw ─► (cheat-succeeded)
 *              └──► htlc-claim | htlc-timeout            one-way channels: pay ─► settle | refund
 */
export type ChannelEvent =
  /** Both deposits confirmed deep enough: the channel is usable (`amountMsat`: its capacity). */
  | (EventAt & { readonly kind: 'open'; readonly amountMsat: number })
  /** An off-chain update paying `amountMsat` (RSMC or one-way); `node` is the payer. */
  | (EventAt & { readonly kind: 'pay'; readonly sequence: number; readonly amountMsat: number })
  /** A commitment confirmed: the other party paid, `node`'s `amountMsat` frozen as its bond. */
  | (EventAt & { readonly kind: 'cash'; readonly sequence: number; readonly amountMsat: number; readonly settledAs: 'rsmc' | 'htlc' })
  /** The cashed commitment had been revoked: `node` is cheating. */
  | (EventAt & { readonly kind: 'revoked-broadcast'; readonly sequence: number })
  /** The defender took the bond with the revocation proof; `amountMsat` counts the bond and the pending HTLCs. */
  | (EventAt & { readonly kind: 'penalty'; readonly sequence: number; readonly amountMsat: number; readonly bondMsat: number })
  /** A watchtower (`node`) submitted the penalty for its offline `client`; `amountMsat` is its reward. */
  | (EventAt & { readonly kind: 'tower-justice'; readonly sequence: number; readonly amountMsat: number; readonly client: string })
  /** The casher took its bond after the freeze. */
  | (EventAt & { readonly kind: 'withdraw'; readonly sequence: number; readonly amountMsat: number })
  /** … and the commitment it cashed had been revoked: `amountMsat` is what the cheat gained. */
  | (EventAt & { readonly kind: 'cheat-succeeded'; readonly sequence: number; readonly amountMsat: number })
  | (EventAt & { readonly kind: 'cooperative-close'; readonly sequence: number })
  /** One-way channel: the payee settled state `sequence` (`settle`), or the payer took everything back (`refund`). */
  | (EventAt & { readonly kind: 'settle' | 'refund'; readonly sequence: number; readonly amountMsat: number })
  /** A transaction of kind `txKind` that the chain or the contract refused (e.g. a penalty that arrived too late). */
  | (EventAt & { readonly kind: 'rejected'; readonly txKind: string; readonly code: DropReason })
  /** A scripted action (`do`) the channel or network refused (e.g. a sequence that never existed). */
  | (EventAt & { readonly kind: 'refused-action'; readonly action: string; readonly code: ProtocolErrorCode })
  /** An HTLC offered off-chain by `node` under `hashLock`, expiring at `expiryHeight`. */
  | (EventAt & { readonly kind: 'htlc-add'; readonly sequence: number; readonly amountMsat: number; readonly hashLock: string; readonly expiryHeight: number })
  /** An HTLC resolved off-chain: `fulfilled` by its receiver with R, or `failed` back to its offerer (`node` is who is paid). */
  | (EventAt & { readonly kind: 'htlc-settle'; readonly sequence: number; readonly amountMsat: number; readonly hashLock: string; readonly outcome: 'fulfilled' | 'failed' })
  /** A pending HTLC claimed on chain with its preimage (`htlc-claim`) or refunded to its offerer after its expiry (`htlc-timeout`). */
  | (EventAt & { readonly kind: 'htlc-claim' | 'htlc-timeout'; readonly amountMsat: number; readonly hashLock: string });

/** Where and when an event happened, and who acted (payer, attacker, defender, closer). */
interface EventAt {
  readonly time: number;
  readonly height: number;
  readonly channel: string;
  readonly node: string;
}

export type ChannelEventKind = ChannelEvent['kind'];

/** An event as its channel records it: the recorder stamps the time and, unless given, the height. */
export type ChannelEventInput = EachKind<ChannelEvent, 'time' | 'height' | 'channel'> & { readonly height?: number };

/** Omit applied to each member of a union (plain Omit would merge the kinds into one). */
type EachKind<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The sum an event moved or froze, when it carries one. */
export function amountOf(e: ChannelEvent): number | undefined {
  return 'amountMsat' in e ? e.amountMsat : undefined;
}

/**
 * One row per payment: `status` and `reason` go together (PaymentResult): `succeeded` with '',
 * `failed` with the reason it failed (sim/reasons.ts), `stuck` (the run ended first) with 'stuck'.
 */
export type PaymentRecord = PaymentFields & PaymentResult;

interface PaymentFields {
  readonly time: number;
  readonly from: string;
  readonly to: string;
  readonly amountMsat: number;
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
  /** Every hop's view and the coalitions' inferences, when the scenario has `privacy:` (sim/privacy). */
  readonly privacy?: PrivacyRecords;
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
