/**
 * What a run hands the report: its recorded rows and end-of-run figures, filled by the runner
 * (`scenario/run.ts`). The report reads only these, so `report/` never imports `scenario/`.
 */
import type { PaymentRecord } from '../agents/network.js';
import type { ChannelEvent } from '../agents/records.js';
import type { BlockRecord, TxRecord } from '../chain/types.js';
import type { MalleabilityEvent } from '../malleability/stories.js';
import type { SwapEvent, SwapRecord } from '../swap/spec.js';
import type { RunStats } from './accumulate.js';

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
}

/** A scenario's `expect` block, resolved: what `unmetExpectations` compares the report with. */
export interface ExpectSpec {
  readonly balances: Readonly<Record<string, number>>;
  /** Dotted report paths → expected values. */
  readonly values: Readonly<Record<string, number | boolean>>;
}
