/**
 * Scripted actions → ActionSpecs, with every refusal that can be known before the run made an
 * error here (exit 2) rather than a silent no-op later: a node acting on a channel it is not a
 * party of, a move on a channel before it opens or after a scripted close. Which fields each
 * action takes is the schema's (one shape per `do`). What only the run can tell (a sequence
 * that never existed) is reported by the run as a refused action.
 */
import type { ActionSpec, ChannelSpec } from '../agents/index.js';
import { ScenarioError } from '../errors.js';
import { sequence } from '../units.js';
import type { ScenarioInput } from './schema.js';

type ActionInput = NonNullable<ScenarioInput['actions']>[number];

export interface KnownChannel {
  readonly spec: Pick<ChannelSpec, 'between' | 'kind' | 'funding' | 'confirmations'>;
  /** When it opens: 0 for listed channels, the action's time for opened ones. */
  readonly openAtMs: number;
  /** The action that opens it, if any. */
  readonly openedBy?: number;
}

export function resolveActions(
  actions: readonly ActionInput[],
  channels: ReadonlyMap<string, KnownChannel>,
  opens: ReadonlyMap<number, ChannelSpec>,
  checkNode: (node: string, path: string) => void,
  untilMs: number,
  listed: (names: readonly string[]) => string,
): ActionSpec[] {
  // The first scripted move that ends each channel (a close, a broadcast, a party's failure).
  const ended = new Map<string, { atMs: number; index: number }>();
  const failed = new Map<string, { atMs: number; index: number }>();
  const earliest = (map: Map<string, { atMs: number; index: number }>, key: string, atMs: number, index: number): void => {
    const seen = map.get(key);
    if (!seen || atMs < seen.atMs) map.set(key, { atMs, index });
  };
  actions.forEach((a, i) => {
    if (a.do === 'fail') earliest(failed, a.node, a.at, i);
    if (a.do === 'close' || a.do === 'broadcast') earliest(ended, a.channel, a.at, i);
  });
  return actions.map((a, i) => {
    const path = `actions[${i}]`;
    if (a.do === 'open') return { atMs: a.at, node: a.node, do: 'open', channel: opens.get(i)! };
    checkNode(a.node, `${path}.node`);
    const channelOf = (id: string): string => {
      const known = channels.get(id);
      if (!known) throw new ScenarioError('unknown-channel', `unknown channel '${id}'; expected one of: ${listed([...channels.keys()])}`, `${path}.channel`);
      if (!known.spec.between.includes(a.node)) {
        throw new ScenarioError('not-a-party', `${a.node} is not a party of ${id} (${known.spec.between.join(' and ')}); expected node to be one of them`, `${path}.node`);
      }
      if (a.at < known.openAtMs) throw new ScenarioError('channel-not-open', `${id} is opened by actions[${known.openedBy}] at ${seconds(known.openAtMs)}; expected a time after that`, `${path}.at`);
      const end = ended.get(id);
      if (end && end.atMs <= a.at && end.index !== i && a.do !== 'set-policy') {
        throw new ScenarioError('channel-closed', `${id} is already closed by actions[${end.index}] at ${seconds(end.atMs)}; expected one close or broadcast per channel`, `${path}.at`);
      }
      for (const party of known.spec.between) {
        const f = failed.get(party);
        if (f && f.atMs <= a.at && f.index !== i) throw new ScenarioError('channel-closed', `${party} fails at ${seconds(f.atMs)} (actions[${f.index}]) and its peers close ${id}; expected a time before that`, `${path}.at`);
      }
      return id;
    };
    switch (a.do) {
      case 'broadcast':
      case 'close': {
        const channel = channelOf(a.channel);
        return a.do === 'close'
          ? { atMs: a.at, node: a.node, do: 'close', channel }
          : { atMs: a.at, node: a.node, do: 'broadcast', channel, ...(a.sequence !== undefined ? { sequence: sequence(a.sequence) } : {}) };
      }
      case 'offline': {
        // Offline until `for` runs out or the node's next 'online' action, whichever comes first;
        // without either, until the end of the run.
        const back = actions.filter((o) => o.do === 'online' && o.node === a.node && o.at > a.at).map((o) => o.at);
        const end = Math.min(a.for === undefined ? untilMs + 1 : a.at + a.for, ...back);
        return { atMs: a.at, node: a.node, do: 'offline', forMs: end - a.at };
      }
      case 'online':
        return { atMs: a.at, node: a.node, do: 'online' };
      case 'unresponsive':
        return { atMs: a.at, node: a.node, do: 'unresponsive', forMs: a.for === undefined ? untilMs + 1 : a.for };
      case 'fail':
        return { atMs: a.at, node: a.node, do: 'fail' };
      case 'set-policy': {
        const channel = channelOf(a.channel);
        if (channels.get(channel)!.spec.kind === 'one-way') throw new ScenarioError('bad-value', `${channel} is a one-way channel, which forwards nothing; expected a channel that forwards`, `${path}.channel`);
        if (a.feeBase === undefined && a.feePpm === undefined && a.cltvDelta === undefined) throw new ScenarioError('missing-field', "missing; expected feeBase, feePpm or cltvDelta for 'set-policy'", path);
        const policy = {
          ...(a.feeBase !== undefined ? { feeBaseMsat: a.feeBase } : {}),
          ...(a.feePpm !== undefined ? { feePpm: a.feePpm } : {}),
          ...(a.cltvDelta !== undefined ? { cltvDelta: a.cltvDelta } : {}),
        };
        return { atMs: a.at, node: a.node, do: 'set-policy', channel, policy };
      }
      case 'probe': {
        // The prober is no party of the channel it probes: it pays through it to `to`, a party.
        const channel = a.channel;
        const known = channels.get(channel);
        if (!known) throw new ScenarioError('unknown-channel', `unknown channel '${channel}'; expected one of: ${listed([...channels.keys()])}`, `${path}.channel`);
        const to = a.to;
        checkNode(to, `${path}.to`);
        if (!known.spec.between.includes(to)) throw new ScenarioError('not-a-party', `${to} is not a party of ${channel} (${known.spec.between.join(' and ')}); expected the party the probes pay`, `${path}.to`);
        if (to === a.node) throw new ScenarioError('self-payment', `expected two different nodes, got ${to} twice`, `${path}.to`);
        return { atMs: a.at, node: a.node, do: 'probe', channel, to, precisionMsat: a.precision };
      }
      case 'pay': {
        checkNode(a.to, `${path}.to`);
        if (a.to === a.node) throw new ScenarioError('self-payment', `expected two different nodes, got ${a.to} twice`, `${path}.to`);
        return { atMs: a.at, node: a.node, do: 'pay', to: a.to, amountMsat: a.amount };
      }
    }
  });
}

/** A time for messages: '90 s', '2 h'. */
export function seconds(ms: number): string {
  const s = ms / 1000;
  if (s >= 86_400 && s % 3600 === 0) return `${s / 3600} h`;
  if (s >= 120 && s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}
