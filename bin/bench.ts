/**
 * `pcnsim bench`: fixed performance workloads. Wall-clock figures live here only (never in
 * report.json): payments per second, events per second, peak memory; written to bench.json.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError } from '../sim/errors.js';
import { summarize } from '../sim/report/index.js';
import type { CryptoMode } from '../sim/channel/protocol.js';
import { parseScenario, runScenario } from '../sim/scenario/index.js';
import { parseCrypto } from './cli.js';
import { checkOutFile } from './outputs.js';

export interface BenchFlags {
  payments?: string;
  graph?: string;
  out: string;
  crypto: string;
}

interface Workload {
  readonly name: string;
  readonly payments: number;
  readonly topology: string;
}

export interface BenchResult {
  readonly name: string;
  readonly payments: number;
  readonly succeeded: number;
  readonly events: number;
  readonly setupSeconds: number;
  readonly paymentSeconds: number;
  readonly paymentsPerSecond: number;
  readonly eventsPerSecond: number;
  /** Payments finished per second over the first and the last tenth of them: equal when cost grows linearly. */
  readonly firstTenthPerSecond: number;
  readonly lastTenthPerSecond: number;
  readonly peakRssMb: number;
}

const START_S = 3600;

export function benchCommand(root: string, flags: BenchFlags, out: (s: string) => void): number {
  const snapshot = join(root, '..', 'shared', 'data', 'lnd-describegraph-2019-03-09.json.gz');
  const graph = flags.graph ?? snapshot;
  if (!existsSync(graph)) throw new ScenarioError('missing-file', 'no such graph file; expected an lnd describegraph JSON (or .gz)', '--graph', graph);
  const importTopology = `{ import: ${JSON.stringify(graph)} }`;
  const workloads: Workload[] =
    flags.payments !== undefined
      ? [{ name: `${count(flags.payments)} payments`, payments: count(flags.payments), topology: importTopology }]
      : [
          { name: '10k payments, real snapshot', payments: 10_000, topology: importTopology },
          { name: '100k payments, real snapshot', payments: 100_000, topology: importTopology },
          { name: '1M payments, generated 10,000 nodes', payments: 1_000_000, topology: '{ generate: scale-free, nodes: 10000, degree: 3, capacity: { median: 0.05 btc, sigma: 1 } }' },
        ];
  const crypto = parseCrypto(flags.crypto);
  checkOutFile(flags.out, '--out'); // before the benchmark runs, not after
  const results = workloads.map((w) => {
    const r = runOne(w, crypto);
    out(
      `${r.name}: ${r.paymentsPerSecond.toFixed(0)} payments/s (first tenth ${r.firstTenthPerSecond.toFixed(0)}/s, last tenth ${r.lastTenthPerSecond.toFixed(0)}/s), ` +
        `${r.eventsPerSecond.toFixed(0)} events/s, setup ${r.setupSeconds.toFixed(1)} s, payments ${r.paymentSeconds.toFixed(1)} s, ${r.succeeded}/${r.payments} succeeded, peak ${r.peakRssMb.toFixed(0)} MB`,
    );
    return r;
  });
  writeFileSync(flags.out, JSON.stringify({ node: process.version, crypto, results }, null, 2) + '\n');
  out(`wrote ${flags.out}`);
  return 0;
}

function runOne(w: Workload, crypto: CryptoMode): BenchResult {
  // Payments arrive at 50/s from one hour on, after the channels opened; the run ends when all have.
  const rate = 50;
  const until = START_S + Math.ceil(w.payments / rate) + 600;
  const scenario = parseScenario(
    `name: bench\nseed: 1\nchain: { blockInterval: 600s }\ntopology: ${w.topology}\n` +
      `workload: { rate: ${rate}/s, amount: { dist: lognormal, median: 10000 sat, sigma: 1 }, pairs: capacity-weighted, start: ${START_S}s, count: ${w.payments} }\n` +
      `run: { until: ${until}s }\n`,
    'bench.yaml',
  );
  let peak = process.memoryUsage().rss;
  const t0 = process.hrtime.bigint();
  let tStart = t0;
  // Wall-clock times at which the first payment, a tenth, nine tenths and all had finished.
  const tenth = Math.max(2, Math.floor(w.payments / 10));
  const marks: bigint[] = [];
  let finished = 0;
  const run = runScenario(scenario, {
    keepRows: false, // as `pcnsim run` does: rows are streamed, the report accumulated
    crypto,
    onPayment: () => {
      finished++;
      if (finished === 1 || finished === tenth || finished === w.payments - tenth || finished === w.payments) marks.push(process.hrtime.bigint());
    },
    onProgress: (fraction) => {
      peak = Math.max(peak, process.memoryUsage().rss);
      if (tStart === t0 && fraction * until >= START_S) tStart = process.hrtime.bigint();
    },
  });
  const t1 = process.hrtime.bigint();
  const report = summarize(run);
  const seconds = (a: bigint, b: bigint): number => Number(b - a) / 1e9;
  // Progress comes in hundredths of the run: a short workload's first payment may end before it.
  if (marks[0] !== undefined && marks[0] < tStart) tStart = marks[0];
  const paymentSeconds = seconds(tStart, t1);
  return {
    name: w.name,
    payments: w.payments,
    succeeded: report.payments.succeeded,
    events: run.events,
    setupSeconds: seconds(t0, tStart),
    paymentSeconds,
    paymentsPerSecond: report.payments.attempted / paymentSeconds,
    eventsPerSecond: run.events / seconds(t0, t1),
    firstTenthPerSecond: marks.length === 4 ? (tenth - 1) / seconds(marks[0]!, marks[1]!) : NaN,
    lastTenthPerSecond: marks.length === 4 ? tenth / seconds(marks[2]!, marks[3]!) : NaN,
    peakRssMb: peak / 2 ** 20,
  };
}

function count(text: string): number {
  if (!/^\d{1,8}$/.test(text) || Number(text) < 1) throw new ScenarioError('bad-flag', `expected a number of payments from 1 to 99999999, got '${text}'`, '--payments');
  return Number(text);
}
