/**
 * Turns a validated scenario file into the simulation's own types: defaults filled in, units
 * resolved, cross-references checked (every node known, no channel to itself, no duplicate
 * channel, actions naming real channels). Errors name the field path.
 */
import type { ActionSpec, ChannelSpec, NetworkSpec, PaymentSpec } from '../agents/network.js';
import type { ChainConfig } from '../chain/types.js';
import type { Freeze, Pair } from '../channel/commitment.js';
import { ScenarioError } from '../errors.js';
import { MAX_MSAT, sequence, type Duration, type Msat } from '../units.js';
import type { Policy } from '../router/index.js';
import type { ScenarioInput } from './schema.js';
import { resolveAgents } from './agents.js';
import { resolveTopology } from './topology/index.js';
import { resolveAmount, type Workload } from './workload.js';

export interface Traffic {
  readonly ratePerSecond: number;
  readonly feeMsat: { readonly min: number; readonly max: number };
  readonly weight: number;
  /** Stop generating at this time (ms); default: the whole run. */
  readonly untilMs: number;
}

export interface ExpectSpec {
  readonly balances: Readonly<Record<string, number>>;
  /** Dotted report paths → expected values. */
  readonly values: Readonly<Record<string, number | boolean>>;
}

/** A fully resolved scenario. */
export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly seed: number;
  readonly description: string;
  readonly chain: ChainConfig;
  readonly traffic: Traffic | undefined;
  readonly network: Omit<NetworkSpec, 'crypto' | 'seed'>;
  readonly untilMs: number;
  readonly expect: ExpectSpec | undefined;
  readonly workload: Workload | undefined;
}

const DAY_MS = 86_400_000;

export function resolveScenario(input: ScenarioInput, file: string): Scenario {
  const untilMs = input.run?.until ?? DAY_MS;
  const defaults = input.defaults ?? {};
  const base = settingsOver(defaults, PCNSIM_DEFAULTS, 'defaults');
  const topology = resolveTopology(input, file, base);
  const nodes = [...new Set([...resolveNodes(input), ...(topology?.nodes ?? [])])];
  const known = new Set(nodes);
  const checkNode = (node: string, path: string): void => {
    if (!known.has(node)) throw new ScenarioError('unknown-node', `unknown node '${node}'; expected one of: ${listed(nodes)}`, path);
  };

  const channels: ChannelSpec[] = [...(topology?.channels ?? [])];
  const opens = new Map<number, ChannelSpec>();
  const ids = new Set<string>(channels.map((c) => c.id));
  const pairs = new Set<string>();
  (input.channels ?? []).forEach((c, i) => {
    const path = `channels[${i}]`;
    const [a, b] = c.between;
    checkNode(a, `${path}.between[0]`);
    checkNode(b, `${path}.between[1]`);
    if (a === b) throw new ScenarioError('channel-to-itself', `a channel needs two different nodes, got ${a} twice`, `${path}.between`);
    const id = c.id ?? `${a}-${b}`;
    const pair = [a, b].sort().join('|');
    if (ids.has(id) || (c.id === undefined && pairs.has(pair))) {
      throw new ScenarioError('duplicate-channel', `duplicate channel '${id}'; give each channel between the same nodes its own id`, c.id ? `${path}.id` : `${path}.between`);
    }
    ids.add(id);
    pairs.add(pair);
    const settings = settingsOver(c, base, path);
    if (settings.kind === 'asymmetric' && !('blocks' in settings.freeze)) {
      throw new ScenarioError('bad-duration', "an asymmetric channel's delay is a relative lock: expected blocks, e.g. '1000 blocks'", `${path}.freeze`);
    }
    channels.push({ ...settings, id, between: [a, b], deposit: resolveDeposit(c.deposit, settings.kind, `${path}.deposit`) });
  });
  if (input.workload && nodes.length < 2) throw new ScenarioError('bad-value', 'a workload needs at least two nodes', 'workload');

  const payments: PaymentSpec[] = [];
  (input.payments ?? []).forEach((p, i) => {
    const path = `payments[${i}]`;
    checkNode(p.from, `${path}.from`);
    checkNode(p.to, `${path}.to`);
    if (p.from === p.to) throw new ScenarioError('self-payment', `a payment needs two different nodes, got ${p.from} twice`, `${path}.to`);
    const count = p.count ?? 1;
    if (count > 1 && p.every === undefined) throw new ScenarioError('missing-field', 'missing; a repeated payment needs every (e.g. 1s)', `${path}.every`);
    if (count > 1_000_000) throw new ScenarioError('bad-value', `expected at most 1000000 repetitions, got ${count}`, `${path}.count`);
    for (let k = 0; k < count; k++) payments.push({ atMs: p.at + k * (p.every ?? 0), from: p.from, to: p.to, amountMsat: p.amount });
  });

  // Channels opened by actions are channels too: known to later actions, checked like the others.
  (input.actions ?? []).forEach((a, i) => {
    if (a.do !== 'open') return;
    const path = `actions[${i}]`;
    checkNode(a.node, `${path}.node`);
    if (a.with === undefined) throw new ScenarioError('missing-field', "missing; 'open' needs with (the peer)", `${path}.with`);
    checkNode(a.with, `${path}.with`);
    if (a.with === a.node) throw new ScenarioError('channel-to-itself', `a channel needs two different nodes, got ${a.node} twice`, `${path}.with`);
    if (a.deposit === undefined) throw new ScenarioError('missing-field', "missing; 'open' needs deposit [mine, peer's]", `${path}.deposit`);
    const id = a.id ?? `${a.node}-${a.with}`;
    if (ids.has(id)) throw new ScenarioError('duplicate-channel', `duplicate channel '${id}'; give it its own id`, `${path}.id`);
    ids.add(id);
    const kind = a.kind ?? base.kind;
    opens.set(i, { ...base, kind, id, between: [a.node, a.with], deposit: resolveDeposit(a.deposit, kind, `${path}.deposit`) });
  });
  const actions: ActionSpec[] = (input.actions ?? []).map((a, i) =>
    a.do === 'open' ? { atMs: a.at, node: a.node, do: 'open', channel: opens.get(i)! } : resolveAction(a, `actions[${i}]`, checkNode, ids, input.actions ?? [], untilMs),
  );
  const agents = resolveAgents(input.agents ?? {}, checkNode);
  const walletMsat = agents.walletMsat;

  let total = 0;
  for (const c of channels) total += c.deposit[0] + c.deposit[1];
  for (const w of Object.values(walletMsat)) total += w;
  if (total > MAX_MSAT) throw new ScenarioError('amount-too-large', 'the deposits and wallets add up to more than the safe limit of 90000 btc', 'channels');

  return {
    file,
    name: input.name,
    seed: input.seed ?? 1,
    description: input.description ?? '',
    chain: resolveChain(input),
    traffic: resolveTraffic(input, untilMs),
    network: {
      nodes,
      channels,
      payments,
      actions,
      walletMsat,
      watchtowers: agents.watchtowers,
      cheaters: agents.cheaters,
      receivers: agents.receivers,
      miners: agents.miners,
      onlineProbability: agents.onlineProbability,
      blockIntervalMs: input.chain?.blockInterval ?? 600_000,
      multiHop: {
        messageLatencyMs: defaults.messageLatency ?? 100,
        finalCltvDelta: defaults.finalCltvDelta ?? 18,
        maxAttempts: defaults.maxAttempts ?? 3,
        deadlineBlocks: defaults.deadline ?? 6,
        style: defaults.htlcStyle ?? 'lightning',
        timeoutMs: defaults.paymentTimeout ?? 60_000,
        gossipDelayMs: defaults.gossipDelay ?? 600_000,
      },
    },
    untilMs,
    workload: input.workload && {
      ratePerSecond: input.workload.rate,
      amount: resolveAmount(input.workload.amount, 'workload.amount', file),
      pairs: input.workload.pairs ?? 'uniform',
      from: checkedList(input.workload.from, 'workload.from', checkNode),
      to: checkedList(input.workload.to, 'workload.to', checkNode),
      startMs: input.workload.start ?? 3_600_000,
      untilMs: (input.workload.start ?? 3_600_000) + (input.workload.duration ?? untilMs),
      count: input.workload.count ?? Number.MAX_SAFE_INTEGER,
    },
    expect: input.expect && {
      balances: input.expect.balances ?? {},
      values: Object.fromEntries(Object.entries(input.expect).filter(([k]) => k !== 'balances')) as Record<string, number | boolean>,
    },
  };
}

/** A list for an error message: the first ten names, then how many there are in all. */
function listed(names: readonly string[]): string {
  return names.length <= 10 ? names.join(', ') : `${names.slice(0, 10).join(', ')}, … (${names.length} in all)`;
}

function checkedList(list: readonly string[] | undefined, path: string, checkNode: (node: string, path: string) => void): string[] {
  (list ?? []).forEach((n, i) => checkNode(n, `${path}[${i}]`));
  return [...(list ?? [])];
}

/** What every channel has besides its id, ends and deposits. */
type ChannelSettings = Omit<ChannelSpec, 'id' | 'between' | 'deposit' | 'policies'> & { readonly policy: Policy; readonly maxHtlcs: number };

/** pcnsim's own defaults (DEFAULTS.md: lnd's fee policy and delta, BOLT's 483 HTLCs, a 144-block freeze). */
const PCNSIM_DEFAULTS: ChannelSettings = {
  kind: 'virtual-bank',
  freeze: { blocks: 144 },
  refundBlocks: 4320,
  confirmations: 3,
  txFeeMsat: 0,
  policy: { feeBaseMsat: 1000, feePpm: 1, cltvDelta: 40, minHtlcMsat: 0, disabled: false },
  maxHtlcs: 483,
  reservePpm: 10_000,
};

/** Settings written in a file (a channel, or `defaults`) over the ones below them. */
function settingsOver(s: NonNullable<ScenarioInput['defaults']> | NonNullable<ScenarioInput['channels']>[number], under: ChannelSettings, path: string): ChannelSettings {
  return {
    kind: s.kind ?? under.kind,
    freeze: s.freeze === undefined ? under.freeze : toFreeze(s.freeze, `${path}.freeze`),
    refundBlocks: s.refund ?? under.refundBlocks,
    confirmations: s.confirmations ?? under.confirmations,
    txFeeMsat: s.txFee ?? under.txFeeMsat,
    policy: {
      ...under.policy,
      feeBaseMsat: s.feeBase ?? under.policy.feeBaseMsat,
      feePpm: s.feePpm ?? under.policy.feePpm,
      cltvDelta: s.cltvDelta ?? under.policy.cltvDelta,
      minHtlcMsat: s.minHtlc ?? under.policy.minHtlcMsat,
    },
    maxHtlcs: s.maxHtlcs ?? under.maxHtlcs,
    reservePpm: s.reserve ?? under.reservePpm,
    ...(s.maxInFlight !== undefined || under.maxInFlightMsat !== undefined ? { maxInFlightMsat: s.maxInFlight ?? under.maxInFlightMsat } : {}),
    ...(s.minHtlc !== undefined || under.minHtlcMsat !== undefined ? { minHtlcMsat: s.minHtlc ?? under.minHtlcMsat } : {}),
  };
}

function resolveNodes(input: ScenarioInput): string[] {
  // A watchtower may have no channel of its own, and need not be listed among the nodes.
  const towers = Object.entries(input.agents ?? {}).flatMap(([n, a]) => (a.strategy === 'watchtower' ? [n] : []));
  if (input.nodes) {
    const seen = new Set<string>();
    input.nodes.forEach((n, i) => {
      if (seen.has(n)) throw new ScenarioError('duplicate-node', `node '${n}' is listed twice`, `nodes[${i}]`);
      seen.add(n);
    });
    return [...new Set([...input.nodes, ...towers])];
  }
  // Without a node list, the nodes are those the channels (and channel-opening actions) name.
  const opened = (input.actions ?? []).flatMap((a) => (a.do === 'open' && a.with !== undefined ? [a.node, a.with] : []));
  return [...new Set([...(input.channels ?? []).flatMap((c) => c.between), ...opened, ...towers])];
}

function resolveChain(input: ScenarioInput): ChainConfig {
  const c = input.chain ?? {};
  return {
    blockIntervalMs: c.blockInterval ?? 600_000,
    fixedInterval: c.fixed ?? false,
    ...(c.blockTxLimit !== undefined ? { blockTxLimit: c.blockTxLimit } : {}),
    ...(c.blockWeightLimit !== undefined ? { blockWeightLimit: c.blockWeightLimit } : {}),
    startHeight: c.startHeight ?? 0,
    startTimestamp: c.startTimestamp ?? 1_700_000_000,
  };
}

function resolveTraffic(input: ScenarioInput, untilMs: number): Traffic | undefined {
  const t = input.traffic;
  if (!t) return undefined;
  const fee = t.fee === undefined ? { min: 1_000_000, max: 1_000_000 } : typeof t.fee === 'number' ? { min: t.fee, max: t.fee } : t.fee;
  if (fee.min > fee.max) throw new ScenarioError('bad-amount', 'traffic fee min must not exceed max', 'traffic.fee');
  return { ratePerSecond: t.rate, feeMsat: fee, weight: t.weight ?? 561, untilMs: t.duration ?? untilMs };
}

function resolveDeposit(deposit: Msat | readonly [Msat, Msat], kind: string, path: string): Pair {
  if (kind === 'one-way') {
    const pair: Pair = typeof deposit === 'number' ? [deposit, 0 as Msat] : deposit;
    if (pair[1] !== 0) throw new ScenarioError('bad-amount', 'a one-way channel is funded by the payer alone: give one amount, or [amount, 0]', path);
    if (pair[0] <= 0) throw new ScenarioError('bad-amount', 'the deposit must be positive', `${path}[0]`);
    return pair;
  }
  if (typeof deposit === 'number') throw new ScenarioError('bad-amount', 'expected two deposits [a, b] (one per side)', path);
  deposit.forEach((d, side) => {
    if (d <= 0) throw new ScenarioError('bad-amount', 'both deposits must be positive (BRIEF §2 construct)', `${path}[${side}]`);
  });
  return deposit;
}

function toFreeze(d: Duration, path: string): Freeze {
  if (d.kind === 'blocks') {
    if (d.blocks <= 0) throw new ScenarioError('bad-duration', 'the freeze must be at least 1 block', path);
    return { blocks: d.blocks };
  }
  if (d.ms < 1000 || d.ms % 1000 !== 0) throw new ScenarioError('bad-duration', 'a freeze in time counts block-timestamp seconds: expected whole seconds ≥ 1s', path);
  return { seconds: d.ms / 1000 };
}

function resolveAction(
  a: NonNullable<ScenarioInput['actions']>[number],
  path: string,
  checkNode: (node: string, path: string) => void,
  channels: ReadonlySet<string>,
  all: NonNullable<ScenarioInput['actions']>,
  untilMs: number,
): ActionSpec {
  checkNode(a.node, `${path}.node`);
  const need = <T>(value: T | undefined, key: string, form: string): T => {
    if (value === undefined) throw new ScenarioError('missing-field', `missing; '${a.do}' needs ${key} (${form})`, `${path}.${key}`);
    return value;
  };
  switch (a.do) {
    case 'broadcast':
    case 'close': {
      const channel = need(a.channel, 'channel', 'a channel id such as alice-bob');
      if (!channels.has(channel)) throw new ScenarioError('unknown-channel', `unknown channel '${channel}'; expected one of: ${listed([...channels])}`, `${path}.channel`);
      return a.do === 'close'
        ? { atMs: a.at, node: a.node, do: 'close', channel }
        : { atMs: a.at, node: a.node, do: 'broadcast', channel, ...(a.sequence !== undefined ? { sequence: sequence(a.sequence) } : {}) };
    }
    case 'offline': {
      // Offline until `for` runs out or the node's next 'online' action, whichever comes first;
      // without either, until the end of the run.
      const back = all.filter((o) => o.do === 'online' && o.node === a.node && o.at > a.at).map((o) => o.at);
      const end = Math.min(a.for === undefined ? untilMs + 1 : a.at + a.for, ...back);
      return { atMs: a.at, node: a.node, do: 'offline', forMs: end - a.at };
    }
    case 'online':
      return { atMs: a.at, node: a.node, do: 'online' };
    case 'unresponsive':
      return { atMs: a.at, node: a.node, do: 'unresponsive', forMs: a.for === undefined ? untilMs + 1 : a.for };
    case 'fail':
      return { atMs: a.at, node: a.node, do: 'fail' };
    case 'open':
      throw new Error('resolveAction: open actions are resolved with the channels');
    case 'set-policy': {
      const channel = need(a.channel, 'channel', 'a channel id such as alice-bob');
      if (!channels.has(channel)) throw new ScenarioError('unknown-channel', `unknown channel '${channel}'`, `${path}.channel`);
      const policy = {
        ...(a.feeBase !== undefined ? { feeBaseMsat: a.feeBase } : {}),
        ...(a.feePpm !== undefined ? { feePpm: a.feePpm } : {}),
        ...(a.cltvDelta !== undefined ? { cltvDelta: a.cltvDelta } : {}),
      };
      return { atMs: a.at, node: a.node, do: 'set-policy', channel, policy };
    }
    case 'pay': {
      const to = need(a.to, 'to', 'a node');
      checkNode(to, `${path}.to`);
      return { atMs: a.at, node: a.node, do: 'pay', to, amountMsat: need(a.amount, 'amount', "an amount such as '10 sat'") };
    }
  }
}
