/**
 * Import of a CLoTH network folder: `nodes.csv` (id), `channels.csv` (id, edge1_id, edge2_id,
 * node1_id, node2_id, capacity) and `edges.csv` (id, channel_id, counter_edge_id, from_node_id,
 * to_node_id, balance, fee_base, fee_proportional, min_htlc, timelock); CLoTH's `_ln` file names
 * are accepted too. Amounts are millisatoshi, as in CLoTH; each edge's balance is its side of
 * the channel.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError } from '../../errors.js';
import type { Policy } from '../../router/graph.js';
import type { ImportedGraph } from './simln.js';

export function readCloth(dir: string): ImportedGraph {
  const channels = table(dir, 'channels', ['id', 'node1_id', 'node2_id', 'capacity']);
  const edges = table(dir, 'edges', ['id', 'channel_id', 'from_node_id', 'to_node_id', 'balance', 'fee_base', 'fee_proportional', 'min_htlc', 'timelock']);
  const byChannel = new Map<string, Record<string, string>[]>();
  for (const e of edges) {
    const list = byChannel.get(e.channel_id!) ?? [];
    list.push(e);
    byChannel.set(e.channel_id!, list);
  }
  const out = channels.map((c) => {
    const [a, b] = [`n${c.node1_id}`, `n${c.node2_id}`] as const;
    const sideOf = (e: Record<string, string>): 0 | 1 => (`n${e.from_node_id}` === a ? 0 : 1);
    const policies: [Policy | undefined, Policy | undefined] = [undefined, undefined];
    const balances: [number, number] = [0, 0];
    for (const e of byChannel.get(c.id!) ?? []) {
      const side = sideOf(e);
      policies[side] = { feeBaseMsat: num(e.fee_base), feePpm: num(e.fee_proportional), cltvDelta: num(e.timelock), minHtlcMsat: num(e.min_htlc), disabled: false };
      balances[side] = num(e.balance);
    }
    return { channelId: `cloth${c.id}`, between: [a, b] as const, capacityMsat: num(c.capacity), policies, balances };
  });
  return { nodes: [...new Set(out.flatMap((c) => c.between))], channels: out };
}

function table(dir: string, name: string, required: readonly string[]): Record<string, string>[] {
  const file = [join(dir, `${name}.csv`), join(dir, `${name}_ln.csv`)].find(existsSync);
  if (!file) throw new ScenarioError('missing-file', `a CLoTH folder needs ${name}.csv (or ${name}_ln.csv)`, '', dir);
  const [header, ...rows] = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const columns = (header ?? '').split(',').map((s) => s.trim());
  for (const col of required) if (!columns.includes(col)) throw new ScenarioError('bad-import', `${name}.csv lacks the column '${col}'`, '', file);
  return rows.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i] ?? `c${i}`, v.trim()])));
}

function num(text: string | undefined): number {
  const n = Number(text);
  return Number.isFinite(n) ? n : 0;
}
