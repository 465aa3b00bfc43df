/**
 * Resolves a scenario's `topology` section into nodes and channels: a seeded generator, or an
 * imported lnd describegraph snapshot (with its real forwarding policies). Snapshots carry no
 * balances: each channel's capacity is split half and half, or at a seeded random point.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { ChannelSpec } from '../../agents/network.js';
import { rngStream, type Rng } from '../../engine/rng.js';
import { ScenarioError } from '../../errors.js';
import type { Policy } from '../../router/index.js';
import type { Msat } from '../../units.js';
import type { ScenarioInput } from '../schema.js';
import { generateTopology } from './generate.js';
import { readCloth } from './cloth.js';
import { readLndGraph } from './lnd.js';
import { fromSimLn, isSimLn, type ImportedGraph } from './simln.js';

/** A CLoTH folder, a sim-ln sim_network JSON, or an lnd describegraph JSON (plain or gzip). */
function importGraph(path: string): ImportedGraph {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new ScenarioError('missing-file', 'no such file or folder; expected an lnd describegraph JSON (or .gz), a sim-ln sim_network JSON, or a CLoTH folder', '', path);
  }
  if (stat.isDirectory()) return readCloth(path);
  if (!path.endsWith('.gz')) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      data = undefined; // not plain JSON: let the lnd reader report it
    }
    if (isSimLn(data)) return fromSimLn(data, path);
  }
  return readLndGraph(path);
}

/** A channel's two sides as deposits: the virtual bank needs both > 0, so an empty side borrows 1 sat. */
function bothSides(balances: readonly [number, number]): [Msat, Msat] {
  const [a, b] = balances.map((x) => Math.max(0, Math.round(x / 1000) * 1000));
  if (a! === 0 && b! > 1000) return [1000 as Msat, (b! - 1000) as Msat];
  if (b! === 0 && a! > 1000) return [(a! - 1000) as Msat, 1000 as Msat];
  return [Math.max(a!, 1000) as Msat, Math.max(b!, 1000) as Msat];
}

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
    return bothSides([first, capacityMsat - first]);
  };
  if (t.import !== undefined) {
    const path = isAbsolute(t.import) ? t.import : join(dirname(file), t.import);
    let graph: ImportedGraph;
    try {
      graph = importGraph(path);
    } catch (error) {
      if (error instanceof ScenarioError) throw new ScenarioError(error.code, `${error.detail} (${path})`, 'topology.import');
      throw error;
    }
    return {
      nodes: graph.nodes,
      channels: graph.channels.map((c) => ({
        ...base,
        id: c.channelId,
        between: c.between,
        deposit: c.balances ? bothSides(c.balances) : split(c.capacityMsat),
        policies: c.policies,
        ...(c.maxHtlcs !== undefined ? { maxHtlcs: c.maxHtlcs } : {}),
      })),
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
