import fc from 'fast-check';
import { runs } from '../testing/runs.js';
import { buildGraph, type ChannelEdge, type Policy } from './graph.js';
import { feeAndLockRisk, findRoute, type Weight } from './findRoute.js';
import { HopCounts, UNREACHABLE } from './hopCounts.js';
import { routingIndex } from './index-cache.js';

const policy = (p: Partial<Policy> = {}): Policy => ({ feeBaseMsat: 1000, feePpm: 1, cltvDelta: 40, minHtlcMsat: 0, disabled: false, ...p });

describe('the guided search (A*)', () => {
  // The same cost, with and without the mark that lets the search use the cheapest fee as a bound.
  const guided = feeAndLockRisk(0);
  const plain: Weight = (_edge, _amount, feeMsat) => feeMsat;

  const channels = fc.array(
    fc.record({
      a: fc.nat(9),
      b: fc.nat(9),
      capacity: fc.integer({ min: 1_000, max: 10_000_000 }),
      // Base fees of the same order make the guide strong and cheaper long paths common.
      base: fc.integer({ min: 1_000, max: 4_000 }),
      ppm: fc.integer({ min: 0, max: 200 }),
      disabled: fc.boolean(),
    }),
    { maxLength: 40 },
  );

  it('finds routes exactly as cheap as plain Dijkstra on random graphs', () => {
    expect(guided.atLeastFee).toBe(true);
    fc.assert(
      fc.property(channels, fc.nat(9), fc.nat(9), fc.integer({ min: 1, max: 2_000_000 }), (list, s, t, amountMsat) => {
        const edges: ChannelEdge[] = list
          .filter((c) => c.a !== c.b)
          .map((c, i) => ({ channelId: `c${i}`, between: [`n${c.a}`, `n${c.b}`], capacityMsat: c.capacity, policies: [policy({ feeBaseMsat: c.base, feePpm: c.ppm, disabled: c.disabled }), policy({ feeBaseMsat: c.base + 1, feePpm: c.ppm })] }));
        const graph = buildGraph(edges);
        const query = { source: `n${s}`, target: `n${t}`, amountMsat, currentHeight: 0, finalCltvDelta: 18 };
        const a = findRoute(graph, { ...query, weight: guided });
        const b = findRoute(graph, { ...query, weight: plain });
        expect(a === null).toBe(b === null);
        if (a && b) {
          expect(a.feeMsat).toBe(b.feeMsat);
          expect(a.hops[0]!.from).toBe(query.source);
          expect(a.hops[a.hops.length - 1]!.to).toBe(query.target);
          for (let k = 1; k < a.hops.length; k++) expect(a.hops[k]!.from).toBe(a.hops[k - 1]!.to);
        }
      }),
      { numRuns: runs(400), seed: 11 },
    );
  });

  it('takes a cheap long path over an expensive short one, though the guide counts hops', () => {
    const graph = buildGraph([
      { channelId: 'short1', between: ['s', 'm'], capacityMsat: 10 ** 9, policies: [policy(), policy()] },
      { channelId: 'short2', between: ['m', 't'], capacityMsat: 10 ** 9, policies: [policy({ feeBaseMsat: 3_500 }), policy()] },
      ...['s', 'a', 'b', 'c'].map((from, i): ChannelEdge => ({ channelId: `long${i}`, between: [from, ['a', 'b', 'c', 't'][i]!], capacityMsat: 10 ** 9, policies: [policy(), policy()] })),
    ]);
    const route = findRoute(graph, { source: 's', target: 't', amountMsat: 1_000_000, currentHeight: 0, finalCltvDelta: 18 });
    expect(route!.hops.map((h) => h.to)).toEqual(['a', 'b', 'c', 't']);
    expect(route!.feeMsat).toBe(3 * 1001);
  });
});

describe('HopCounts', () => {
  const graph = buildGraph([
    { channelId: 'ab', between: ['a', 'b'], capacityMsat: 1000, policies: [policy(), policy()] },
    { channelId: 'bc', between: ['b', 'c'], capacityMsat: 1000, policies: [policy(), undefined] },
    { channelId: 'de', between: ['d', 'e'], capacityMsat: 1000, policies: [policy(), policy()] },
  ]);
  const index = routingIndex(graph);
  const id = (name: string): number => index.ids.get(name)!;

  it('counts hops along channel directions, and marks what cannot be reached', () => {
    const counts = new HopCounts(index).from(id('a'));
    expect(['a', 'b', 'c', 'd', 'e'].map((n) => counts.at(id(n)))).toEqual([0, 1, 2, UNREACHABLE, UNREACHABLE]);
    // c → b has no policy: c reaches nobody.
    const fromC = new HopCounts(index).from(id('c'));
    expect(fromC.at(id('b'))).toBe(UNREACHABLE);
  });

  it('keeps the most recent payers and recounts the ones it dropped', () => {
    const hopCounts = new HopCounts(index, 2);
    const a = hopCounts.from(id('a'));
    hopCounts.from(id('b'));
    expect(hopCounts.from(id('a'))).toBe(a); // kept, and now the most recent
    hopCounts.from(id('c')); // drops b, the least recent
    expect(hopCounts.from(id('a'))).toBe(a);
    const b = hopCounts.from(id('b'));
    expect(b.at(id('c'))).toBe(1);
  });

  it('keeps counts from 15 hops on a byte each, exactly, and drops the oldest payers past its memory budget', () => {
    // A line n0 → n1 → … → n19: counts up to 19 do not fit in half a byte.
    const line = buildGraph(Array.from({ length: 19 }, (_, i) => ({ channelId: `l${i}`, between: [`n${i}`, `n${i + 1}`] as [string, string], capacityMsat: 1000, policies: [policy(), undefined] as [Policy, undefined] })));
    const lineIndex = routingIndex(line);
    const node = (i: number): number => lineIndex.ids.get(`n${i}`)!;
    const hopCounts = new HopCounts(lineIndex, Infinity, 30);
    const far = hopCounts.from(node(0));
    expect(Array.from({ length: 20 }, (_, i) => far.at(node(i)))).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(far.bytes).toBe(20);
    const near = hopCounts.from(node(10)); // 9 more hops at most: half a byte a node
    expect(near.bytes).toBe(10);
    expect([near.at(node(19)), near.at(node(9))]).toEqual([9, UNREACHABLE]);
    hopCounts.from(node(5)); // 14 hops at most: half a byte; 20 + 10 + 10 bytes exceed 30, n0's go
    expect(hopCounts.from(node(10))).toBe(near);
    expect(hopCounts.from(node(0))).not.toBe(far);
  });

  it('counts exactly what a plain breadth-first search counts, on random graphs', () => {
    const links = fc.array(fc.record({ a: fc.nat(24), b: fc.nat(24), ab: fc.boolean(), ba: fc.boolean() }), { maxLength: 40 });
    fc.assert(
      fc.property(links, (list) => {
        const g = buildGraph(
          list
            .filter((c) => c.a !== c.b)
            .map((c, i) => ({ channelId: `c${i}`, between: [`n${c.a}`, `n${c.b}`] as [string, string], capacityMsat: 1000, policies: [policy({ disabled: !c.ab }), c.ba ? policy() : undefined] as [Policy, Policy | undefined] })),
        );
        const gIndex = routingIndex(g);
        const hopCounts = new HopCounts(gIndex);
        for (const source of g.nodes()) {
          const depth = new Map([[source, 0]]);
          const queue = [source];
          for (let i = 0; i < queue.length; i++) {
            g.forEachOutEdge(queue[i]!, (_key, a, _from, to) => {
              if (a.policy.disabled || depth.has(to)) return;
              depth.set(to, depth.get(queue[i]!)! + 1);
              queue.push(to);
            });
          }
          const counts = hopCounts.from(gIndex.ids.get(source)!);
          for (const target of g.nodes()) expect(counts.at(gIndex.ids.get(target)!)).toBe(depth.get(target) ?? UNREACHABLE);
        }
      }),
      { numRuns: runs(200), seed: 30 },
    );
  });
});
