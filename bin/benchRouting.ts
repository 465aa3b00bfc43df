/**
 * `pcnsim bench --routing`: runs a workload while keeping every route query as it was asked (the
 * payer's spendable balances resolved at that moment), then replays all of them through
 * `findRoute` and through the minimal reference Dijkstra in the same process and compares CPU
 * time, routes and costs. The payers' graph does not change during a bench run (no policy
 * updates, no channels opened later), so the replay sees the graph every search saw.
 */
import type { CryptoMode } from '../sim/channel/index.js';
import { findRoute, type PaymentGraph, referenceRoute, type RouteQuery, searchStats } from '../sim/router/index.js';
import type { BenchResult, Workload } from './bench.js';

export interface RoutingReplay {
  readonly name: string;
  readonly searches: number;
  readonly findRouteCpuSeconds: number;
  readonly referenceCpuSeconds: number;
  /** findRoute's CPU time over the reference's. */
  readonly ratio: number;
  readonly sameRoute: number;
  readonly sameCost: number;
  readonly settledPerSearch: number;
  readonly referenceSettledPerSearch: number;
  readonly run: BenchResult;
}

/** CPU time of the whole process (every thread, garbage collection included), seconds. */
export const cpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

export function replayRoutes(w: Workload, crypto: CryptoMode, runOne: (w: Workload, crypto: CryptoMode) => BenchResult): RoutingReplay {
  const queries: RouteQuery[] = [];
  let graph: PaymentGraph | undefined;
  searchStats.record = (g, q) => {
    graph = g;
    queries.push(frozen(g, q));
  };
  let run: BenchResult;
  try {
    run = runOne(w, crypto);
  } finally {
    searchStats.record = undefined;
  }
  if (!graph) return { name: w.name, searches: 0, findRouteCpuSeconds: 0, referenceCpuSeconds: 0, ratio: NaN, sameRoute: 0, sameCost: 0, settledPerSearch: 0, referenceSettledPerSearch: 0, run };
  const g = graph;
  // Warm both up (compilation, the routing index) on the first queries before timing.
  for (const q of queries.slice(0, 200)) {
    findRoute(g, q);
    referenceRoute(g, q);
  }
  searchStats.settled = 0;
  const t0 = cpuSeconds();
  const ours = queries.map((q) => findRoute(g, q));
  const t1 = cpuSeconds();
  const settledByUs = searchStats.settled;
  const theirs = queries.map((q) => referenceRoute(g, q));
  const t2 = cpuSeconds();
  let sameRoute = 0;
  let sameCost = 0;
  let referenceSettled = 0;
  for (const [i, a] of ours.entries()) {
    const b = theirs[i]!;
    referenceSettled += b?.settled ?? 0;
    if (a === null || b === null) {
      if (a === null && b === null) (sameRoute++, sameCost++);
      continue;
    }
    if (a.hops.length === b.channels.length && a.hops.every((h, j) => h.channelId === b.channels[j])) sameRoute++;
    if (Math.abs(a.cost - b.cost) <= 1e-9 * Math.max(1, b.cost)) sameCost++;
  }
  return {
    name: w.name,
    searches: queries.length,
    findRouteCpuSeconds: t1 - t0,
    referenceCpuSeconds: t2 - t1,
    ratio: (t1 - t0) / (t2 - t1),
    sameRoute,
    sameCost,
    settledPerSearch: settledByUs / queries.length,
    referenceSettledPerSearch: referenceSettled / queries.length,
    run,
  };
}

/** The query as asked: exclusions copied, the payer's spendable balances read now. */
function frozen(graph: PaymentGraph, q: RouteQuery): RouteQuery {
  const spendable = new Map<string, number | undefined>();
  if (q.spendableMsat) graph.forEachOutEdge(q.source, (_key, a) => void spendable.set(a.channelId, q.spendableMsat!(a.channelId, q.source)));
  return { ...q, excludeChannels: new Set(q.excludeChannels ?? []), spendableMsat: (channelId) => spendable.get(channelId) };
}
