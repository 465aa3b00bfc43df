/**
 * Import of an lnd `describegraph` JSON snapshot. Numbers are decimal strings (older dumps) or
 * numbers; a null policy means that direction cannot forward (counted, not fatal: real dumps have
 * them). Each row is checked: a missing or duplicate channel_id, a missing node, a capacity or
 * fee that is not a whole non-negative number is an error naming the row and the field.
 * lnd's inbound fees (0.18+) are not modelled: they are counted and reported once.
 */
import { z } from 'zod';
import { ScenarioError } from '../../errors.js';
import type { ChannelEdge, Policy } from '../../router/index.js';
import { InputLog } from '../inputs.js';
import { MSAT_PER_SAT } from '../../units.js';
import type { ImportedChannel, ImportedDirection, ImportedGraph } from './imported.js';
import { JsonRows } from './jsonRows.js';
import { plainEdge } from './lndRows.js';
import { nodeId, parseRow, Tally, whole } from './rows.js';

const policySchema = z.object({
  time_lock_delta: whole('a time lock delta in blocks').optional(),
  min_htlc: whole('an amount in msat').optional(),
  fee_base_msat: whole('a base fee in msat').optional(),
  fee_rate_milli_msat: whole('a fee rate in millionths').optional(),
  disabled: z.boolean().optional(),
  max_htlc_msat: whole('an amount in msat').optional(),
  inbound_fee_base_msat: z.union([z.number(), z.string()]).optional(),
  inbound_fee_rate_milli_msat: z.union([z.number(), z.string()]).optional(),
});

export const edgeSchema = z.object({
  channel_id: z.union([z.string().regex(/^\d+$/, { message: 'expected a channel id (decimal digits)' }), z.number().int().nonnegative()]),
  node1_pub: nodeId,
  node2_pub: nodeId,
  capacity: whole('a capacity in sat'),
  node1_policy: policySchema.nullable().optional(),
  node2_policy: policySchema.nullable().optional(),
});

const nodeSchema = z.object({ pub_key: nodeId, alias: z.string().max(200).optional() });

type LndPolicy = z.output<typeof policySchema>;

export function isLndGraph(data: unknown): data is { edges: unknown[] } {
  return typeof data === 'object' && data !== null && Array.isArray((data as { edges?: unknown }).edges);
}

/** A list of rows: parsed already, or parsed one at a time as they are visited (jsonRows.ts). */
type Rows = readonly unknown[] | JsonRows;

const isRows = (v: unknown): v is Rows => Array.isArray(v) || v instanceof JsonRows;

export function fromLndGraph(data: { edges: Rows; nodes?: unknown }, file: string): ImportedGraph {
  const tally = new Tally();
  const node = internedIds();
  const aliases = new Map<string, string>();
  const listed: string[] = [];
  if (data.nodes !== undefined) {
    if (!isRows(data.nodes)) throw new ScenarioError('bad-import', 'expected a list of nodes', 'nodes', file);
    data.nodes.forEach((n, i) => {
      const row = parseRow(nodeSchema, n, file, `nodes[${i}]`);
      const id = node(row.pub_key);
      listed.push(id);
      if (row.alias) aliases.set(id, row.alias);
    });
  }
  const ids = new Map<string, number>();
  const channels: ImportedChannel[] = [];
  const policies = new Map<string, Policy>();
  data.edges.forEach((e, i) => {
    const path = `edges[${i}]`;
    const edge = plainEdge(e) ?? parseRow(edgeSchema, e, file, path);
    const id = String(edge.channel_id);
    const first = ids.get(id);
    if (first !== undefined) throw new ScenarioError('bad-import', `duplicate channel_id ${id} (also edges[${first}]); expected each channel once`, `${path}.channel_id`, file);
    ids.set(id, i);
    if (edge.node1_pub === edge.node2_pub) return tally.add('dropped {n} channels from a node to itself');
    if (edge.capacity === 0) return tally.add('dropped {n} channels of zero capacity');
    const capacityMsat = edge.capacity * MSAT_PER_SAT;
    if (!Number.isSafeInteger(capacityMsat)) throw new ScenarioError('bad-import', `capacity ${edge.capacity} sat is beyond the safe limit`, `${path}.capacity`, file);
    const directions = [edge.node1_policy, edge.node2_policy].map((p) => direction(p ?? undefined, capacityMsat, tally, policies)) as [ImportedDirection, ImportedDirection];
    channels.push({ channelId: id, between: [node(edge.node1_pub), node(edge.node2_pub)], capacityMsat, directions });
  });
  const nodes = [...new Set([...listed, ...channels.flatMap((c) => c.between)])];
  return { nodes, channels, aliases, excluded: [], warnings: tally.lines(file) };
}

/**
 * One string per node id. JSON.parse makes a new 66-character string for every occurrence of a
 * node id (the 2019 snapshot has 66,000 of them for 3,664 nodes: 62,000 copies, 5.5 MB); every channel, key
 * map and report row then holds the same copy.
 */
function internedIds(): (id: string) => string {
  const seen = new Map<string, string>();
  return (id) => {
    const known = seen.get(id);
    if (known !== undefined) return known;
    seen.set(id, id);
    return id;
  };
}

/** `policies`: equal policies as one object (they are never changed): 62,000 directions share about a third as many. */
function direction(p: LndPolicy | undefined, capacityMsat: number, tally: Tally, policies: Map<string, Policy>): ImportedDirection {
  if (!p) {
    tally.add('{n} channel directions have no policy and cannot forward');
    return { policy: undefined };
  }
  if (Number(p.inbound_fee_base_msat ?? 0) !== 0 || Number(p.inbound_fee_rate_milli_msat ?? 0) !== 0) tally.add('{n} policies set inbound fees, which pcnsim ignores');
  const fields: Policy = {
    feeBaseMsat: p.fee_base_msat ?? 0,
    feePpm: p.fee_rate_milli_msat ?? 0,
    cltvDelta: p.time_lock_delta ?? 40,
    minHtlcMsat: p.min_htlc ?? 0,
    disabled: p.disabled === true,
  };
  const key = `${fields.feeBaseMsat}/${fields.feePpm}/${fields.cltvDelta}/${fields.minHtlcMsat}/${fields.disabled}`;
  let policy = policies.get(key);
  if (!policy) policies.set(key, (policy = fields));
  return { policy, ...(p.max_htlc_msat !== undefined && p.max_htlc_msat > 0 && p.max_htlc_msat < capacityMsat ? { maxHtlcMsat: p.max_htlc_msat } : {}) };
}

/** A describegraph file as router edges (for tools and tests that route on a snapshot directly). */
export function readLndGraph(file: string): { nodes: readonly string[]; channels: ChannelEdge[] } {
  const inputs = new InputLog(file);
  const text = inputs.readText(file, 'an lnd describegraph JSON (plain, .gz or .zip)');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError('bad-import', `invalid describegraph JSON: ${(error as Error).message}`, '', file);
  }
  if (!isLndGraph(data)) throw new ScenarioError('bad-import', "expected an lnd describegraph object with an 'edges' list", '', file);
  const graph = fromLndGraph(data, file);
  return { nodes: graph.nodes, channels: graph.channels.map((c) => ({ channelId: c.channelId, between: c.between, capacityMsat: c.capacityMsat, policies: [c.directions[0].policy, c.directions[1].policy] })) };
}
