/**
 * The scenario file schema (INTERFACE.md), one section per concept. Strict objects: unknown keys
 * are errors (the loader adds a "did you mean" hint). This is the shape users write; `resolve.ts`
 * turns it into the simulation's own types.
 */
import { z } from 'zod';
import { amount, blockCount, duration, feeLimit, filePath, nodeName, nonNegativeInt, percentPpm, positiveAmount, positiveInt, rate, time } from './fields.js';
import { MAX_FLOOD, MAX_WORKLOAD_PAYMENTS } from './limits.js';
import { MAX_HTLCS } from '../defaults.js';
import { chainSection, chainsSection, malleabilitySection, swapsSection } from './crossChain.js';
import { stateChannelsSection } from './stateChannels.js';
import { lightningSwapsSection } from './lightningSwaps.js';
import { virtualChannelsSection } from './virtualChannels.js';

export { chainSection };

/** pcnsim extension: ordinary on-chain transactions from the rest of the world. */
export const trafficSection = z.strictObject({
  rate: rate(),
  fee: z.union([amount(), z.strictObject({ min: amount(), max: amount() })]).optional(),
  weight: positiveInt().optional(),
  duration: time().optional(),
});

/** How channels come to exist: funded at genesis (usable at t = 0), or opened on chain. */
export const fundingMode = z.enum(['genesis', 'chain']);

export const channelKind = z.enum(['virtual-bank', 'asymmetric', 'one-way']);

/** What a channel may set for itself, and `defaults` for every channel. */
const channelSettings = {
  kind: channelKind.optional(),
  freeze: duration().optional(),
  confirmations: positiveInt().optional(),
  refund: blockCount().refine((v) => v >= 1, { message: 'expected at least 1 block' }).optional(),
  /** Fee bid on each channel transaction (deposit, cash, penalty, withdrawal, close), paid from the submitter's wallet. */
  txFee: amount().optional(),
  // Forwarding policy and HTLC limit (BRIEF §4).
  cltvDelta: blockCount().optional(),
  feeBase: amount().optional(),
  feePpm: nonNegativeInt().optional(),
  maxHtlcs: positiveInt().max(MAX_HTLCS, { message: `expected at most ${MAX_HTLCS} (BOLT #2 max_accepted_htlcs)` }).optional(),
  // HTLC limits of each direction (BOLT #2): the largest and smallest HTLC, the value in flight, the reserve.
  maxHtlc: positiveAmount().optional(),
  minHtlc: amount().optional(),
  maxInFlight: positiveAmount().optional(),
  /** What each side keeps in the channel: a share of the capacity ('1%', the default) or an amount. */
  reserve: z.union([percentPpm(), amount()]).optional(),
  /** genesis: funded in a genesis block, usable at t = 0; chain: the deposits confirm on chain first. */
  funding: fundingMode.optional(),
};

/**
 * Payers' route choice: lnd's cost (fee + lock risk), with its a-priori success probability, or
 * with mission control (the probability learned from failures, fading with `halfLife`); the fee they accept.
 */
export const routingSection = z.strictObject({
  cost: z.enum(['fee-and-lock', 'probability', 'mission-control']).optional(),
  /** mission-control: how fast a failure is forgotten (default 1 h). */
  halfLife: time().optional(),
  /** Largest fee a payer pays: an amount, or a share of the payment such as '5%'. */
  feeLimit: feeLimit().optional(),
  /** Multi-part payments (lnd's splitting); absent: every payment takes one path. */
  mpp: z.strictObject({
    /** No shard below this (default 10,000 sat). */
    minShard: positiveAmount().optional(),
    /** Parts in flight at once (default 16). */
    maxParts: positiveInt().optional(),
    /** The payee fails parts that do not add up to the total this long after the first (default 60s). */
    timeout: time().optional(),
  }).optional(),
});

export const defaultsSection = z.strictObject({
  ...channelSettings,
  // Multi-hop payment settings, for the whole network.
  /** Lock the payee's hop gets (BOLT min_final_cltv_expiry). */
  finalCltvDelta: blockCount().optional(),
  /** One-way latency of a peer message (default 100ms). */
  messageLatency: time().optional(),
  /** Blocks before an HTLC expires at which its holder goes on chain if the peer is silent. */
  deadline: blockCount().optional(),
  /** Routes a payer tries before giving up. */
  maxAttempts: positiveInt().optional(),
  /** A payer abandons an attempt whose HTLCs have not reached the payee after this long (default 60s). */
  paymentTimeout: time().optional(),
  /** How long a forwarding-policy change takes to reach payers (default 10min). */
  gossipDelay: time().optional(),
  /** lightning: locks shrink hop by hop; sprites: one shared lock for every hop. */
  htlcStyle: z.enum(['lightning', 'sprites']).optional(),
  /** hash: one hash lock for the whole route (HTLC, default); point: each hop's lock differs (PTLC). */
  locks: z.enum(['hash', 'point']).optional(),
  /** How payers choose routes. */
  routing: routingSection.optional(),
});

export const channelEntry = z.strictObject({
  id: nodeName().optional(),
  between: z.tuple([nodeName(), nodeName()]),
  /** [a, b]; a one-way channel takes a single amount (the payer's). */
  deposit: z.union([z.tuple([amount(), amount()]), amount()]),
  /** The chain it lives on: one of `chains:` (default btc, the default chain). */
  chain: nodeName().optional(),
  ...channelSettings,
});

/** Transaction kinds, as reports label them (colluding miners censor some of these). */
export const txKind = z.enum(['deposit', 'cash-rsmc', 'cash-htlc', 'penalty', 'withdraw', 'htlc-claim', 'htlc-timeout', 'cooperative-close', 'settle', 'refund', 'background']);

/** What any node may set, whatever its strategy. */
const nodeSettings = {
  /** Probability of being online in any given block interval (default: always, but for offline actions). */
  online: z.number().min(0).max(1).optional(),
  /** Extra on-chain money at genesis, beyond the node's deposits. */
  wallet: amount().optional(),
  /** Eclipsed: the node sees each block this many blocks late (time-dilation; default 0). */
  chainDelay: blockCount().optional(),
};

/**
 * `agents.NAME`, one shape per strategy (the `strategy` field picks it; honest when left out), so
 * a field of another strategy is an error naming the strategy it belongs to.
 */
export const agentEntry = z.discriminatedUnion('strategy', [
  /** honest: follows the protocol and punishes. */
  z.strictObject({ strategy: z.literal('honest').optional(), ...nodeSettings }),
  /** cheater: broadcasts revoked commitments. */
  z.strictObject({
    strategy: z.literal('cheater'),
    ...nodeSettings,
    /** rational (cheats when the expected gain is positive), always, or never. */
    cheat: z.enum(['rational', 'always', 'never']).optional(),
    /** The probability it assigns to being punished (default 0.99). */
    belief: z.number().min(0).max(1).optional(),
  }),
  /** watchtower: punishes for the clients it `watches`. */
  z.strictObject({
    strategy: z.literal('watchtower'),
    ...nodeSettings,
    watches: z.array(nodeName()).min(1, { message: 'expected at least one client node' }),
    /** The share of a penalty it keeps (0: altruist, default; lnd's reward towers take 0.01). */
    reward: z.number().min(0).max(0.99).optional(),
    /** The fixed fee of its pre-signed justice transactions (default: the channel's txFee). */
    fee: amount().optional(),
  }),
  /** jammer: holds HTLCs paid to it, then fails them. */
  z.strictObject({
    strategy: z.literal('jammer'),
    ...nodeSettings,
    /** How long it holds each HTLC before failing it (default 10m). */
    hold: time().optional(),
  }),
  /** griefer: withholds preimages and claims on chain at the last moment. */
  z.strictObject({
    strategy: z.literal('griefer'),
    ...nodeSettings,
    /** Transactions its accomplices broadcast when its on-chain claim confirms (Flood & Loot; default 0). */
    flood: nonNegativeInt().max(MAX_FLOOD, { message: `expected at most ${MAX_FLOOD} transactions` }).optional(),
    /** The fee each flooding transaction bids (default 100 sat). */
    floodFee: amount().optional(),
  }),
  /** miner: censors; it holds hash power, not money or channels (no online, no wallet). */
  z.strictObject({
    strategy: z.literal('miner'),
    /** Share of hash power, in [0, 1] (colluding miners add up). */
    share: z.number().min(0).max(1).optional(),
    /** The transaction kinds it refuses to include (default: [penalty]). */
    censors: z.array(txKind).optional(),
  }),
  /** wormhole: fails its incoming HTLC and hands R to its `accomplice` upstream, skipping the honest hops between (issue 19). */
  z.strictObject({ strategy: z.literal('wormhole'), ...nodeSettings, accomplice: nodeName() }),
]);

export const paymentEntry = z.strictObject({
  at: time(),
  from: nodeName(),
  to: nodeName(),
  amount: positiveAmount(),
  /** Repeat the payment `count` times, `every` apart (e.g. a payment per second of video). */
  every: time().optional(),
  count: positiveInt().optional(),
});

/** `actions[i]`, one shape per `do`, so a field another action uses is an error naming it. */
const action = <D extends string, S extends z.core.$ZodLooseShape>(kind: D, shape: S) => z.strictObject({ at: time(), node: nodeName(), do: z.literal(kind), ...shape });
const forTime = { for: time().optional() };
const channelId = z.string();

export const actionEntry = z.discriminatedUnion('do', [
  /** Broadcast the node's copy of a commitment: the newest, or a revoked `sequence` (cheating). */
  action('broadcast', { channel: channelId, sequence: positiveInt().optional() }),
  action('close', { channel: channelId }),
  /** Offline `for` a while, or until the node's next `online`. */
  action('offline', forTime),
  action('online', {}),
  /** Signs nothing off-chain (still acts on chain) `for` a while. */
  action('unresponsive', forTime),
  /** The node stops answering for good; its peers close their channels with it. */
  action('fail', {}),
  action('pay', { to: nodeName(), amount: positiveAmount() }),
  /** Open a channel on chain with a peer: the deposits [node's, peer's], optionally its kind and id. */
  action('open', { with: nodeName(), deposit: z.union([z.tuple([amount(), amount()]), amount()]), kind: channelKind.optional(), id: nodeName().optional() }),
  /** The node's new forwarding policy on `channel`. */
  action('set-policy', { channel: channelId, feeBase: amount().optional(), feePpm: nonNegativeInt().optional(), cltvDelta: blockCount().optional() }),
  /** Probe the balance of `channel` toward `to` with payments nobody can settle, until known within `precision` (issue 19). */
  action('probe', { channel: channelId, to: nodeName(), precision: positiveAmount() }),
]);

/** Generated or imported networks (instead of, or besides, listing nodes and channels). */
export const topologySection = z.strictObject({
  generate: z.enum(['scale-free', 'random', 'star', 'line', 'ring']).optional(),
  /**
   * A file relative to the scenario file: an lnd `describegraph` JSON (plain, .gz or .zip), a Core
   * Lightning `listchannels` JSON, a sim-ln `sim_network` JSON, or a CLoTH folder.
   */
  import: filePath().optional(),
  /** Imported channels exist from genesis (default), or open on chain like listed channels. */
  funding: fundingMode.optional(),
  nodes: positiveInt().optional(),
  /** Channels per new node (scale-free) or average degree (random); default 2. */
  degree: positiveInt().optional(),
  /** Lognormal capacities of generated channels: median (default 0.01 btc) and sigma (default 1). */
  capacity: z.strictObject({ median: positiveAmount().optional(), sigma: z.number().nonnegative().optional() }).optional(),
  /** How a channel's capacity is split between its two ends: half each (default) or seeded random. */
  balance: z.enum(['half', 'random']).optional(),
  /**
   * The seed the network is drawn from (default: the scenario's `seed`). `--seed` and sweeps over
   * seeds change the run (chain, traffic, workload, availability), never the network.
   */
  seed: nonNegativeInt().optional(),
});

const amountDistribution = z.union([
  amount(),
  z.strictObject({
    dist: z.enum(['fixed', 'uniform', 'lognormal', 'csv']),
    /** csv: a file of amounts, one per line (bare numbers are sat), relative to the scenario file. */
    file: filePath().optional(),
    value: amount().optional(),
    min: amount().optional(),
    max: amount().optional(),
    median: amount().optional(),
    sigma: z.number().nonnegative().optional(),
  }),
]);

/** Generated payments: Poisson arrivals between drawn pairs. */
export const workloadSection = z.strictObject({
  /**
   * Payments from another tool's file instead of generated ones: a sim-ln activity description
   * (JSON with `activity`), or a CLoTH `payments.csv` (id, sender_id, receiver_id, amount msat, start_time ms).
   */
  file: filePath().optional(),
  rate: rate().optional(),
  amount: amountDistribution.optional(),
  pairs: z.enum(['uniform', 'capacity-weighted']).optional(),
  /** Only these nodes pay / are paid (default: every node), e.g. customers of one merchant. */
  from: z.array(nodeName()).min(1, { message: 'expected at least one node (leave the field out for every node)' }).optional(),
  to: z.array(nodeName()).min(1, { message: 'expected at least one node (leave the field out for every node)' }).optional(),
  /** When the first payment may start (default 1h, after channels open). */
  start: time().optional(),
  duration: time().optional(),
  /** Stop after this many payments. */
  count: positiveInt().max(MAX_WORKLOAD_PAYMENTS, { message: `expected at most ${MAX_WORKLOAD_PAYMENTS} payments` }).optional(),
});

export const runSection = z.strictObject({ until: time().optional() });

/** `expect`: report paths (e.g. `penalties.punished`) to numbers, and `balances` to amounts. */
export const expectSection = z
  .strictObject({ balances: z.record(nodeName(), amount()).optional() })
  .catchall(z.union([z.number(), z.boolean()]));

/**
 * `privacy:` (issue 19): a coalition whose inferences about every routed payment the report adds —
 * the `k` nodes with the most channels (`coalition: top-hubs`) or nodes by name; a list for several.
 */
const coalitionEntry = z.strictObject({
  coalition: z.union([z.literal('top-hubs'), z.array(nodeName()).min(1)]),
  /** With top-hubs: how many (default 5). */
  k: positiveInt().optional(),
  /** Its name in the report (default `top-5-hubs`, or the members joined by +). */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.+-]*$/, { message: 'expected a coalition name (letters, digits, -, _, + or .)' }).optional(),
});
export const privacySection = z.union([coalitionEntry, z.array(coalitionEntry).min(1)]);

export const scenarioSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'expected a name usable as a folder name (letters, digits, -, _ or .)' })
    .max(100, { message: 'expected a name of at most 100 characters (it names the report folder)' }),
  seed: z.number().int().nonnegative().optional(),
  description: z.string().optional(),
  chain: chainSection.optional(),
  /** Chains besides the default one (issue 20): name → `chain:` fields, txFee, wallets. */
  chains: chainsSection.optional(),
  /** Cross-chain atomic swaps (sim/swap). */
  swaps: swapsSection.optional(),
  /** Swaps routed over Lightning channels on two chains (lightningSwaps.ts). */
  lightningSwaps: lightningSwapsSection.optional(),
  /** Malleability stories on the default chain (with `chain: { segwit: false, malleate: … }`). */
  malleability: malleabilitySection.optional(),
  /** Generalized state channels on the default chain (sim/statechannel). */
  stateChannels: stateChannelsSection.optional(),
  /** Perun virtual channels over two ledger channels on the default chain (sim/virtual). */
  virtualChannels: virtualChannelsSection.optional(),
  traffic: trafficSection.optional(),
  defaults: defaultsSection.optional(),
  nodes: z.array(nodeName()).optional(),
  topology: topologySection.optional(),
  workload: workloadSection.optional(),
  channels: z.array(channelEntry).optional(),
  agents: z.record(nodeName(), agentEntry).optional(),
  payments: z.array(paymentEntry).optional(),
  actions: z.array(actionEntry).optional(),
  run: runSection.optional(),
  expect: expectSection.optional(),
  /** The privacy report: what coalitions of nodes learn of each routed payment (sim/privacy). */
  privacy: privacySection.optional(),
});

export type ScenarioInput = z.output<typeof scenarioSchema>;

/** The scenario format as a JSON Schema (draft 2020-12) for editors' autocompletion. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    title: 'pcnsim scenario',
    description: 'A pcnsim scenario file (YAML or JSON). Amounts: a bare number is sat; times: a bare number is seconds.',
    ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
  };
}
