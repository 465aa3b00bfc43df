/**
 * What a network is made of, as the scenario resolves it: channels, payments, actions, agents;
 * and the row a payment leaves for reports. Plain data; `Network` brings it to life.
 */
import type { ContractRules, CryptoMode, Freeze, Pair } from '../channel/index.js';
import type { Policy } from '../router/index.js';
import type { PaymentRecord } from '../report/index.js';
import type { Msat, Sequence } from '../units.js';
import type { CheaterSpec } from './cheater.js';
import type { MinerSpec } from './miner.js';
import type { MultiHopOptions } from './multihop.js';
import type { ReceivePolicy } from './hooks.js';
import type { WatchtowerSpec } from './watchtower.js';

export type { PaymentRecord };

export type ChannelKind = ContractRules | 'one-way';

export interface ChannelSpec {
  readonly id: string;
  readonly between: readonly [string, string];
  readonly deposit: Pair;
  readonly kind: ChannelKind;
  /** Virtual bank: the fidelity-bond freeze. Asymmetric: the relative lock (blocks). */
  readonly freeze: Freeze;
  /** One-way: the refund lock in blocks (the state limit). */
  readonly refundBlocks?: number;
  readonly confirmations: number;
  /** Fee bid on each of this channel's transactions (paid from the submitter's wallet). */
  readonly txFeeMsat?: number;
  /** Forwarding policy of both ends (multi-hop payments). */
  readonly policy?: Policy;
  /** Per-direction policies (an imported snapshot's), overriding `policy`; undefined: cannot forward. */
  readonly policies?: readonly [Policy | undefined, Policy | undefined];
  /** HTLCs in flight per direction (BOLT #2: at most 483). */
  readonly maxHtlcs?: number;
  /** Reserve each side keeps, parts per million of the capacity (10 000 = 1%), unless a direction sets an amount. */
  readonly reservePpm?: number;
  /**
   * Per-direction HTLC limits, overriding `maxHtlcs`: [0] for HTLCs between[0] offers to
   * between[1], [1] for the reverse (an imported file's, e.g. sim-ln's max_htlc_count per side).
   */
  readonly directions?: readonly [DirectionLimits, DirectionLimits];
  /** genesis: the deposits confirm in a genesis block at t = 0; chain (default): they wait for confirmations. */
  readonly funding?: 'genesis' | 'chain';
}

/** What one direction of a channel accepts (BOLT #2 limits; undefined: no limit of its own). */
export interface DirectionLimits {
  readonly maxHtlcs?: number;
  readonly maxHtlcMsat?: number;
  readonly minHtlcMsat?: number;
  readonly maxInFlightMsat?: number;
  readonly reserveMsat?: number;
}

export interface PaymentSpec {
  readonly atMs: number;
  readonly from: string;
  readonly to: string;
  readonly amountMsat: Msat;
}

export type ActionSpec =
  | { readonly atMs: number; readonly node: string; readonly do: 'broadcast'; readonly channel: string; readonly sequence?: Sequence }
  | { readonly atMs: number; readonly node: string; readonly do: 'close'; readonly channel: string }
  | { readonly atMs: number; readonly node: string; readonly do: 'offline'; readonly forMs: number }
  | { readonly atMs: number; readonly node: string; readonly do: 'online' }
  /** The node stops signing channel updates for `forMs` (its peers must go on chain) but still acts on chain. */
  | { readonly atMs: number; readonly node: string; readonly do: 'unresponsive'; readonly forMs: number }
  /** The node fails for good: it goes silent, and each peer closes its channel with it unilaterally. */
  | { readonly atMs: number; readonly node: string; readonly do: 'fail' }
  | { readonly atMs: number; readonly node: string; readonly do: 'open'; readonly channel: ChannelSpec }
  | { readonly atMs: number; readonly node: string; readonly do: 'pay'; readonly to: string; readonly amountMsat: Msat }
  | { readonly atMs: number; readonly node: string; readonly do: 'set-policy'; readonly channel: string; readonly policy: Partial<Policy> }
  /** The node finds how much `channel`'s other party can send to `to`, within `precisionMsat`, by probing (prober.ts). */
  | { readonly atMs: number; readonly node: string; readonly do: 'probe'; readonly channel: string; readonly to: string; readonly precisionMsat: Msat };

export interface NetworkSpec {
  readonly seed: number;
  readonly nodes: readonly string[];
  readonly channels: readonly ChannelSpec[];
  readonly payments: readonly PaymentSpec[];
  readonly actions: readonly ActionSpec[];
  readonly crypto: CryptoMode;
  /** Extra on-chain money per node at genesis, beyond its deposits. */
  readonly walletMsat?: Readonly<Record<string, number>>;
  readonly multiHop?: MultiHopOptions;
  /** Per-block online probability of some nodes (the others are online but for offline actions). */
  readonly onlineProbability?: Readonly<Record<string, number>>;
  /** Blocks by which some eclipsed nodes see the chain late (chainView.ts); the others see it at once. */
  readonly chainDelay?: Readonly<Record<string, number>>;
  /** Block interval, ms: the unit of per-block availability. */
  readonly blockIntervalMs?: number;
  /** Nodes that cheat, and how (see cheater.ts). */
  readonly cheaters?: readonly CheaterSpec[];
  /** Watchtowers and the clients each one watches. */
  readonly watchtowers?: readonly WatchtowerSpec[];
  /** Payees that attack instead of settling (jammers, griefers). */
  readonly receivers?: Readonly<Record<string, ReceivePolicy>>;
  /** Colluding miners that censor chosen transactions. */
  readonly miners?: readonly MinerSpec[];
  /**
   * Who keeps revoked copies: every party (default, so tests can have anyone cheat), or only
   * the parties that may cheat (a cheater strategy, a scripted broadcast of an old sequence);
   * honest parties then keep just the newest sheet, as real nodes do (`pcnsim run`).
   */
  readonly revokedCopies?: 'all' | 'cheaters';
}
