/**
 * Resolves a scenario's `topology` section into nodes and channels: a seeded generator, or an
 * imported file with its real per-direction policies and limits: an lnd describegraph (plain,
 * .gz or .zip), a Core Lightning listchannels, a sim-ln sim_network, or a CLoTH folder. Files
 * without balances have each channel's capacity split half and half, or at a seeded random point.
 * Imported channels exist from genesis unless `funding: chain` (sim-ln and CLoTH users expect
 * payments at t = 0 to work).
 */
import { statSync } from 'node:fs';
import type { ChannelSpec, DirectionLimits } from '../../agents/index.js';
import { rngStream, type Rng } from '../../engine/index.js';
import { InvariantError, ScenarioError } from '../../errors.js';
import type { Policy } from '../../router/index.js';
import type { Msat } from '../../units.js';
import type { InputLog } from '../inputs.js';
import { MAX_CHANNELS, MAX_NODES } from '../limits.js';
import type { ScenarioInput } from '../schema.js';
import { readCloth } from './cloth.js';
import { fromClnChannels, isClnChannels } from './cln.js';
import { generateTopology } from './generate.js';
import type { ImportedGraph } from './imported.js';
import { JsonRows, readMembers } from './jsonRows.js';
import { fromLndGraph, isLndGraph } from './lnd.js';
import { fromSimLn, isSimLn } from './simln.js';

const FORM = 'an lnd describegraph JSON (plain, .gz or .zip), a Core Lightning listchannels JSON, a sim-ln sim_network JSON, or a CLoTH folder';

/**
 * Imported graphs parsed in this thread, by full path, with the hash of the bytes they came from.
 * A sweep's runs in one thread (and its points' validation) import the same file again and again;
 * parsing a real snapshot dominates a short run, so a file whose bytes hash the same is not
 * parsed again. The bytes are still read and hashed every time (the report's inputs record it),
 * and an ImportedGraph is never changed after it is made (readonly throughout), so sharing it
 * is safe. CLoTH folders (several files) are read each time.
 */
const parsed = new Map<string, { readonly sha256: string; readonly graph: ImportedGraph }>();
/** Graphs kept at most (a long-lived process sweeping many files does not grow without bound). */
const PARSED_MAX = 4;

/** Reads any supported file or folder; the format is recognised from its content. */
export function importGraph(path: string, inputs: InputLog): ImportedGraph {
  const full = inputs.resolve(path);
  let isDir = false;
  try {
    isDir = statSync(full).isDirectory();
  } catch {
    // readBytes reports the missing file with the reason
  }
  if (isDir) return readCloth(full, inputs, path);
  const file = inputs.readBytes(path, FORM);
  const known = parsed.get(full);
  if (known?.sha256 === file.sha256) return known.graph;
  const graph = parseGraph(inputs, file, full);
  parsed.delete(full);
  parsed.set(full, { sha256: file.sha256, graph });
  if (parsed.size > PARSED_MAX) parsed.delete(parsed.keys().next().value!);
  return graph;
}

/**
 * Drops the graphs kept for later imports. A process that has resolved every scenario it will run
 * (`pcnsim run`, a bench workload) calls it: the run's channels no longer need the graph, which
 * kept the 2019 snapshot's 31,000 imported channels alive through the run (7 MB live).
 */
export function forgetImportedGraphs(): void {
  parsed.clear();
}

let graphsParsed = 0;

/** How many imported graphs this thread has parsed (each file once while its bytes stay the same). */
export function parsedGraphCount(): number {
  return graphsParsed;
}

function parseGraph(inputs: InputLog, file: { readonly full: string; readonly bytes: Buffer }, full: string): ImportedGraph {
  graphsParsed++;
  // Whole-text parsing reports what is wrong with a file the row reader does not take.
  const whole = (): ImportedGraph => graphOf(parseJson(inputs.textOf(file, FORM), full), full);
  const invalid = (): never => {
    whole();
    throw new InvariantError('json-rows', `${full}: a row was refused but the whole text parses`);
  };
  // An lnd describegraph is read row by row (jsonRows.ts); every other file whole.
  const members = readMembers(inputs.unpacked(file, FORM), ['edges', 'nodes'], invalid);
  if (members && !isSimLn(members) && members.edges instanceof JsonRows) return fromLndGraph(members as { edges: JsonRows }, full);
  return whole();
}

function parseJson(text: string, full: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ScenarioError('bad-import', `is not valid JSON (${(error as Error).message}); expected ${FORM}`, '', full);
  }
}

function graphOf(data: unknown, full: string): ImportedGraph {
  if (isSimLn(data)) return fromSimLn(data, full);
  if (isLndGraph(data)) return fromLndGraph(data, full);
  if (isClnChannels(data)) return fromClnChannels(data, full);
  throw new ScenarioError('bad-import', `has neither 'edges' (lnd), 'channels' (Core Lightning) nor 'sim_network' (sim-ln); expected ${FORM}`, '', full);
}

/** A channel's two sides as deposits: the virtual bank needs both > 0, so an empty side borrows 1 sat. */
function bothSides([a, b]: readonly [number, number]): [Msat, Msat] {
  if (a === 0 && b > 1000) return [1000 as Msat, (b - 1000) as Msat];
  if (b === 0 && a > 1000) return [(a - 1000) as Msat, 1000 as Msat];
  return [Math.max(a, 1) as Msat, Math.max(b, 1) as Msat];
}

export interface ResolvedTopology {
  readonly nodes: readonly string[];
  readonly channels: readonly ChannelSpec[];
  readonly aliases: ReadonlyMap<string, string>;
  readonly excluded: readonly string[];
  readonly warnings: readonly string[];
}

type Base = Omit<ChannelSpec, 'id' | 'between' | 'deposit'> & { readonly policy: Policy };

export function resolveTopology(input: ScenarioInput, base: Base, inputs: InputLog): ResolvedTopology | undefined {
  const t = input.topology;
  if (!t) return undefined;
  if ((t.generate === undefined) === (t.import === undefined)) {
    throw new ScenarioError('bad-value', "expected exactly one of 'generate' (a generator name) or 'import' (a file)", 'topology');
  }
  // The network's own seed: `--seed` re-seeds the run on the same network (scenarios/README.md).
  const rng = rngStream(t.seed ?? input.seed ?? 1, 'topology');
  const split = (capacityMsat: number): [Msat, Msat] => {
    // Whole sat on each side; 'random' puts between 10% and 90% on the first side.
    const share = t.balance === 'random' ? 0.1 + 0.8 * rng.next() : 0.5;
    const first = Math.round((capacityMsat * share) / 1000) * 1000;
    return bothSides([first, capacityMsat - first]);
  };
  if (t.import !== undefined) {
    let graph: ImportedGraph;
    try {
      graph = importGraph(t.import, inputs);
    } catch (error) {
      if (error instanceof ScenarioError) throw inputs.located(error, 'topology.import');
      throw error;
    }
    if (graph.nodes.length > MAX_NODES || graph.channels.length > MAX_CHANNELS) {
      throw new ScenarioError('run-too-long', `${graph.nodes.length} nodes and ${graph.channels.length} channels; expected at most ${MAX_NODES} nodes and ${MAX_CHANNELS} channels`, 'topology.import');
    }
    const funding = t.funding ?? 'genesis';
    return {
      nodes: graph.nodes,
      aliases: graph.aliases,
      excluded: graph.excluded,
      warnings: graph.warnings,
      // Object.assign, not a spread: in V8 a spread literal gets a hidden class of its own (31,000 here).
      channels: graph.channels.map((c) =>
        Object.assign({}, base, funding === 'genesis' ? { confirmations: 1 } : undefined, {
          funding,
          id: c.channelId,
          between: c.between,
          deposit: c.balances ? bothSides(c.balances) : split(c.capacityMsat),
          policies: [c.directions[0].policy, c.directions[1].policy] as const,
          directions: [limitsOf(c.directions[0], base), limitsOf(c.directions[1], base)] as const,
        }),
      ),
    };
  }
  const nodes = t.nodes ?? 100;
  if (nodes < 2 || nodes > MAX_NODES) throw new ScenarioError('bad-value', `expected between 2 and ${MAX_NODES} nodes, got ${nodes}`, 'topology.nodes');
  const degree = t.degree ?? 2;
  if (nodes * degree > 2 * MAX_CHANNELS) throw new ScenarioError('bad-value', `${nodes} nodes of degree ${degree} make ≈ ${(nodes * degree) / 2} channels; expected at most ${MAX_CHANNELS}`, 'topology.degree');
  const generated = generateTopology({ kind: t.generate!, nodes, degree, capacityMedianMsat: t.capacity?.median ?? 1_000_000_000, capacitySigma: t.capacity?.sigma ?? 1 }, rng as Rng);
  const funding = t.funding ?? base.funding ?? 'chain';
  return {
    nodes: generated.nodes,
    aliases: new Map(),
    excluded: [],
    warnings: [],
    channels: generated.channels.map((c) => Object.assign({}, base, funding === 'genesis' ? { confirmations: 1 } : undefined, { funding, id: `${c.between[0]}-${c.between[1]}`, between: c.between, deposit: split(c.capacityMsat) })),
  };
}

const OPTIONAL_LIMITS = ['maxHtlcMsat', 'minHtlcMsat', 'maxInFlightMsat', 'reserveMsat'] as const;

/** A file's limits for one direction over the scenario's defaults (a file's own value wins; the minimum is the file's alone). */
function limitsOf(d: DirectionLimits, base: Base): DirectionLimits {
  const fallback = base.directions?.[0] ?? {};
  // Only the limits that are set, added one by one: no entry arrays for the 62,000 directions of a real snapshot.
  const out: { -readonly [K in keyof DirectionLimits]: DirectionLimits[K] } = { maxHtlcs: d.maxHtlcs ?? fallback.maxHtlcs ?? base.maxHtlcs };
  for (const key of OPTIONAL_LIMITS) {
    const value = key === 'minHtlcMsat' ? d[key] : d[key] ?? fallback[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
