import fc from 'fast-check';
import { runs } from '../testing/runs.js';
import { buildGraph, type ChannelEdge, type Policy } from './graph.js';
import { routingIndex } from './index-cache.js';
import { Landmarks } from './landmarks.js';
import { referenceRoute } from './reference.js';

describe('Landmarks', () => {
  const direction = fc.option(
    fc.record({ feeBaseMsat: fc.constantFrom(0, 1, 1000, 1000, 7000), feePpm: fc.constantFrom(0, 5), cltvDelta: fc.constant(40), minHtlcMsat: fc.constant(0), disabled: fc.boolean() }),
    { freq: 5 },
  );
  const channels = fc.array(fc.record({ a: fc.nat(13), b: fc.nat(13), ab: direction, ba: direction }), { maxLength: 50 });

  it('never bound a node above the cheapest route from the payer to it (+∞ only where none exists)', () => {
    fc.assert(
      fc.property(channels, fc.nat(13), (list, payer) => {
        const edges: ChannelEdge[] = list
          .filter((c) => c.a !== c.b)
          .map((c, i) => ({ channelId: `c${i}`, between: [`n${c.a}`, `n${c.b}`], capacityMsat: 1e12, policies: [c.ab ?? undefined, c.ba ?? undefined] as [Policy | undefined, Policy | undefined] }));
        const graph = buildGraph(edges);
        const index = routingIndex(graph);
        const src = index.ids.get(`n${payer}`);
        if (src === undefined) return;
        const landmarks = new Landmarks(index);
        landmarks.bindPayer(src);
        for (const [u, name] of index.names.entries()) {
          if (u === src) continue;
          const route = referenceRoute(graph, { source: `n${payer}`, target: name, amountMsat: 1, currentHeight: 0, finalCltvDelta: 0, maxHops: 100, maxTotalCltv: 1e9 });
          if (route) expect(landmarks.bound(u)).toBeLessThanOrEqual(route.cost);
          if (landmarks.bound(u) === Infinity) expect(route).toBeNull();
        }
      }),
      { numRuns: runs(300), seed: 16 },
    );
  });

  it('bounds by the base fees a path must pay: a line a → b → c → d charging 1,000 msat a hop', () => {
    const p: Policy = { feeBaseMsat: 1000, feePpm: 0, cltvDelta: 40, minHtlcMsat: 0, disabled: false };
    const graph = buildGraph(['ab', 'bc', 'cd'].map((id) => ({ channelId: id, between: [id[0]!, id[1]!], capacityMsat: 1e9, policies: [p, undefined] })));
    const index = routingIndex(graph);
    const landmarks = new Landmarks(index);
    landmarks.bindPayer(index.ids.get('a')!);
    // From a: b is its peer (a pays itself nothing), c is one fee away, d two.
    expect(['b', 'c', 'd'].map((n) => landmarks.bound(index.ids.get(n)!))).toEqual([0, 1000, 2000]);
    landmarks.bindPayer(index.ids.get('c')!);
    expect(landmarks.bound(index.ids.get('a')!)).toBe(Infinity);
  });
});
