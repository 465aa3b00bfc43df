/**
 * Other tools' workloads, run as they are (`workload: { file }`):
 *
 * - sim-ln's defined activity, a JSON with `activity: [{ source, destination, amount_msat,
 *   interval_secs, start_secs?, count? }]` (a sim-ln sim.json, possibly the very file the topology
 *   came from). Nodes are public keys or aliases; `amount_msat` and `interval_secs` are a number or
 *   a range [min, max] drawn anew for each payment (seeded). Payment k of an activity is sent at
 *   start_secs + k × interval_secs; without `count`, until the run ends.
 * - CLoTH's `payments.csv`: id, sender_id, receiver_id, amount (msat), start_time (ms).
 *
 * Both become the scenario's listed payments, so the run sends the same pairs, amounts and times.
 */
import { z } from 'zod';
import type { PaymentSpec } from '../agents/index.js';
import { rngStream } from '../engine/index.js';
import { ScenarioError } from '../errors.js';
import { MAX_MSAT, type Msat } from '../units.js';
import type { InputLog } from './inputs.js';
import { MAX_LISTED_PAYMENTS } from './limits.js';
import { csvRows } from './topology/cloth.js';
import { nodeId, parseRow, whole } from './topology/rows.js';

const FORM = "a sim-ln activity JSON ({ \"activity\": [...] }) or a CLoTH payments.csv";

const valueOrRange = (what: string) => z.union([whole(what), z.tuple([whole(what), whole(what)])]);

const activitySchema = z.object({
  source: nodeId,
  destination: nodeId,
  amount_msat: valueOrRange('an amount in msat'),
  interval_secs: valueOrRange('an interval in seconds'),
  start_secs: whole('a start time in seconds').optional(),
  count: whole('a number of payments').optional(),
});

const clothPayment = z.object({
  id: z.string().regex(/^\d+$/, { message: 'expected a payment id (digits)' }),
  sender_id: z.string().regex(/^\d+$/, { message: 'expected a CLoTH node id (digits)' }),
  receiver_id: z.string().regex(/^\d+$/, { message: 'expected a CLoTH node id (digits)' }),
  amount: whole('an amount in msat'),
  start_time: whole('a start time in ms'),
});

export interface ActivityContext {
  readonly nodes: ReadonlySet<string>;
  readonly aliases: ReadonlyMap<string, string>;
  readonly untilMs: number;
  readonly seed: number;
}

export function readActivity(path: string, inputs: InputLog, ctx: ActivityContext): PaymentSpec[] {
  const text = inputs.readText(path, FORM);
  const file = inputs.resolve(path);
  if (/^\s*[[{]/.test(text)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new ScenarioError('bad-import', `is not valid JSON (${(error as Error).message}); expected ${FORM}`, '', file);
    }
    const list = (data as { activity?: unknown } | null)?.activity;
    if (!Array.isArray(list)) throw new ScenarioError('bad-import', `has no 'activity' list; expected ${FORM}`, '', file);
    return simLnActivity(list, file, ctx);
  }
  return clothPayments(text, file, ctx);
}

function simLnActivity(list: readonly unknown[], file: string, ctx: ActivityContext): PaymentSpec[] {
  const byAlias = new Map<string, string | null>();
  for (const [node, alias] of ctx.aliases) byAlias.set(alias, byAlias.has(alias) ? null : node);
  const rng = rngStream(ctx.seed, 'activity');
  const draw = (v: number | readonly [number, number], path: string): number => {
    if (typeof v === 'number') return v;
    if (v[0] > v[1]) throw new ScenarioError('bad-import', `expected a range [min, max] with min ≤ max, got [${v[0]}, ${v[1]}]`, path, file);
    return v[0] + rng.int(v[1] - v[0] + 1);
  };
  const payments: PaymentSpec[] = [];
  list.forEach((raw, i) => {
    const path = `activity[${i}]`;
    const a = parseRow(activitySchema, raw, file, path);
    const from = node(a.source, `${path}.source`);
    const to = node(a.destination, `${path}.destination`);
    if (from === to) throw new ScenarioError('bad-import', 'expected two different nodes, got the same twice', `${path}.destination`, file);
    let atMs = (a.start_secs ?? 0) * 1000;
    for (let k = 0; (a.count === undefined || k < a.count) && atMs <= ctx.untilMs; k++) {
      const amountMsat = draw(a.amount_msat, `${path}.amount_msat`);
      if (amountMsat <= 0 || amountMsat > MAX_MSAT) throw new ScenarioError('bad-import', `expected an amount from 1 msat to 90000 btc, got ${amountMsat}`, `${path}.amount_msat`, file);
      payments.push({ atMs, from, to, amountMsat: amountMsat as Msat });
      if (payments.length > MAX_LISTED_PAYMENTS) throw tooMany(file, path);
      const gap = draw(a.interval_secs, `${path}.interval_secs`);
      if (gap === 0 && a.count === undefined) throw new ScenarioError('bad-import', 'an interval of 0 s without a count would repeat forever; expected interval_secs ≥ 1 or a count', `${path}.interval_secs`, file);
      atMs += gap * 1000;
    }
  });
  return payments;

  function node(id: string, path: string): string {
    if (ctx.nodes.has(id)) return id;
    const viaAlias = byAlias.get(id);
    if (viaAlias === null) throw new ScenarioError('bad-import', `alias '${id}' names several nodes; expected a public key`, path, file);
    if (viaAlias !== undefined) return viaAlias;
    throw new ScenarioError('bad-import', `unknown node '${id}'; expected a public key or alias of the topology`, path, file);
  }
}

function clothPayments(text: string, file: string, ctx: ActivityContext): PaymentSpec[] {
  const rows = csvRows(text, file);
  const header = (rows[0] ?? []).map((h) => h.trim().replace(/\s*\(.*\)$/, ''));
  const required = ['id', 'sender_id', 'receiver_id', 'amount', 'start_time'];
  for (const col of required) if (!header.includes(col)) throw new ScenarioError('bad-import', `lacks the column '${col}'; expected ${FORM} with a header ${required.join(',')}`, 'row 1', file);
  if (rows.length - 1 > MAX_LISTED_PAYMENTS) throw tooMany(file, `row ${MAX_LISTED_PAYMENTS + 2}`);
  return rows.slice(1).map((cells, i) => {
    const path = `row ${i + 2}`;
    if (cells.length < required.length) throw new ScenarioError('bad-import', `has ${cells.length} columns; expected ${header.length} (${header.join(', ')})`, path, file);
    const p = parseRow(clothPayment, Object.fromEntries(header.map((h, k) => [h, cells[k] ?? ''])), file, path);
    const [from, to] = [`n${p.sender_id}`, `n${p.receiver_id}`];
    for (const [n, col] of [[from, 'sender_id'], [to, 'receiver_id']] as const) {
      if (!ctx.nodes.has(n)) throw new ScenarioError('bad-import', `unknown node ${n.slice(1)}; expected an id from the CLoTH topology`, `${path}.${col}`, file);
    }
    if (from === to) throw new ScenarioError('bad-import', 'expected two different nodes, got the same twice', `${path}.receiver_id`, file);
    if (p.amount <= 0 || p.amount > MAX_MSAT) throw new ScenarioError('bad-import', `expected an amount from 1 msat to 90000 btc, got ${p.amount}`, `${path}.amount`, file);
    return { atMs: p.start_time, from, to, amountMsat: p.amount as Msat };
  });
}

function tooMany(file: string, path: string): ScenarioError {
  return new ScenarioError('run-too-long', `more than ${MAX_LISTED_PAYMENTS} payments; expected at most ${MAX_LISTED_PAYMENTS} (shorten the run or give counts)`, path, file);
}
