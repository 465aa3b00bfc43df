/**
 * A routed payment as MultiHop keeps it: the options, the tries (a single-path payment's
 * attempts, or a multi-part payment's parts) and the outcome it reports.
 */
import type { OnionFormat, Packet, ReadPayload, Sealed } from '../onion/index.js';
import type { Hop, HtlcStyle, MissionControlOptions, Weight } from '../router/index.js';
import type { Msat } from '../units.js';
import type { MultiPartState, PaymentState } from './attempt.js';
import type { LiveChannel } from './liveChannel.js';
import { failureReason, type FailureReason } from '../reasons.js';
import { DEADLINE_BLOCKS, FINAL_CLTV_DELTA, GOSSIP_DELAY_MS, MAX_ATTEMPTS, MESSAGE_LATENCY_MS, PAYMENT_TIMEOUT_MS } from '../defaults.js';

export interface MultiHopOptions {
  /** One-way latency of a peer message, ms. */
  readonly messageLatencyMs: number;
  readonly finalCltvDelta: number;
  /** Routes tried per payment. */
  readonly maxAttempts: number;
  /** Blocks before an HTLC's expiry at which its holder goes on chain if the peer is silent. */
  readonly deadlineBlocks: number;
  readonly style: HtlcStyle;
  readonly weight?: Weight;
  /** The largest fee a payer accepts for an amount (none: any fee). */
  readonly maxFee?: (amountMsat: number) => number;
  /** A payer abandons an attempt whose HTLCs have not reached the payee after this long, ms. */
  readonly timeoutMs: number;
  /** How long a policy change takes to reach payers' view of the graph, ms. */
  readonly gossipDelayMs: number;
  /** Payers remember what failed and what went through (lnd's mission control); absent: they only avoid the failed channel. */
  readonly missionControl?: MissionControlOptions;
  /** Onions as real Sphinx bytes (`full`) or the same information without them (`lazy`, default). */
  readonly crypto?: 'full' | 'lazy';
  readonly onionFormat?: OnionFormat;
  /** Multi-part payments (lnd's splitting); absent: every payment takes one path. */
  readonly mpp?: MppOptions;
  /**
   * `hash` (default): one hash lock on every hop, so R opens them all. `point` (PTLCs): each hop's
   * lock differs; a node opens its incoming lock from its outgoing secret and its own blinding
   * factor. pcnsim models what follows without adaptor signatures: a secret helps only the node
   * that learned it, so a wormhole's accomplice gets nothing it can use.
   */
  readonly locks?: 'hash' | 'point';
  /** The privacy report's recording point (sim/privacy): node `index` of try `t` (1: the first hop's receiver) read `payload` from its onion. */
  readonly observe?: (p: Payment, t: Try, index: number, payload: ReadPayload) => void;
}

export interface MppOptions {
  /** No shard is smaller than this, msat (lnd: 10,000 sat). */
  readonly minShardMsat: number;
  /** Parts in flight at once (lnd: 16). */
  readonly maxParts: number;
  /** The payee fails a set whose parts have not all arrived this long after the first, ms (BOLT #4: 60 s). */
  readonly timeoutMs: number;
}

export const DEFAULT_MULTIHOP: MultiHopOptions = {
  messageLatencyMs: MESSAGE_LATENCY_MS,
  finalCltvDelta: FINAL_CLTV_DELTA,
  maxAttempts: MAX_ATTEMPTS,
  deadlineBlocks: DEADLINE_BLOCKS,
  style: 'lightning',
  timeoutMs: PAYMENT_TIMEOUT_MS,
  gossipDelayMs: GOSSIP_DELAY_MS,
};

export interface PaymentOutcome {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly amountMsat: number;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly status: 'succeeded' | 'failed' | 'stuck';
  readonly reason: FailureReason | '';
  /** The payer learned R (it may differ from the status when a hop went silent). */
  readonly payerKnowsR: boolean;
  readonly hops: number;
  readonly feeMsat: number;
  readonly attempts: number;
  /** Nodes of the route taken, `a>b>c`. */
  readonly route: string;
  readonly firstChannel: string;
  /** Parts that carried it (their paths are `route`'s, `;`-separated). */
  readonly parts: number;
}

export interface Payment {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly amountMsat: Msat;
  readonly lock: string;
  readonly secret: string;
  /** How it splits (undefined: one path at a time). */
  readonly mpp: MppOptions | undefined;
  /** A probe: nobody knows its preimage; told how it ended. */
  readonly probed: ((outcome: PaymentOutcome) => void) | undefined;
  readonly startedAt: number;
  /** The channels a refusal excluded (made at the first: most payments never see one). */
  excluded: Set<string> | undefined;
  /** Multi-part: the smallest shard each channel refused (0: it refuses any, for its policy). */
  failedFrom: Map<string, number> | undefined;
  /** Every route tried, in order: a single-path payment's attempts (the last is the current one), or a multi-part payment's parts. */
  readonly tries: Try[];
  state: PaymentState | MultiPartState;
  /** The channel the last attempt was refused at (undefined for a timeout or before any attempt). */
  failedChannel?: string | undefined;
  /** Multi-part: the parts the payee holds (`set` numbers the sets, so a stale timeout does nothing); undefined for a single-path payment. */
  readonly held: { tries: Try[]; msat: number; set: number } | undefined;
}

/** One route tried: an attempt of a single-path payment, or one part of a multi-part payment. */
export interface Try {
  readonly hops: readonly Hop[];
  /** Each hop's live RSMC channel, looked up once when routed (a 31,000-entry Map costs a cache miss per look-up). */
  readonly channels: readonly (LiveChannel | undefined)[];
  readonly amountMsat: number;
  readonly startedAt: number;
  /** The onion as the payer keeps it, and the packet each hop's receiver got. */
  sealed?: Sealed;
  packets: Packet[];
  /** Hops whose HTLC this try offered and that are not resolved yet. */
  readonly open: Set<number>;
  /** What the failure that ended it said (multi-part: told to the payment with its payer HTLC). */
  reason: string;
  retry: boolean;
  /** Its payee HTLC, and its payer HTLC, have been told to the payment; `paid`: the payee took it. */
  payeeDone: boolean;
  payerDone: boolean;
  paid: boolean;
}

/** What the report says of a payment that ended: a multi-part one lists the parts that paid the payee (stuck: also those still out). */
export function outcomeOf(p: Payment, status: 'succeeded' | 'failed' | 'stuck', reason: string, payerKnowsR: boolean, now: number): PaymentOutcome {
  const parts = status === 'failed' ? [] : p.mpp ? p.tries.filter((t) => t.paid || (status === 'stuck' && !t.payerDone)) : p.tries.slice(-1);
  const first = parts[0]?.hops;
  return {
    id: p.id,
    from: p.from,
    to: p.to,
    amountMsat: p.amountMsat,
    startedAt: p.startedAt,
    endedAt: now,
    status,
    reason: status === 'succeeded' ? '' : failureReason(reason),
    payerKnowsR,
    hops: parts.reduce((most, t) => Math.max(most, t.hops.length), 0),
    feeMsat: parts.reduce((sum, t) => sum + t.hops[0]!.amountMsat - t.amountMsat, 0),
    attempts: p.tries.length,
    route: parts.map(routeText).join(';'),
    // A failed payment names the channel its last attempt was refused at (reports charge it the failure).
    firstChannel: first?.[0]?.channelId ?? (status === 'failed' ? p.failedChannel : undefined) ?? '',
    parts: parts.length,
  };
}

/** A try's route as the report writes it, `payer>node>…>payee` (built in one pass: one per payment). */
function routeText(t: Try): string {
  let text = t.hops[0]!.from;
  for (const h of t.hops) text += '>' + h.to;
  return text;
}
