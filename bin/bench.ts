/**
 * `pcnsim bench`: fixed performance workloads. Wall-clock and CPU figures live here only (never in
 * report.json): payments per CPU-second and per second, the setup apart from the payment phase,
 * route searches per payment, nodes settled per search, peak memory; written to bench.json.
 *
 * CPU-seconds (process.cpuUsage, the whole process: every thread, garbage collection included)
 * are the headline because wall-clock on a shared machine measures the neighbours too.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError } from '../sim/errors.js';
import { summarize } from '../sim/report/index.js';
import type { CryptoMode } from '../sim/channel/index.js';
import { searchStats } from '../sim/router/index.js';
import { forgetImportedGraphs, parseScenario, runScenario } from '../sim/scenario/index.js';
import { cpuSeconds, replayRoutes, type RoutingReplay } from './benchRouting.js';
import { parseCrypto } from './cli.js';
import { checkOutFile } from './outputs.js';

export interface BenchFlags {
  payments?: string;
  graph?: string;
  out: string;
  crypto: string;
  pairs: string;
  routing?: boolean;
  /** snapshot (default: the 2019 snapshot or --graph) or generated (the 1M workload's 10,000-node network). */
  network?: string;
}

export interface Workload {
  readonly name: string;
  readonly payments: number;
  readonly topology: string;
  readonly pairs: 'uniform' | 'capacity-weighted';
}

export interface BenchResult {
  readonly name: string;
  readonly payments: number;
  readonly succeeded: number;
  readonly events: number;
  /** CPU-seconds before the first payment (import, funding, deposits, opening) and after. */
  readonly setupCpuSeconds: number;
  readonly paymentCpuSeconds: number;
  readonly setupSeconds: number;
  readonly paymentSeconds: number;
  /** Payments per CPU-second of the whole run, setup included: the headline. */
  readonly paymentsPerCpuSecond: number;
  /** Payments per wall-clock second of the payment phase. */
  readonly paymentsPerSecond: number;
  readonly eventsPerSecond: number;
  readonly searchesPerPayment: number;
  readonly settledPerSearch: number;
  readonly avgHops: number;
  /** Payments finished per second over the first and the last tenth of them: equal when cost grows linearly. */
  readonly firstTenthPerSecond: number;
  readonly lastTenthPerSecond: number;
  /** Resident set sampled at the start and at each progress point of the workload. */
  readonly peakRssMb: number;
  /**
   * The process's own maximum resident set so far (getrusage): it sees the transient peaks
   * between samples, and, when several workloads run in one process, the earlier ones' too.
   */
  readonly maxRssMb: number;
}

const START_S = 3600;
const SNAPSHOT = 'lnd-describegraph-2019-03-09.json.gz';
const GENERATED = '{ generate: scale-free, nodes: 10000, degree: 3, capacity: { median: 0.05 btc, sigma: 1 } }';

export function benchCommand(root: string, flags: BenchFlags, out: (s: string) => void): number {
  const network = flags.network ?? 'snapshot';
  if (network !== 'snapshot' && network !== 'generated') throw new ScenarioError('bad-flag', `expected snapshot or generated, got '${network}'`, '--network');
  if (network === 'generated' && flags.graph !== undefined) throw new ScenarioError('bad-flag', '--graph names a snapshot; expected no --graph with --network generated', '--network');
  const graph = flags.graph ?? join(root, '..', 'shared', 'data', SNAPSHOT);
  if (network === 'snapshot' && !existsSync(graph)) throw new ScenarioError('missing-file', 'no such graph file; expected an lnd describegraph JSON (or .gz)', '--graph', graph);
  if (flags.pairs !== 'uniform' && flags.pairs !== 'capacity-weighted') throw new ScenarioError('bad-flag', `expected uniform or capacity-weighted, got '${flags.pairs}'`, '--pairs');
  const pairs = flags.pairs;
  const imported = network === 'generated' ? GENERATED : `{ import: ${JSON.stringify(graph)}, balance: half }`;
  const where = network === 'generated' ? ', generated 10,000 nodes' : '';
  const crypto = parseCrypto(flags.crypto);
  checkOutFile(flags.out, '--out'); // before the benchmark runs, not after
  if (flags.routing) {
    const payments = flags.payments !== undefined ? count(flags.payments) : 20_000;
    const replay = replayRoutes({ name: `${payments} ${pairs} payments${where}, routes replayed`, payments, topology: imported, pairs }, crypto, runOne);
    out(describeReplay(replay));
    writeFileSync(flags.out, JSON.stringify({ node: process.version, crypto, routing: replay }, null, 2) + '\n');
    out(`wrote ${flags.out}`);
    return 0;
  }
  const workloads: Workload[] =
    flags.payments !== undefined
      ? [{ name: `${count(flags.payments)} ${pairs} payments${where}`, payments: count(flags.payments), topology: imported, pairs }]
      : network === 'generated'
        ? [{ name: `1M ${pairs} payments, generated 10,000 nodes`, payments: 1_000_000, topology: GENERATED, pairs }]
        : [
            { name: `20k ${pairs} payments, 2019 snapshot`, payments: 20_000, topology: imported, pairs },
            { name: `100k ${pairs} payments, 2019 snapshot`, payments: 100_000, topology: imported, pairs },
            { name: `1M ${pairs} payments, generated 10,000 nodes`, payments: 1_000_000, topology: GENERATED, pairs },
          ];
  const results = workloads.map((w) => {
    const r = runOne(w, crypto);
    out(describe(r));
    return r;
  });
  writeFileSync(flags.out, JSON.stringify({ node: process.version, crypto, results }, null, 2) + '\n');
  out(`wrote ${flags.out}`);
  return 0;
}

function describe(r: BenchResult): string {
  return (
    `${r.name}: ${r.paymentsPerCpuSecond.toFixed(0)} payments/CPU-s whole run (setup ${r.setupCpuSeconds.toFixed(2)} CPU-s, payments ${r.paymentCpuSeconds.toFixed(2)} CPU-s); ` +
    `wall ${r.paymentsPerSecond.toFixed(0)} payments/s (first tenth ${r.firstTenthPerSecond.toFixed(0)}/s, last tenth ${r.lastTenthPerSecond.toFixed(0)}/s), setup ${r.setupSeconds.toFixed(1)} s; ` +
    `${r.searchesPerPayment.toFixed(2)} searches/payment, ${r.settledPerSearch.toFixed(0)} nodes settled/search, ${r.avgHops.toFixed(2)} hops; ` +
    `${r.succeeded}/${r.payments} succeeded, ${r.eventsPerSecond.toFixed(0)} events/s, peak ${r.peakRssMb.toFixed(0)} MB (process max RSS ${r.maxRssMb.toFixed(0)} MB)`
  );
}

function describeReplay(r: RoutingReplay): string {
  return (
    `${r.name}: ${r.searches} searches; findRoute ${r.findRouteCpuSeconds.toFixed(2)} CPU-s, reference Dijkstra ${r.referenceCpuSeconds.toFixed(2)} CPU-s, ` +
    `ratio ${r.ratio.toFixed(2)}; same route ${r.sameRoute}/${r.searches}, same cost ${r.sameCost}/${r.searches}; ` +
    `${r.settledPerSearch.toFixed(0)} nodes settled/search by findRoute, ${r.referenceSettledPerSearch.toFixed(0)} by the reference`
  );
}

/** The scenario of a workload: fixed 600 s blocks, payments at 50/s of simulated time from one hour on. */
function scenarioOf(w: Workload): { text: string; untilS: number } {
  const rate = 50;
  const untilS = START_S + Math.ceil(w.payments / rate) + 600;
  // Uniform: 100 sat between uniformly drawn pairs, up to 10 routes each (what CLoTH runs).
  // Capacity-weighted: the former headline, lognormal amounts around 10,000 sat, 3 routes each.
  const uniform = w.pairs === 'uniform';
  const amount = uniform ? '100 sat' : '{ dist: lognormal, median: 10000 sat, sigma: 1 }';
  const text =
    `name: bench\nseed: 1\nchain: { blockInterval: 600s, fixed: true }\ntopology: ${w.topology}\n` +
    (uniform ? 'defaults: { maxAttempts: 10 }\n' : '') +
    `workload: { rate: ${rate}/s, amount: ${amount}, pairs: ${w.pairs}, start: ${START_S}s, count: ${w.payments} }\n` +
    `run: { until: ${untilS}s }\n`;
  return { text, untilS };
}

const wallSeconds = (): number => Number(process.hrtime.bigint()) / 1e9;

export function runOne(w: Workload, crypto: CryptoMode): BenchResult {
  const { text } = scenarioOf(w);
  let peak = process.memoryUsage().rss;
  searchStats.searches = 0;
  searchStats.settled = 0;
  const cpu0 = cpuSeconds();
  const wall0 = wallSeconds();
  let cpuStart = NaN;
  let wallStart = NaN;
  // Wall-clock times at which the first payment, a tenth, nine tenths and all had finished.
  const tenth = Math.max(2, Math.floor(w.payments / 10));
  const marks: number[] = [];
  let finished = 0;
  const scenario = parseScenario(text, 'bench.yaml');
  // Each workload parses its graph as a single run does, and the graph is not kept through the run.
  forgetImportedGraphs();
  const run = runScenario(scenario, {
    keepRows: false, // as `pcnsim run` does: rows are streamed, the report accumulated
    crypto,
    onWorkloadStart: () => {
      cpuStart = cpuSeconds();
      wallStart = wallSeconds();
    },
    onPayment: () => {
      finished++;
      if (finished === 1 || finished === tenth || finished === w.payments - tenth || finished === w.payments) marks.push(wallSeconds());
    },
    onProgress: () => void (peak = Math.max(peak, process.memoryUsage().rss)),
  });
  const cpu1 = cpuSeconds();
  const wall1 = wallSeconds();
  const report = summarize(run);
  const attempted = report.payments.attempted;
  return {
    name: w.name,
    payments: w.payments,
    succeeded: report.payments.succeeded,
    events: run.events,
    setupCpuSeconds: cpuStart - cpu0,
    paymentCpuSeconds: cpu1 - cpuStart,
    setupSeconds: wallStart - wall0,
    paymentSeconds: wall1 - wallStart,
    paymentsPerCpuSecond: attempted / (cpu1 - cpu0),
    paymentsPerSecond: attempted / (wall1 - wallStart),
    eventsPerSecond: run.events / (wall1 - wall0),
    searchesPerPayment: searchStats.searches / Math.max(1, attempted),
    settledPerSearch: searchStats.settled / Math.max(1, searchStats.searches),
    avgHops: report.payments.avgHops,
    firstTenthPerSecond: marks.length === 4 ? (tenth - 1) / (marks[1]! - marks[0]!) : NaN,
    lastTenthPerSecond: marks.length === 4 ? tenth / (marks[3]! - marks[2]!) : NaN,
    peakRssMb: peak / 2 ** 20,
    maxRssMb: process.resourceUsage().maxRSS / 2 ** 10,
  };
}

function count(text: string): number {
  if (!/^\d{1,8}$/.test(text) || Number(text) < 1) throw new ScenarioError('bad-flag', `expected a number of payments from 1 to 99999999, got '${text}'`, '--payments');
  return Number(text);
}
