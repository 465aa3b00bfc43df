/**
 * Breadth-first hop counts from a payer over every channel direction, the router's guide (A*):
 * a route from the payer to node u has at least hops(u) channels, and every one after the first
 * charges at least the graph's cheapest fee. Counting is linear in the graph, cheaper than the
 * search it guides, and payers repeat, so the counts of the most recent payers are kept, in
 * 64 MB: half a byte per node when every count is below 15 (the usual case), else a byte. Half a
 * byte keeps every payer of the 10,000-node generated network instead of two thirds of them: a
 * third of its searches counted afresh, 230 µs each.
 */
import type { RoutingIndex } from './index-cache.js';

/** A node the payer cannot reach (or reaches in more hops than any route may take). */
export const UNREACHABLE = 255;

/** Half-byte counts run to 14; 15 stands for UNREACHABLE. */
const PACKED_UNREACHABLE = 15;

/** One payer's hop counts. */
export class PayerHops {
  constructor(
    private readonly counts: Uint8Array,
    /** Two counts a byte, node u in the low half of byte u / 2 when u is even. */
    private readonly packed: boolean,
  ) {}

  /** Hops from the payer to `u`; UNREACHABLE where there is no path. */
  at(u: number): number {
    if (!this.packed) return this.counts[u]!;
    const half = (this.counts[u >> 1]! >> ((u & 1) << 2)) & 15;
    return half === PACKED_UNREACHABLE ? UNREACHABLE : half;
  }

  get bytes(): number {
    return this.counts.length;
  }
}

export class HopCounts {
  private readonly recent = new Map<number, PayerHops>();
  private bytes = 0;
  private readonly counts: Uint8Array;
  private readonly queue: Int32Array;

  constructor(
    private readonly index: RoutingIndex,
    /** Most payers whose counts are kept (and at most 64 MB of counts). */
    private readonly keep = Infinity,
    private readonly budgetBytes = 2 ** 26,
  ) {
    this.counts = new Uint8Array(index.outStart.length - 1);
    this.queue = new Int32Array(index.outStart.length - 1);
  }

  /** Hops from `source` to every node. */
  from(source: number): PayerHops {
    const cached = this.recent.get(source);
    if (cached) {
      // Most recently used last: the first entry is the one to drop.
      this.recent.delete(source);
      this.recent.set(source, cached);
      return cached;
    }
    const hops = this.count(source);
    while (this.recent.size > 0 && (this.recent.size >= this.keep || this.bytes + hops.bytes > this.budgetBytes)) {
      const [oldest, dropped] = this.recent.entries().next().value!;
      this.recent.delete(oldest);
      this.bytes -= dropped.bytes;
    }
    this.recent.set(source, hops);
    this.bytes += hops.bytes;
    return hops;
  }

  private count(source: number): PayerHops {
    const { outStart, outTo } = this.index;
    const { counts, queue } = this;
    counts.fill(UNREACHABLE);
    let head = 0;
    let tail = 0;
    counts[source] = 0;
    queue[tail++] = source;
    let most = 0;
    while (head < tail) {
      const u = queue[head++]!;
      const next = counts[u]! + 1;
      if (next >= UNREACHABLE) break;
      for (let k = outStart[u]!, end = outStart[u + 1]!; k < end; k++) {
        const v = outTo[k]!;
        if (counts[v] !== UNREACHABLE) continue;
        counts[v] = next;
        most = next;
        queue[tail++] = v;
      }
    }
    if (most >= PACKED_UNREACHABLE) return new PayerHops(counts.slice(), false);
    const packed = new Uint8Array((counts.length + 1) >> 1);
    for (let u = 0; u < counts.length; u++) packed[u >> 1]! |= (counts[u] === UNREACHABLE ? PACKED_UNREACHABLE : counts[u]!) << ((u & 1) << 2);
    return new PayerHops(packed, true);
  }
}
