/**
 * Import of a sim-ln `sim_network` JSON: `{ "sim_network": [{ scid, capacity_msat, forward_only?,
 * node_1: { pubkey, alias?, max_htlc_count, max_in_flight_msat, min_htlc_size_msat,
 * max_htlc_size_msat, cltv_expiry_delta, base_fee, fee_rate_prop }, node_2: … }], "exclude"?: [] }`.
 * Each side's limits are its own direction's (node_1's apply to HTLCs node_1 offers), as sim-ln
 * enforces them; nothing is averaged or shared. Balances are not in the file: the scenario splits.
 */
import { z } from 'zod';
import { ScenarioError } from '../../errors.js';
import type { ImportedChannel, ImportedDirection, ImportedGraph } from './imported.js';
import { nodeId, parseRow, Tally, whole } from './rows.js';

const sideSchema = z.object({
  pubkey: nodeId,
  alias: z.string().max(200).optional(),
  max_htlc_count: whole('a number of HTLCs').optional(),
  max_in_flight_msat: whole('an amount in msat').optional(),
  min_htlc_size_msat: whole('an amount in msat').optional(),
  max_htlc_size_msat: whole('an amount in msat').optional(),
  cltv_expiry_delta: whole('a delta in blocks').optional(),
  base_fee: z.number({ message: 'expected a base fee in msat (a number)' }).int().nonnegative().optional(),
  fee_rate_prop: z.number({ message: 'expected a fee rate in millionths (a number)' }).int().nonnegative().optional(),
});

const channelSchema = z.object({
  scid: z.union([z.number().int().nonnegative(), z.string().min(1)]),
  capacity_msat: whole('a capacity in msat'),
  forward_only: z.boolean().optional(),
  node_1: sideSchema,
  node_2: sideSchema,
});

type Side = z.output<typeof sideSchema>;

export function isSimLn(data: unknown): data is { sim_network: unknown[]; exclude?: unknown } {
  return typeof data === 'object' && data !== null && Array.isArray((data as { sim_network?: unknown }).sim_network);
}

export function fromSimLn(data: { sim_network: unknown[]; exclude?: unknown }, file: string): ImportedGraph {
  const tally = new Tally();
  const aliases = new Map<string, string>();
  const seen = new Map<string, number>();
  const channels: ImportedChannel[] = [];
  data.sim_network.forEach((raw, i) => {
    const path = `sim_network[${i}]`;
    const c = parseRow(channelSchema, raw, file, path);
    const id = String(c.scid);
    if (seen.has(id)) throw new ScenarioError('bad-import', `duplicate scid ${id} (also sim_network[${seen.get(id)}]); expected each channel once`, `${path}.scid`, file);
    seen.set(id, i);
    if (c.node_1.pubkey === c.node_2.pubkey) throw new ScenarioError('bad-import', 'expected two different nodes, got the same twice', `${path}.node_2.pubkey`, file);
    if (c.capacity_msat === 0) throw new ScenarioError('bad-import', 'expected a positive capacity_msat, got 0', `${path}.capacity_msat`, file);
    for (const side of [c.node_1, c.node_2]) if (side.alias) aliases.set(side.pubkey, side.alias);
    const directions = [direction(c.node_1, c.capacity_msat), direction(c.node_2, c.capacity_msat)] as const;
    channels.push({ channelId: id, between: [c.node_1.pubkey, c.node_2.pubkey], capacityMsat: c.capacity_msat, directions, ...(c.forward_only ? { forwardOnly: true } : {}) });
  });
  const exclude = data.exclude === undefined ? [] : parseRow(z.array(nodeId), data.exclude, file, 'exclude');
  for (const c of channels) if (c.forwardOnly) tally.add('{n} channels are forward_only: nodes without another channel are left out of generated payments');
  return { nodes: [...new Set(channels.flatMap((c) => c.between))], channels, aliases, excluded: [...exclude, ...forwardOnlyNodes(channels)], warnings: tally.lines(file) };
}

function direction(s: Side, capacityMsat: number): ImportedDirection {
  const below = (v: number | undefined): number | undefined => (v !== undefined && v > 0 && v < capacityMsat ? v : undefined);
  const limits = { maxHtlcs: s.max_htlc_count, maxHtlcMsat: below(s.max_htlc_size_msat), maxInFlightMsat: below(s.max_in_flight_msat) };
  return {
    policy: { feeBaseMsat: s.base_fee ?? 0, feePpm: s.fee_rate_prop ?? 0, cltvDelta: s.cltv_expiry_delta ?? 40, minHtlcMsat: s.min_htlc_size_msat ?? 0, disabled: false },
    ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)),
  };
}

/** Nodes whose every channel is forward-only (sim-ln picks random senders among the others). */
function forwardOnlyNodes(channels: readonly ImportedChannel[]): string[] {
  const other = new Set(channels.filter((c) => !c.forwardOnly).flatMap((c) => c.between));
  return [...new Set(channels.filter((c) => c.forwardOnly).flatMap((c) => c.between))].filter((n) => !other.has(n));
}
