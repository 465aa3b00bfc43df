/**
 * Import of a CLoTH network folder: `nodes.csv` (id), `channels.csv` (id, edge1_id, edge2_id,
 * node1_id, node2_id, capacity) and `edges.csv` (id, channel_id, counter_edge_id, from_node_id,
 * to_node_id, balance, fee_base, fee_proportional, min_htlc, timelock); CLoTH's `_ln` file names
 * and its template headers (`capacity(millisat)`, `balance(millisat)`, …) are accepted, CRLF too.
 * Amounts are millisatoshi and kept exactly; each edge's balance is its side of the channel, and
 * the two must add up to the capacity.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { ScenarioError } from '../../errors.js';
import type { InputLog } from '../inputs.js';
import type { ImportedChannel, ImportedDirection, ImportedGraph } from './imported.js';
import { parseRow, whole } from './rows.js';

const id = z.string().regex(/^\d+$/, { message: 'expected a CLoTH id (digits)' });

const channelRow = z.object({ id, node1_id: id, node2_id: id, capacity: whole('a capacity in msat') });
const edgeRow = z.object({
  id,
  channel_id: id,
  from_node_id: id,
  to_node_id: id,
  balance: whole('a balance in msat'),
  fee_base: whole('a base fee in msat'),
  fee_proportional: whole('a fee rate in millionths'),
  min_htlc: whole('an amount in msat'),
  timelock: whole('a time lock delta in blocks'),
});

export function readCloth(dir: string, inputs: InputLog, shown: string): ImportedGraph {
  const channels = table(dir, 'channels', ['id', 'node1_id', 'node2_id', 'capacity'], inputs, shown);
  const edges = table(dir, 'edges', ['id', 'channel_id', 'from_node_id', 'to_node_id', 'balance', 'fee_base', 'fee_proportional', 'min_htlc', 'timelock'], inputs, shown);
  const out = new Map<string, { c: z.output<typeof channelRow>; directions: [ImportedDirection, ImportedDirection]; balances: [number, number]; sides: number }>();
  channels.rows.forEach((row, i) => {
    const c = parseRow(channelRow, row, channels.file, `row ${i + 2}`);
    if (c.node1_id === c.node2_id) throw new ScenarioError('bad-import', `channel ${c.id} joins node ${c.node1_id} to itself; expected two different nodes`, `row ${i + 2}.node2_id`, channels.file);
    if (out.has(c.id)) throw new ScenarioError('bad-import', `duplicate channel id ${c.id}`, `row ${i + 2}.id`, channels.file);
    if (c.capacity === 0) throw new ScenarioError('bad-import', 'expected a positive capacity, got 0', `row ${i + 2}.capacity`, channels.file);
    out.set(c.id, { c, directions: [{ policy: undefined }, { policy: undefined }], balances: [0, 0], sides: 0 });
  });
  edges.rows.forEach((row, i) => {
    const path = `row ${i + 2}`;
    const e = parseRow(edgeRow, row, edges.file, path);
    const entry = out.get(e.channel_id);
    if (!entry) throw new ScenarioError('bad-import', `unknown channel ${e.channel_id}; expected an id from channels.csv`, `${path}.channel_id`, edges.file);
    const { c } = entry;
    const side = e.from_node_id === c.node1_id && e.to_node_id === c.node2_id ? 0 : e.from_node_id === c.node2_id && e.to_node_id === c.node1_id ? 1 : undefined;
    if (side === undefined) throw new ScenarioError('bad-import', `edge ${e.id} goes ${e.from_node_id} → ${e.to_node_id}, but channel ${c.id} joins ${c.node1_id} and ${c.node2_id}`, `${path}.from_node_id`, edges.file);
    if (entry.directions[side]!.policy) throw new ScenarioError('bad-import', `channel ${c.id} has a second edge from node ${e.from_node_id}`, `${path}.id`, edges.file);
    entry.directions[side] = { policy: { feeBaseMsat: e.fee_base, feePpm: e.fee_proportional, cltvDelta: e.timelock, minHtlcMsat: e.min_htlc, disabled: false } };
    entry.balances[side] = e.balance;
    entry.sides++;
  });
  const result: ImportedChannel[] = [];
  for (const { c, directions, balances, sides } of out.values()) {
    if (sides > 0 && balances[0] + balances[1] !== c.capacity) {
      throw new ScenarioError('bad-import', `the balances of channel ${c.id} add up to ${balances[0] + balances[1]} msat; expected its capacity, ${c.capacity} msat`, `channel ${c.id}`, edges.file);
    }
    const split: [number, number] = sides > 0 ? balances : [Math.floor(c.capacity / 2), c.capacity - Math.floor(c.capacity / 2)];
    result.push({ channelId: `cloth${c.id}`, between: [`n${c.node1_id}`, `n${c.node2_id}`], capacityMsat: c.capacity, directions, balances: split });
  }
  const missing = result.filter((c) => !c.directions[0].policy || !c.directions[1].policy).length;
  const warnings = missing ? [`${edges.file}: ${missing} channels lack an edge in one direction and cannot forward that way`] : [];
  return { nodes: [...new Set(result.flatMap((c) => c.between))], channels: result, aliases: new Map(), excluded: [], warnings };
}

/** Rows of `name.csv` (or `name_ln.csv`) as records keyed by column; headers lose units such as `(millisat)`. */
export function table(dir: string, name: string, required: readonly string[], inputs: InputLog, shown: string): { file: string; rows: Record<string, string>[] } {
  const file = [join(dir, `${name}.csv`), join(dir, `${name}_ln.csv`)].find(existsSync);
  if (!file) throw new ScenarioError('missing-file', `expected a CLoTH folder with ${name}.csv (or ${name}_ln.csv)`, '', dir);
  const rel = join(shown, file.slice(dir.length + 1));
  const rows = csvRows(inputs.readText(rel, `CLoTH's ${name}.csv`), inputs.resolve(rel));
  const columns = (rows[0] ?? []).map((h) => h.trim().replace(/\s*\(.*\)$/, ''));
  for (const col of required) if (!columns.includes(col)) throw new ScenarioError('bad-import', `lacks the column '${col}'; expected a header with ${required.join(', ')}`, 'row 1', inputs.resolve(rel));
  return {
    file: inputs.resolve(rel),
    rows: rows.slice(1).map((cells, i) => {
      if (cells.length < required.length) throw new ScenarioError('bad-import', `has ${cells.length} columns; expected ${columns.length} (${columns.join(', ')})`, `row ${i + 2}`, inputs.resolve(rel));
      return Object.fromEntries(columns.map((col, k) => [col, (cells[k] ?? '').trim()]));
    }),
  };
}

/** CSV rows (quotes, CRLF and blank lines handled by csv-parse), each a list of cells. */
export function csvRows(text: string, file: string): string[][] {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    throw new ScenarioError('bad-import', `is not valid CSV: ${(error as Error).message.split('\n')[0]}`, '', file);
  }
}
