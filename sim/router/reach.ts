/**
 * Whether a payer can reach a payee at all, answered before searching. On real snapshots many
 * directions are disabled (15,835 of 62,248 on the 2019 one), so a third of uniformly drawn
 * pairs have no path; a search for them settles every node that can reach the payee (≈3,500 on
 * that snapshot) before giving up: those failed searches were most of the router's time.
 *
 * The graph of enabled directions has a core: the strongly connected component of its best
 * connected node (the hub with the most enabled directions out). One breadth-first pass each way
 * from the hub gives what the core reaches (`fromCore`) and what reaches it (`toCore`); the core
 * is both. A payer in the core reaches exactly `fromCore`; a payee in the core is reached by
 * exactly `toCore`; a payer in `toCore` reaches every payee in `fromCore` through the hub. Only
 * the remaining pairs (both outside the core) need the payer's own hop counts (cached per payer).
 * The answer ignores amounts and exclusions: "unreachable" is exact, "reachable" means "search".
 */
import { HopCounts, UNREACHABLE } from './hopCounts.js';
import type { RoutingIndex } from './index-cache.js';

export class Reachability {
  private readonly fromCore: Uint8Array;
  private readonly toCore: Uint8Array;

  constructor(
    index: RoutingIndex,
    private readonly hopCounts: HopCounts,
  ) {
    const n = index.names.length;
    const { outStart, outTo } = index;
    let hub = 0;
    for (let u = 1; u < n; u++) if (outStart[u + 1]! - outStart[u]! > outStart[hub + 1]! - outStart[hub]!) hub = u;
    // The enabled directions reversed, to walk toward the hub.
    const inStart = new Int32Array(n + 1);
    for (const v of outTo) inStart[v + 1]!++;
    for (let v = 0; v < n; v++) inStart[v + 1]! += inStart[v]!;
    const inFrom = new Int32Array(outTo.length);
    const fill = inStart.slice(0, n);
    for (let u = 0; u < n; u++) for (let k = outStart[u]!; k < outStart[u + 1]!; k++) inFrom[fill[outTo[k]!]!++] = u;
    this.fromCore = visit(n, hub, outStart, outTo);
    this.toCore = visit(n, hub, inStart, inFrom);
  }

  /** False only when no path of enabled directions leads from `src` to `dst`. */
  mayReach(src: number, dst: number): boolean {
    const srcInCore = this.fromCore[src] === 1 && this.toCore[src] === 1;
    if (srcInCore) return this.fromCore[dst] === 1;
    if (this.fromCore[dst] === 1 && this.toCore[dst] === 1) return this.toCore[src] === 1;
    if (this.toCore[src] === 1 && this.fromCore[dst] === 1) return true;
    return this.hopCounts.from(src)[dst] !== UNREACHABLE;
  }
}

/** Breadth-first marks of every node reachable from `start` over the packed adjacency (1 = reached). */
function visit(n: number, start: number, first: Int32Array, next: Int32Array): Uint8Array {
  const seen = new Uint8Array(n);
  if (n === 0) return seen;
  const queue = new Int32Array(n);
  let tail = 0;
  seen[start] = 1;
  queue[tail++] = start;
  for (let head = 0; head < tail; head++) {
    const u = queue[head]!;
    for (let k = first[u]!; k < first[u + 1]!; k++) {
      const v = next[k]!;
      if (!seen[v]) {
        seen[v] = 1;
        queue[tail++] = v;
      }
    }
  }
  return seen;
}
