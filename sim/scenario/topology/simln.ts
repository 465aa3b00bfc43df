/**
 * Import of a sim-ln `sim_network` JSON: `{ "sim_network": [{ scid, capacity_msat, node_1: {
 * pubkey, max_htlc_count, min_htlc_size_msat, cltv_expiry_delta, base_fee, fee_rate_prop, … },
 * node_2: … }] }`. Balances are not in the file: the caller chooses the split.
 */
import { ScenarioError } from '../../errors.js';
import type { ChannelEdge, Policy } from '../../router/graph.js';

interface SimLnPolicy {
  readonly pubkey: string;
  readonly max_htlc_count?: number;
  readonly min_htlc_size_msat?: number;
  readonly cltv_expiry_delta?: number;
  readonly base_fee?: number;
  readonly fee_rate_prop?: number;
}

interface SimLnChannel {
  readonly scid: number | string;
  readonly capacity_msat: number;
  readonly node_1: SimLnPolicy;
  readonly node_2: SimLnPolicy;
}

export interface ImportedGraph {
  readonly nodes: readonly string[];
  readonly channels: readonly (ChannelEdge & { readonly maxHtlcs?: number; readonly balances?: readonly [number, number] })[];
}

export function isSimLn(data: unknown): data is { sim_network: SimLnChannel[] } {
  return typeof data === 'object' && data !== null && Array.isArray((data as { sim_network?: unknown }).sim_network);
}

export function fromSimLn(data: { sim_network: SimLnChannel[] }, file: string): ImportedGraph {
  const channels = data.sim_network.map((c, i) => {
    const capacityMsat = Number(c.capacity_msat);
    if (!c.node_1?.pubkey || !c.node_2?.pubkey || !(capacityMsat > 0) || !Number.isSafeInteger(capacityMsat)) {
      throw new ScenarioError('bad-import', `sim_network[${i}]: expected node_1.pubkey, node_2.pubkey and a positive whole capacity_msat`, '', file);
    }
    const maxHtlcs = Math.min(c.node_1.max_htlc_count ?? 483, c.node_2.max_htlc_count ?? 483);
    return { channelId: String(c.scid), between: [c.node_1.pubkey, c.node_2.pubkey] as const, capacityMsat, policies: [policy(c.node_1), policy(c.node_2)] as const, maxHtlcs };
  });
  return { nodes: [...new Set(channels.flatMap((c) => c.between))], channels };
}

function policy(p: SimLnPolicy): Policy {
  return { feeBaseMsat: p.base_fee ?? 0, feePpm: p.fee_rate_prop ?? 0, cltvDelta: p.cltv_expiry_delta ?? 40, minHtlcMsat: p.min_htlc_size_msat ?? 0, disabled: false };
}
