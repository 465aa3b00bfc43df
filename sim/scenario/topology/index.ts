/**
 * Resolves a scenario's `topology` section into nodes and channels: a seeded generator, or an
 * imported lnd describegraph snapshot (with its real forwarding policies). Snapshots carry no
 * balances: each channel's capacity is split half and half, or at a seeded random point.
 */
import { dirname, isAbsolute, join } from 'node:path';
import type { ChannelSpec } from '../../agents/network.js';
import { rngStream, type Rng } from '../../engine/rng.js';
import { ScenarioError } from '../../errors.js';
import type { Policy } from '../../router/index.js';
import type { Msat } from '../../units.js';
import type { ScenarioInput } from '../schema.js';
import { generateTopology } from './generate.js';
import { readLndGraph } from './lnd.js';

export interface ResolvedTopology {
  readonly nodes: readonly string[];
  readonly channels: readonly ChannelSpec[];
}

export function resolveTopology(input: ScenarioInput, file: string, base: Omit<ChannelSpec, 'id' | 'between' | 'deposit'>): ResolvedTopology | undefined {
  const t = input.topology;
  if (!t) return undefined;
  if ((t.generate === undefined) === (t.import === undefined)) {
    throw new ScenarioError('bad-value', "expected exactly one of 'generate' (a generator name) or 'import' (a describegraph file)", 'topology');
  }
  const rng = rngStream(input.seed ?? 1, 'topology');
  const split = (capacityMsat: number): [Msat, Msat] => {
    // Whole sat on each side; 'random' puts between 10% and 90% on the first side.
    const share = t.balance === 'random' ? 0.1 + 0.8 * rng.next() : 0.5;
    const first = Math.round((capacityMsat * share) / 1000) * 1000;
    return [first as Msat, (capacityMsat - first) as Msat];
  };
  if (t.import !== undefined) {
    const path = isAbsolute(t.import) ? t.import : join(dirname(file), t.import);
    let graph;
    try {
      graph = readLndGraph(path);
    } catch (error) {
      if (error instanceof ScenarioError) throw new ScenarioError(error.code, `${error.detail} (${path})`, 'topology.import');
      throw error;
    }
    return {
      nodes: graph.nodes,
      channels: graph.channels.map((c) => ({ ...base, id: c.channelId, between: c.between, deposit: split(c.capacityMsat), policies: c.policies })),
    };
  }
  const nodes = t.nodes ?? 100;
  if (nodes < 2 || nodes > 1_000_000) throw new ScenarioError('bad-value', `expected between 2 and 1000000 nodes, got ${nodes}`, 'topology.nodes');
  const generated = generateTopology(
    {
      kind: t.generate!,
      nodes,
      degree: t.degree ?? 2,
      capacityMedianMsat: t.capacity?.median ?? 1_000_000_000,
      capacitySigma: t.capacity?.sigma ?? 1,
    },
    rng as Rng,
  );
  return {
    nodes: generated.nodes,
    channels: generated.channels.map((c) => ({ ...base, id: `${c.between[0]}-${c.between[1]}`, between: c.between, deposit: split(c.capacityMsat) })),
  };
}

export type { Policy };
