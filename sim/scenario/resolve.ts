/**
 * Turns a validated scenario file into the simulation's own types: defaults filled in, units
 * resolved, cross-references checked (every node known, no channel to itself, no duplicate
 * channel, actions naming real channels of their own node), and the work it asks for bounded.
 * Errors name the field path; what is legal but probably unintended becomes a warning.
 */
import { type ActionSpec, type ChannelSpec, DEFAULT_MULTIHOP, type MppOptions, type NetworkSpec, type PaymentSpec } from '../agents/index.js';
import { type ChainConfig, DEFAULT_CHAIN, DEFAULT_INTERVAL_MS, DEFAULT_TX_WEIGHT, type NamedChain } from '../chain/index.js';
import type { MalleabilitySpec } from '../malleability/index.js';
import type { StateChannelSpec } from '../statechannel/index.js';
import { resolveStateChannels } from './stateChannels.js';
import type { PerunSpec } from '../virtual/index.js';
import { resolveVirtualChannels } from './virtualChannels.js';
import type { LightningSwapSpec, SwapSpec } from '../swap/index.js';
import { resolveLightningSwaps, splitActionsByChain, splitChannelsByChain } from './lightningSwaps.js';
import { ScenarioError } from '../errors.js';
import { DEFAULT_MISSION_CONTROL, feeAndLockRisk, type MissionControlOptions, type Weight, withSuccessProbability } from '../router/index.js';
import { MAX_MSAT, type Msat } from '../units.js';
import { resolveActions, type KnownChannel } from './actions.js';
import { readActivity } from './activity.js';
import { resolveAgents } from './agents.js';
import { PCNSIM_DEFAULTS, resolveDeposit, settingsOver } from './channels.js';
import { chainConfig, resolveChains, resolveMalleability, resolveSwaps } from './crossChain.js';
import { checkExpectPaths, earlyPaymentWarning, usableAtMs } from './checks.js';
import type { FeeLimit } from './fields.js';
import { InputLog, type InputRecord } from './inputs.js';
import { checkArrivals, checkBlocks, MAX_CHANNELS, MAX_LISTED_PAYMENTS, MAX_TRAFFIC_TXS, MAX_WORKLOAD_PAYMENTS } from './limits.js';
import type { ScenarioInput } from './schema.js';
import { resolveTopology } from './topology/index.js';
import { resolveAmount, type Workload } from './workload.js';
import { BLOCK_INTERVAL_MS, MPP_MAX_PARTS, MPP_MIN_SHARD_MSAT, MPP_TIMEOUT_MS } from '../defaults.js';
import type { ExpectSpec } from '../report/index.js';
import { resolvePrivacy, type PrivacySpec } from './privacy.js';

export type { ExpectSpec };

export interface Traffic {
  readonly ratePerSecond: number;
  readonly feeMsat: { readonly min: number; readonly max: number };
  readonly weight: number;
  /** Stop generating at this time (ms); default: the whole run. */
  readonly untilMs: number;
}

/** A fully resolved scenario. */
export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly seed: number;
  readonly description: string;
  readonly chain: ChainConfig;
  /** Every chain: the default one (`chain:`, named btc, fee `defaults.txFee`) first, then `chains:` in file order. */
  readonly chains: readonly NamedChain[];
  /** Cross-chain atomic swaps (`swaps:`). */
  readonly swaps: readonly SwapSpec[];
  /** Channels on the chains other than the default one (`channels:` with `chain:`), by chain; absent when none (scenario hashes stay as they were). */
  readonly chainChannels?: Readonly<Record<string, readonly ChannelSpec[]>>;
  /** Scripted actions on those channels, by chain; absent when none. */
  readonly chainActions?: Readonly<Record<string, readonly ActionSpec[]>>;
  /** Swaps routed over Lightning channels on two chains (`lightningSwaps:`); absent when none. */
  readonly lightningSwaps?: readonly LightningSwapSpec[];
  /** The malleability stories (`malleability:`), if any. */
  readonly malleability: MalleabilitySpec | undefined;
  /** Generalized state channels (`stateChannels:`). */
  readonly stateChannels: readonly StateChannelSpec[];
  /** Perun virtual channels (`virtualChannels:`). */
  readonly virtualChannels: readonly PerunSpec[];
  /** The privacy report's coalitions (`privacy:`); undefined: no report, nothing recorded. */
  readonly privacy?: PrivacySpec;
  readonly traffic: Traffic | undefined;
  readonly network: Omit<NetworkSpec, 'crypto' | 'seed'>;
  readonly untilMs: number;
  readonly expect: ExpectSpec | undefined;
  readonly workload: Workload | undefined;
  /** Legal but probably unintended (payments before any channel opens, dropped import rows), one line each. */
  readonly warnings: readonly string[];
  /** The scenario file and every file it read, with their SHA-256 (for the report's provenance). */
  readonly inputs: readonly InputRecord[];
  /** Readable names of imported nodes (lnd and sim-ln aliases), by node id. */
  readonly aliases: Readonly<Record<string, string>>;
}

const DAY_MS = 86_400_000;

export function resolveScenario(input: ScenarioInput, file: string, text = ''): Scenario {
  const inputs = new InputLog(file);
  inputs.note(file, text);
  const untilMs = input.run?.until ?? DAY_MS;
  const blockIntervalMs = input.chain?.blockInterval ?? BLOCK_INTERVAL_MS;
  if (blockIntervalMs <= 0) throw new ScenarioError('bad-duration', "expected a positive time such as '600s'", 'chain.blockInterval');
  checkBlocks(untilMs, blockIntervalMs, input.run?.until !== undefined ? 'run.until' : 'chain.blockInterval');
  const defaults = input.defaults ?? {};
  const base = settingsOver(defaults, PCNSIM_DEFAULTS, 'defaults');
  const topology = resolveTopology(input, base, inputs);
  const nodes = [...new Set([...resolveNodes(input), ...(topology?.nodes ?? [])])];
  const known = new Set(nodes);
  const checkNode = (node: string, path: string): void => {
    if (!known.has(node)) throw new ScenarioError('unknown-node', `unknown node '${node}'; expected one of: ${listed(nodes)}`, path);
  };

  const channels: ChannelSpec[] = [...(topology?.channels ?? [])];
  const byId = new Map<string, KnownChannel>(channels.map((c) => [c.id, { spec: c, openAtMs: 0 }]));
  const pairs = new Set<string>();
  const chainOf = new Map<string, { chain: string; path: string }>();
  (input.channels ?? []).forEach((c, i) => {
    const path = `channels[${i}]`;
    const [a, b] = c.between;
    checkNode(a, `${path}.between[0]`);
    checkNode(b, `${path}.between[1]`);
    if (a === b) throw new ScenarioError('channel-to-itself', `expected two different nodes, got ${a} twice`, `${path}.between`);
    const id = c.id ?? `${a}-${b}`;
    const pair = [a, b].sort().join('|');
    if (byId.has(id) || (c.id === undefined && pairs.has(pair))) {
      throw new ScenarioError('duplicate-channel', `duplicate channel '${id}'; give each channel between the same nodes its own id`, c.id ? `${path}.id` : `${path}.between`);
    }
    pairs.add(pair);
    const settings = settingsOver(c, base, path);
    if (settings.kind === 'asymmetric' && !('blocks' in settings.freeze)) {
      throw new ScenarioError('bad-duration', "an asymmetric channel's delay is a relative lock: expected blocks, e.g. '1000 blocks'", `${path}.freeze`);
    }
    const spec: ChannelSpec = { ...settings, id, between: [a, b], deposit: resolveDeposit(c.deposit, settings.kind, `${path}.deposit`) };
    channels.push(spec);
    if (c.chain !== undefined) chainOf.set(id, { chain: c.chain, path });
    byId.set(id, { spec, openAtMs: 0 });
  });
  if (channels.length > MAX_CHANNELS) throw new ScenarioError('run-too-long', `${channels.length} channels; expected at most ${MAX_CHANNELS}`, 'channels');

  const payments: PaymentSpec[] = [];
  (input.payments ?? []).forEach((p, i) => {
    const path = `payments[${i}]`;
    checkNode(p.from, `${path}.from`);
    checkNode(p.to, `${path}.to`);
    if (p.from === p.to) throw new ScenarioError('self-payment', `expected two different nodes, got ${p.from} twice`, `${path}.to`);
    const count = p.count ?? 1;
    if (count > 1 && p.every === undefined) throw new ScenarioError('missing-field', 'missing; expected every (e.g. 1s) for a repeated payment', `${path}.every`);
    if (payments.length + count > MAX_LISTED_PAYMENTS) throw new ScenarioError('run-too-long', `expected at most ${MAX_LISTED_PAYMENTS} payments in all, got ${payments.length + count}`, `${path}.count`);
    for (let k = 0; k < count; k++) payments.push({ atMs: p.at + k * (p.every ?? 0), from: p.from, to: p.to, amountMsat: p.amount });
  });

  // Channels opened by actions are channels too: known to later actions, checked like the others.
  const opens = new Map<number, ChannelSpec>();
  (input.actions ?? []).forEach((a, i) => {
    if (a.do !== 'open') return;
    const path = `actions[${i}]`;
    checkNode(a.node, `${path}.node`);
    checkNode(a.with, `${path}.with`);
    if (a.with === a.node) throw new ScenarioError('channel-to-itself', `expected two different nodes, got ${a.node} twice`, `${path}.with`);
    const id = a.id ?? `${a.node}-${a.with}`;
    if (byId.has(id)) throw new ScenarioError('duplicate-channel', `duplicate channel '${id}'; give it its own id`, `${path}.id`);
    const kind = a.kind ?? base.kind;
    // A channel opened during the run waits for its deposits, whatever the default funding.
    const spec: ChannelSpec = { ...base, funding: 'chain', confirmations: base.funding === 'genesis' ? PCNSIM_DEFAULTS.confirmations : base.confirmations, kind, id, between: [a.node, a.with], deposit: resolveDeposit(a.deposit, kind, `${path}.deposit`) };
    opens.set(i, spec);
    byId.set(id, { spec, openAtMs: a.at, openedBy: i });
  });
  const actions: ActionSpec[] = resolveActions(input.actions ?? [], byId, opens, checkNode, untilMs, listed);
  const agents = resolveAgents(input.agents ?? {}, checkNode);
  const walletMsat = agents.walletMsat;

  let total = 0;
  for (const c of [...channels, ...opens.values()]) total += c.deposit[0] + c.deposit[1];
  for (const w of Object.values(walletMsat)) total += w;
  if (total > MAX_MSAT) throw new ScenarioError('amount-too-large', 'the deposits and wallets add up to more than the safe limit of 90000 btc', 'channels');

  const aliases = new Map(topology?.aliases ?? []);
  const w = input.workload;
  if (w?.file !== undefined) {
    for (const key of ['rate', 'amount', 'pairs', 'from', 'to', 'start', 'duration', 'count'] as const) {
      if (w[key] !== undefined) throw new ScenarioError('unused-field', `'${key}' does nothing with workload.file (the file gives every payment); expected file alone`, `workload.${key}`);
    }
    try {
      payments.push(...readActivity(w.file, inputs, { nodes: known, aliases, untilMs, seed: input.seed ?? 1 }));
    } catch (error) {
      if (error instanceof ScenarioError) throw inputs.located(error, 'workload.file');
      throw error;
    }
    if (payments.length > MAX_LISTED_PAYMENTS) throw new ScenarioError('run-too-long', `expected at most ${MAX_LISTED_PAYMENTS} payments in all, got ${payments.length}`, 'workload.file');
  }
  const workload = w && w.file === undefined ? resolveWorkload(w, untilMs, nodes, topology?.excluded ?? [], checkNode, inputs) : undefined;
  const traffic = resolveTraffic(input, untilMs);

  const expect = input.expect && {
    balances: nullProto(input.expect.balances ?? {}),
    values: nullProto(Object.fromEntries(Object.entries(input.expect).filter(([k]) => k !== 'balances')) as Record<string, number | boolean>),
  };
  if (expect) {
    Object.keys(expect.balances).forEach((n) => checkNode(n, `expect.balances.${n}`));
    checkExpectPaths(expect.values, known);
  }

  // When the first channel can carry a payment, for the early-payment warning.
  let first: { atMs: number; confirmations: number; genesis: boolean } | undefined;
  for (const { spec, openAtMs } of byId.values()) {
    if (spec.kind === 'one-way' && openAtMs > 0) continue;
    const at = usableAtMs(spec, openAtMs, blockIntervalMs);
    if (!first || at < first.atMs) first = { atMs: at, confirmations: spec.confirmations, genesis: spec.funding === 'genesis' };
  }
  const chains = [{ name: DEFAULT_CHAIN, config: resolveChain(input), txFeeMsat: base.txFeeMsat as Msat, wallets: {} }, ...resolveChains(input.chains, base.txFeeMsat as Msat)];
  for (const c of chains.slice(1)) checkBlocks(untilMs, c.config.blockIntervalMs, `chains.${c.name}.blockInterval`);
  const { onDefault, elsewhere } = splitChannelsByChain(channels, chainOf, chains);
  const chainActions = splitActionsByChain(actions, elsewhere);
  const warnings = [
    ...(topology?.warnings ?? []),
    ...earlyPaymentWarning(first, blockIntervalMs, [
      ...payments.map((p, i) => ({ atMs: p.atMs, path: i < (input.payments?.length ?? 0) ? `payments[${i}]` : 'a payment of workload.file' })),
      ...(workload ? [{ atMs: workload.startMs, path: 'workload.start' }] : []),
    ]),
  ];

  return {
    file,
    name: input.name,
    seed: input.seed ?? 1,
    description: input.description ?? '',
    chain: resolveChain(input),
    chains,
    swaps: resolveSwaps(input.swaps, chains, known),
    ...(Object.keys(elsewhere).length > 0 ? { chainChannels: elsewhere } : {}),
    ...(Object.keys(chainActions.byChain).length > 0 ? { chainActions: chainActions.byChain } : {}),
    ...(input.lightningSwaps?.length ? { lightningSwaps: resolveLightningSwaps(input.lightningSwaps, chains, known, (chain) => (chain === DEFAULT_CHAIN ? onDefault : elsewhere[chain] ?? [])) } : {}),
    malleability: resolveMalleability(input.malleability, known),
    stateChannels: resolveStateChannels(input.stateChannels, known),
    virtualChannels: resolveVirtualChannels(input.virtualChannels, known),
    ...(input.privacy ? { privacy: resolvePrivacy(input.privacy, known, defaults.htlcStyle ?? DEFAULT_MULTIHOP.style) } : {}),
    traffic,
    network: {
      nodes,
      channels: onDefault,
      payments,
      actions: chainActions.onDefault,
      walletMsat,
      watchtowers: agents.watchtowers,
      cheaters: agents.cheaters,
      receivers: agents.receivers,
      miners: agents.miners,
      onlineProbability: agents.onlineProbability,
      ...(Object.keys(agents.chainDelay).length > 0 ? { chainDelay: agents.chainDelay } : {}),
      blockIntervalMs,
      multiHop: {
        messageLatencyMs: defaults.messageLatency ?? DEFAULT_MULTIHOP.messageLatencyMs,
        finalCltvDelta: defaults.finalCltvDelta ?? DEFAULT_MULTIHOP.finalCltvDelta,
        maxAttempts: defaults.maxAttempts ?? DEFAULT_MULTIHOP.maxAttempts,
        deadlineBlocks: defaults.deadline ?? DEFAULT_MULTIHOP.deadlineBlocks,
        style: defaults.htlcStyle ?? DEFAULT_MULTIHOP.style,
        ...(defaults.locks === 'point' ? { locks: 'point' as const } : {}),
        timeoutMs: defaults.paymentTimeout ?? DEFAULT_MULTIHOP.timeoutMs,
        gossipDelayMs: defaults.gossipDelay ?? DEFAULT_MULTIHOP.gossipDelayMs,
        ...routing(defaults.routing),
      },
    },
    untilMs,
    workload,
    expect,
    warnings,
    inputs: inputs.records,
    aliases: nullProto(Object.fromEntries(aliases)),
  };
}

/** A record keyed by user-given names, without Object.prototype's keys (a node may be called `constructor`). */
export function nullProto<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, record);
}

/**
 * Unless the scenario says otherwise, a payer pays at most the amount itself in fees (lnd's
 * default when no fee limit is given), so a policy of 2^31 − 1 msat (real nodes' "do not route
 * here") is never paid for payments below 2,147,483 sat; `feeLimit: 5%` is stricter.
 */
const DEFAULT_FEE_LIMIT: FeeLimit = { share: 1 };

/** The payer's route choice: lnd's fee-and-lock cost (default) or with lnd's success probability; the fee limit. */
function routing(r: NonNullable<ScenarioInput['defaults']>['routing'] = {}): { weight?: Weight; maxFee: (amountMsat: number) => number; missionControl?: MissionControlOptions; mpp?: MppOptions } {
  const limit: FeeLimit = r.feeLimit ?? DEFAULT_FEE_LIMIT;
  return {
    ...(r.cost === 'probability' ? { weight: withSuccessProbability(feeAndLockRisk()) } : {}),
    ...(r.cost === 'mission-control' ? { missionControl: { ...DEFAULT_MISSION_CONTROL, ...(r.halfLife !== undefined ? { halfLifeMs: r.halfLife } : {}) } } : {}),
    ...(r.mpp ? { mpp: { minShardMsat: r.mpp.minShard ?? MPP_MIN_SHARD_MSAT, maxParts: r.mpp.maxParts ?? MPP_MAX_PARTS, timeoutMs: r.mpp.timeout ?? MPP_TIMEOUT_MS } } : {}),
    maxFee: 'share' in limit ? (a: number) => Math.floor(a * limit.share) : () => limit.msat,
  };
}

/** A list for an error message: the first ten names, then how many there are in all. */
function listed(names: readonly string[]): string {
  return names.length <= 10 ? names.join(', ') : `${names.slice(0, 10).join(', ')}, … (${names.length} in all)`;
}

function resolveWorkload(
  w: NonNullable<ScenarioInput['workload']>,
  untilMs: number,
  nodes: readonly string[],
  excluded: readonly string[],
  checkNode: (node: string, path: string) => void,
  inputs: InputLog,
): Workload {
  if (w.rate === undefined) throw new ScenarioError('missing-field', "missing; expected rate (e.g. '5/s') for generated payments, or file for another tool's", 'workload.rate');
  if (w.amount === undefined) throw new ScenarioError('missing-field', "missing; expected amount (e.g. '1000 sat') for generated payments", 'workload.amount');
  if (nodes.length < 2) throw new ScenarioError('bad-value', 'expected at least two nodes for a workload', 'workload');
  const list = (names: readonly string[] | undefined, path: string): string[] => {
    (names ?? []).forEach((n, i) => checkNode(n, `${path}[${i}]`));
    return [...(names ?? [])];
  };
  const from = list(w.from, 'workload.from');
  const to = list(w.to, 'workload.to');
  // Imported files may leave nodes out of generated payments (sim-ln's exclude and forward_only).
  const skip = new Set(excluded);
  const pool = (named: string[]): string[] => (named.length ? named : skip.size ? nodes.filter((n) => !skip.has(n)) : []);
  const payers = pool(from);
  const payees = pool(to);
  const distinct = new Set([...(payers.length ? payers : nodes), ...(payees.length ? payees : nodes)]);
  if (distinct.size < 2) throw new ScenarioError('bad-value', `workload.from and workload.to leave only ${[...distinct][0] ?? 'no node'}; expected two different nodes to pay between`, w.to ? 'workload.to' : 'workload.from');
  const startMs = w.start ?? 3_600_000;
  const spanMs = Math.min(w.duration ?? untilMs, Math.max(0, untilMs - startMs));
  if (w.count === undefined) checkArrivals(w.rate, spanMs, MAX_WORKLOAD_PAYMENTS, 'workload.rate × duration gives payments', 'workload.rate', 'lower the rate, shorten workload.duration or give a count');
  return {
    ratePerSecond: w.rate,
    amount: resolveAmount(w.amount, 'workload.amount', inputs),
    pairs: w.pairs ?? 'uniform',
    from: payers,
    to: payees,
    startMs,
    untilMs: startMs + (w.duration ?? untilMs),
    count: w.count ?? Number.MAX_SAFE_INTEGER,
  };
}

function resolveNodes(input: ScenarioInput): string[] {
  // A watchtower may have no channel of its own, and need not be listed among the nodes.
  const towers = Object.entries(input.agents ?? {}).flatMap(([n, a]) => (a.strategy === 'watchtower' ? [n] : []));
  if (input.nodes) {
    const seen = new Set<string>();
    input.nodes.forEach((n, i) => {
      if (seen.has(n)) throw new ScenarioError('duplicate-node', `node '${n}' is listed twice; expected each node once`, `nodes[${i}]`);
      seen.add(n);
    });
    return [...new Set([...input.nodes, ...towers])];
  }
  // Without a node list, the nodes are those the channels (and channel-opening actions) name.
  const opened = (input.actions ?? []).flatMap((a) => (a.do === 'open' ? [a.node, a.with] : []));
  return [...new Set([...(input.channels ?? []).flatMap((c) => c.between), ...opened, ...towers])];
}

function resolveChain(input: ScenarioInput): ChainConfig {
  return chainConfig(input.chain ?? {}, DEFAULT_INTERVAL_MS[DEFAULT_CHAIN]!);
}

function resolveTraffic(input: ScenarioInput, untilMs: number): Traffic | undefined {
  const t = input.traffic;
  if (!t) return undefined;
  const fee = t.fee === undefined ? { min: 1_000_000, max: 1_000_000 } : typeof t.fee === 'number' ? { min: t.fee, max: t.fee } : t.fee;
  if (fee.min > fee.max) throw new ScenarioError('bad-range', `expected min ≤ max, got min ${fee.min} msat > max ${fee.max} msat`, 'traffic.fee');
  const span = Math.min(t.duration ?? untilMs, untilMs);
  checkArrivals(t.rate, span, MAX_TRAFFIC_TXS, 'traffic.rate × duration gives background transactions', 'traffic.rate', 'lower the rate or shorten traffic.duration');
  return { ratePerSecond: t.rate, feeMsat: fee, weight: t.weight ?? DEFAULT_TX_WEIGHT, untilMs: t.duration ?? untilMs };
}
