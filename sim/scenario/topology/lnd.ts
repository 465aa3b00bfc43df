/**
 * Import of an lnd `describegraph` JSON snapshot (plain or gzip) into router channel edges.
 * Numbers in the snapshot are decimal strings; a missing policy means that direction cannot
 * forward. Balances are not in a snapshot: the caller chooses the split.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ScenarioError } from '../../errors.js';
import type { ChannelEdge, Policy } from '../../router/graph.js';
import { MSAT_PER_SAT } from '../../units.js';

interface LndPolicy {
  readonly time_lock_delta?: number | string;
  readonly min_htlc?: number | string;
  readonly fee_base_msat?: number | string;
  readonly fee_rate_milli_msat?: number | string;
  readonly disabled?: boolean;
}

interface LndEdge {
  readonly channel_id: string;
  readonly node1_pub: string;
  readonly node2_pub: string;
  readonly capacity: number | string;
  readonly node1_policy: LndPolicy | null;
  readonly node2_policy: LndPolicy | null;
}

export interface LndGraph {
  readonly nodes: readonly string[];
  readonly channels: readonly ChannelEdge[];
}

export function readLndGraph(file: string): LndGraph {
  let text: string;
  try {
    const raw = readFileSync(file);
    text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
  } catch {
    throw new ScenarioError('missing-file', 'cannot read the describegraph file (plain or gzip JSON)', '', file);
  }
  let data: { nodes?: { pub_key: string }[]; edges?: LndEdge[] };
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError('bad-syntax', `invalid describegraph JSON: ${(error as Error).message}`, '', file);
  }
  if (!Array.isArray(data.edges)) throw new ScenarioError('bad-syntax', "expected an lnd describegraph object with an 'edges' list", '', file);
  const channels: ChannelEdge[] = [];
  for (const e of data.edges) {
    const capacityMsat = Number(e.capacity) * MSAT_PER_SAT;
    if (!e.node1_pub || !e.node2_pub || e.node1_pub === e.node2_pub || !(capacityMsat > 0)) continue;
    channels.push({ channelId: String(e.channel_id), between: [e.node1_pub, e.node2_pub], capacityMsat, policies: [toPolicy(e.node1_policy), toPolicy(e.node2_policy)] });
  }
  const nodes = [...new Set([...(data.nodes ?? []).map((n) => n.pub_key), ...channels.flatMap((c) => c.between)])];
  return { nodes, channels };
}

function toPolicy(p: LndPolicy | null): Policy | undefined {
  if (!p) return undefined;
  return {
    feeBaseMsat: Number(p.fee_base_msat ?? 0),
    feePpm: Number(p.fee_rate_milli_msat ?? 0),
    cltvDelta: Number(p.time_lock_delta ?? 40),
    minHtlcMsat: Number(p.min_htlc ?? 0),
    disabled: p.disabled === true,
  };
}
