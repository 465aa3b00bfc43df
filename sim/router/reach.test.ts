import fc from 'fast-check';
import { runs } from '../testing/runs.js';
import { buildGraph, type ChannelEdge, type PaymentGraph, type Policy } from './graph.js';
import { routingIndex } from './index-cache.js';
import { Reachability } from './reach.js';

const on: Policy = { feeBaseMsat: 0, feePpm: 0, cltvDelta: 40, minHtlcMsat: 0, disabled: false };
const off: Policy = { ...on, disabled: true };

/** The nodes `source` reaches over enabled directions: a plain search over graphology's own edges. */
function reachedFrom(graph: PaymentGraph, source: string): Set<string> {
  const seen = new Set([source]);
  const queue = [source];
  for (let i = 0; i < queue.length; i++) {
    graph.forEachOutEdge(queue[i]!, (_key, a, _from, to) => {
      if (a.policy.disabled || seen.has(to)) return;
      seen.add(to);
      queue.push(to);
    });
  }
  return seen;
}

describe('Reachability', () => {
  it('answers exactly whether a path of enabled directions leads from payer to payee, on random graphs', () => {
    // Sparse graphs with many disabled or missing directions: cores, nodes only sending into
    // them, nodes only reached from them, and pieces apart from them all occur.
    const direction = fc.constantFrom<Policy | undefined>(on, on, off, undefined);
    const channels = fc.array(fc.record({ a: fc.nat(14), b: fc.nat(14), ab: direction, ba: direction }), { maxLength: 30 });
    fc.assert(
      fc.property(channels, (list) => {
        const edges: ChannelEdge[] = list
          .filter((c) => c.a !== c.b)
          .map((c, i) => ({ channelId: `c${i}`, between: [`n${c.a}`, `n${c.b}`], capacityMsat: 1e9, policies: [c.ab, c.ba] }));
        const graph = buildGraph(edges);
        const index = routingIndex(graph);
        const reachability = new Reachability(index);
        for (const source of graph.nodes()) {
          const reached = reachedFrom(graph, source);
          for (const target of graph.nodes()) {
            if (target === source) continue;
            expect([source, target, reachability.mayReach(index.ids.get(source)!, index.ids.get(target)!)]).toEqual([source, target, reached.has(target)]);
          }
        }
      }),
      { numRuns: runs(300), seed: 30 },
    );
  });
});
