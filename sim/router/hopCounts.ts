/**
 * Breadth-first hop counts from a payer over every channel direction, the router's guide (A*):
 * a route from the payer to node u has at least hops(u) channels, and every one after the first
 * charges at least the graph's cheapest fee. Counting is linear in the graph, cheaper than the
 * search it guides, and payers repeat (capacity-weighted workloads favour hubs), so the counts of
 * the most recent payers are kept (a byte per node each).
 */
import type { RoutingIndex } from './index-cache.js';

/** A node the payer cannot reach (or reaches in more hops than any route may take). */
export const UNREACHABLE = 255;

export class HopCounts {
  private readonly recent = new Map<number, Uint8Array>();
  private readonly queue: Int32Array;

  constructor(
    private readonly index: RoutingIndex,
    /** Payers whose counts are kept: as many as fit in 64 MB. */
    private readonly keep = Math.max(16, Math.floor(2 ** 26 / Math.max(1, index.outStart.length))),
  ) {
    this.queue = new Int32Array(index.outStart.length - 1);
  }

  /** Hops from `source` to every node; UNREACHABLE where there is no path. */
  from(source: number): Uint8Array {
    const cached = this.recent.get(source);
    if (cached) {
      // Most recently used last: the first entry is the one to drop.
      this.recent.delete(source);
      this.recent.set(source, cached);
      return cached;
    }
    const counts = this.count(source);
    if (this.recent.size >= this.keep) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(source, counts);
    return counts;
  }

  private count(source: number): Uint8Array {
    const { outStart, outTo } = this.index;
    const counts = new Uint8Array(outStart.length - 1).fill(UNREACHABLE);
    const queue = this.queue;
    let head = 0;
    let tail = 0;
    counts[source] = 0;
    queue[tail++] = source;
    while (head < tail) {
      const u = queue[head++]!;
      const next = counts[u]! + 1;
      if (next >= UNREACHABLE) break;
      for (let k = outStart[u]!, end = outStart[u + 1]!; k < end; k++) {
        const v = outTo[k]!;
        if (counts[v] !== UNREACHABLE) continue;
        counts[v] = next;
        queue[tail++] = v;
      }
    }
    return counts;
  }
}
