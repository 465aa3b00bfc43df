import fc from 'fast-check';
import { readLndGraph } from '../scenario/topology/lnd.js';
import { runs } from '../testing/runs.js';
import { feeAndLockRisk, findRoute, type RouteQuery, type Weight } from './findRoute.js';
import { buildGraph, type ChannelEdge, type EdgeAttributes, type PaymentGraph, type Policy } from './graph.js';
import { HopCounts, UNREACHABLE } from './hopCounts.js';
import { routingIndex } from './index-cache.js';
import { Landmarks } from './landmarks.js';
import { referenceRoute } from './reference.js';
import { searchStats } from './searchStats.js';
import { sharedFile } from '../testing/shared.js';

/** The default cost without the mark that lets findRoute guide its search: plain Dijkstra, as the reference. */
const unguided: Weight = Object.assign((edge: EdgeAttributes, amountMsat: number, feeMsat: number) => feeMsat + (amountMsat * edge.policy.cltvDelta * 15) / 1e9, { lockRiskPpb: 15 });

/**
 * Unguided, findRoute must give the reference's route exactly (same channels, same tie-breaking);
 * guided (A* with hop counts and landmarks) it must give a route exactly as cheap: among routes of
 * equal cost, the order in which a guided search meets them may differ.
 */
function expectSameRoute(graph: PaymentGraph, query: RouteQuery): void {
  const theirs = referenceRoute(graph, query);
  const plain = findRoute(graph, { ...query, weight: unguided });
  expect(plain === null).toBe(theirs === null);
  const guided = findRoute(graph, query);
  expect(guided === null).toBe(theirs === null);
  if (!plain || !guided || !theirs) return;
  expect(plain.hops.map((h) => h.channelId)).toEqual(theirs.channels);
  expect(plain.cost).toBe(theirs.cost);
  expect(guided.cost).toBeCloseTo(theirs.cost, 6);
}

/**
 * Random channels among `nodes` nodes, each direction with a random policy or none. `baseFees`
 * sets how often costs tie (zero fees and equal deltas make ties common: tie-breaking must match).
 */
function randomChannels(nodes: number, maxChannels: number, baseFees: readonly number[]) {
  const direction = fc.option(
    fc.record({
      feeBaseMsat: fc.constantFrom(...baseFees),
      feePpm: fc.constantFrom(0, 1, 100),
      cltvDelta: fc.constantFrom(14, 40, 144),
      minHtlcMsat: fc.constantFrom(0, 0, 0, 50_000),
      disabled: fc.boolean(),
    }),
    { freq: 6 },
  );
  return fc.array(fc.record({ a: fc.nat(nodes - 1), b: fc.nat(nodes - 1), capacity: fc.constantFrom(20_000, 200_000, 5_000_000), ab: direction, ba: direction }), { maxLength: maxChannels });
}

type RandomChannel = { a: number; b: number; capacity: number; ab: Policy | null; ba: Policy | null };

/** The channels as edges (c0, c1, … between n0, n1, …; loops left out). */
const edgesOf = (list: readonly RandomChannel[]): ChannelEdge[] =>
  list
    .filter((c) => c.a !== c.b)
    .map((c, i) => ({ channelId: `c${i}`, between: [`n${c.a}`, `n${c.b}`], capacityMsat: c.capacity, policies: [c.ab ?? undefined, c.ba ?? undefined] as [Policy | undefined, Policy | undefined] }));

/** A random query's fields over `nodes` nodes and up to `maxChannels` channels (exclusions, balances, limits). */
const queryFields = (nodes: number, maxChannels: number) => ({
  s: fc.nat(nodes - 1),
  t: fc.nat(nodes - 1),
  amount: fc.constantFrom(10_000, 100_000, 1_000_000),
  excluded: fc.array(fc.nat(maxChannels - 1), { maxLength: 4 }),
  spendable: fc.option(fc.constantFrom(0, 150_000, 10_000_000)),
  maxHops: fc.option(fc.integer({ min: 1, max: 5 })),
  maxTotalCltv: fc.option(fc.constantFrom(100, 300, 2016)),
});

type RandomQuery = { s: number; t: number; amount: number; excluded: number[]; spendable: number | null; maxHops: number | null; maxTotalCltv: number | null };

const queryOf = (q: RandomQuery): RouteQuery => ({
  source: `n${q.s}`,
  target: `n${q.t}`,
  amountMsat: q.amount,
  currentHeight: 100,
  finalCltvDelta: 18,
  excludeChannels: new Set(q.excluded.map((i) => `c${i}`)),
  ...(q.spendable !== null ? { spendableMsat: () => q.spendable! } : {}),
  ...(q.maxHops !== null ? { maxHops: q.maxHops } : {}),
  ...(q.maxTotalCltv !== null ? { maxTotalCltv: q.maxTotalCltv } : {}),
});

describe('findRoute against the reference Dijkstra (default cost: fee + lock risk)', () => {
  const channels = randomChannels(12, 45, [0, 0, 1000, 1000, 5000]);
  const query = fc.record(queryFields(12, 45));

  it('gives the same route and cost for every query of a sequence on random graphs (exclusions, balances, limits)', () => {
    fc.assert(
      fc.property(channels, fc.array(query, { minLength: 1, maxLength: 40 }), (list, queries) => {
        const graph = buildGraph(edgesOf(list));
        // Queries follow each other on one graph: stamps of one search must not leak into the next,
        // and past the 16th the landmarks guide them too.
        for (const q of queries) {
          expectSameRoute(graph, queryOf(q));
        }
      }),
      { numRuns: runs(400), seed: 16 },
    );
  });

  it('answers "no route" without searching when no enabled path leads from payer to payee', () => {
    const p: Policy = { feeBaseMsat: 0, feePpm: 0, cltvDelta: 40, minHtlcMsat: 0, disabled: false };
    const off: Policy = { ...p, disabled: true };
    // A core a ⇄ b ⇄ c; d only sends into it (its incoming direction is disabled); e only receives.
    const graph = buildGraph([
      { channelId: 'ab', between: ['a', 'b'], capacityMsat: 1e9, policies: [p, p] },
      { channelId: 'bc', between: ['b', 'c'], capacityMsat: 1e9, policies: [p, p] },
      { channelId: 'da', between: ['d', 'a'], capacityMsat: 1e9, policies: [p, off] },
      { channelId: 'ce', between: ['c', 'e'], capacityMsat: 1e9, policies: [p, undefined] },
    ]);
    const settledBy = (source: string, target: string): number => {
      const before = searchStats.settled;
      findRoute(graph, { source, target, amountMsat: 1000, currentHeight: 0, finalCltvDelta: 18 });
      return searchStats.settled - before;
    };
    for (const [s, t] of [['d', 'e'], ['a', 'e'], ['d', 'c']]) expect(findRoute(graph, { source: s!, target: t!, amountMsat: 1000, currentHeight: 0, finalCltvDelta: 18 })).not.toBeNull();
    // Nobody reaches d; e reaches nobody: answered with no node settled.
    expect(settledBy('a', 'd')).toBe(0);
    expect(settledBy('e', 'a')).toBe(0);
    expect(settledBy('e', 'd')).toBe(0);
    expect(settledBy('c', 'd')).toBe(0);
  });

  it('gives the same routes on the 2019 snapshot, with and without exclusions', () => {
    const { nodes, channels } = readLndGraph(sharedFile('data', 'lnd-describegraph-2019-03-09.json.gz'));
    const graph = buildGraph(channels);
    let state = 16;
    const pick = (n: number): number => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31), state % n);
    let routes = 0;
    // 40 queries on the snapshot in npm test (loading it is most of the cost); thousands when deep.
    const queries = process.env.PCNSIM_DEEP ? runs(300) : 40;
    for (let i = 0; i < queries; i++) {
      const query: RouteQuery = { source: nodes[pick(nodes.length)]!, target: nodes[pick(nodes.length)]!, amountMsat: 100_000, currentHeight: 600_000, finalCltvDelta: 18 };
      const first = findRoute(graph, query);
      expectSameRoute(graph, query);
      if (!first) continue;
      routes++;
      // Retry as a payer would, without the route's middle channel.
      expectSameRoute(graph, { ...query, excludeChannels: new Set([first.hops[first.hops.length >> 1]!.channelId]) });
    }
    expect(routes).toBeGreaterThan(queries / 3); // a third of uniform pairs have no enabled path
  });
});

describe('the guided findRoute against the reference run as the same A* (exact routes)', () => {
  // Base fees mostly 1,000 msat and tiny proportional fees, as on real snapshots: costs tie often.
  const channels = randomChannels(15, 60, [0, 1000, 1000, 1000, 5000]);
  const query = fc.record({
    ...queryFields(15, 60),
    maxFeeMsat: fc.option(fc.constantFrom(0, 1000, 3000)),
    // Without the lock-risk term a cost is often exactly the base fees' sum: exact ties.
    riskPpb: fc.constantFrom(15, 0),
  });

  /** The guide findRoute uses: (hops from the payer − 1) × the cheapest fee, and the landmark bound. */
  function guideOf(graph: PaymentGraph, q: RouteQuery, landmarks: Landmarks | undefined): (node: number) => number {
    const index = routingIndex(graph);
    const src = index.ids.get(q.source)!;
    const perHop = index.minFeeBaseMsat + Math.floor((q.amountMsat * index.minFeePpm) / 1_000_000);
    const hops = perHop > 0 ? new HopCounts(index).from(src) : undefined;
    landmarks?.bindPayer(src);
    return (u) => {
      const d = hops ? hops.at(u) : 0;
      if (d === UNREACHABLE) return Infinity;
      const byHops = d > 1 ? (d - 1) * perHop : 0;
      return Math.max(byHops, landmarks?.bound(u) ?? 0);
    };
  }

  it('gives the route and cost of the reference guided the same way, query after query on random graphs', () => {
    fc.assert(
      fc.property(channels, fc.array(query, { minLength: 1, maxLength: 30 }), (list, queries) => {
        const edges = edgesOf(list);
        const graph = buildGraph(edges);
        const index = routingIndex(graph);
        // Sixteen searches over one enabled direction, after which findRoute guides by landmarks too.
        const k = index.disabled.indexOf(0);
        const warm = k >= 0 ? [index.names[index.inFrom[k]!]!, index.inAttributes[k]!.channelId] : undefined;
        let landmarks: Landmarks | undefined;
        if (warm) {
          const head = edges.find((e) => e.channelId === warm[1])!.between.find((n) => n !== warm[0])!;
          for (let i = 0; i < 16; i++) findRoute(graph, { source: warm[0]!, target: head, amountMsat: 1, currentHeight: 100, finalCltvDelta: 18 });
          landmarks = new Landmarks(index);
        }
        for (const q of queries) {
          const asked: RouteQuery = {
            ...queryOf(q),
            weight: feeAndLockRisk(q.riskPpb),
            ...(q.maxFeeMsat !== null ? { maxFeeMsat: q.maxFeeMsat } : {}),
          };
          if (!graph.hasNode(asked.source) || !graph.hasNode(asked.target)) continue;
          const ours = findRoute(graph, asked);
          const theirs = referenceRoute(graph, asked, guideOf(graph, asked, landmarks));
          expect(ours?.hops.map((h) => h.channelId) ?? null).toEqual(theirs?.channels ?? null);
          if (ours && theirs) expect(ours.cost).toBe(theirs.cost);
        }
      }),
      { numRuns: runs(400), seed: 30 },
    );
  });
});
