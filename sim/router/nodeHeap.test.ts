import fc from 'fast-check';
import { runs } from '../testing/runs.js';
import { NodeHeap } from './nodeHeap.js';

describe('NodeHeap', () => {
  it('pops nodes in (cost, last improvement) order, as a heap with lazy deletion would', () => {
    // Operations: set node i to cost c (only when lower, as Dijkstra does), pop, or raise the
    // top's key by r (as the guided search does once it knows the top's bound).
    const op = fc.oneof(
      fc.record({ node: fc.nat(15), cost: fc.integer({ min: 0, max: 20 }) }),
      fc.constant('pop' as const),
      fc.record({ raise: fc.integer({ min: 0, max: 10 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const heap = new NodeHeap(16);
        const best = new Map<number, { cost: number; seq: number }>();
        let seq = 0;
        // The reference: the least (cost, seq) among queued nodes.
        const least = (): number => [...best].sort(([, a], [, b]) => a.cost - b.cost || a.seq - b.seq)[0]![0];
        for (const o of ops) {
          if (o === 'pop') {
            if (best.size === 0) continue;
            const expected = least();
            expect([heap.peek(), heap.peekKey()]).toEqual([expected, best.get(expected)!.cost]);
            expect(heap.pop()).toBe(expected);
            best.delete(expected);
          } else if ('raise' in o) {
            if (best.size === 0) continue;
            const top = best.get(least())!;
            top.cost += o.raise;
            heap.raiseTop(top.cost);
          } else if ((best.get(o.node)?.cost ?? Infinity) > o.cost) {
            best.set(o.node, { cost: o.cost, seq });
            heap.set(o.node, o.cost, seq++);
          }
          expect(heap.size).toBe(best.size);
        }
      }),
      { numRuns: runs(300), seed: 7 },
    );
  });

  it('is empty and reusable after clear', () => {
    const heap = new NodeHeap(4);
    heap.set(2, 5, 0);
    heap.set(1, 3, 1);
    heap.clear();
    expect(heap.size).toBe(0);
    heap.set(2, 1, 0);
    expect(heap.pop()).toBe(2);
    expect(heap.size).toBe(0);
  });
});
