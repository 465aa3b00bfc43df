/**
 * A lower bound of the cost still to come that is not 0 on real graphs (ALT: A*, landmarks and
 * the triangle inequality). The graph's cheapest fee is 0 on every real snapshot, yet most
 * directions charge a base fee (1,000 msat on two thirds of the 2019 one): the cheapest base fees
 * along any path from the payer, summed, are a bound. Distances over base fees to and from a few
 * landmark nodes are computed once per graph; for any node u,
 *
 *   cost(payer ⇝ u) ≥ d(x₁, u) ≥ max over landmarks ℓ of  d(ℓ, u) − d(ℓ, x₁)  and  d(x₁, ℓ) − d(u, ℓ)
 *
 * where x₁ is the payer's first peer (the payer charges itself nothing on the first hop), taken
 * at its worst over the payer's peers. The bound is consistent (it grows by at most an edge's
 * base fee along an edge), so the first route to reach the payer is still the cheapest.
 */
import { hubOf, type RoutingIndex } from './index-cache.js';
import { NodeHeap } from './nodeHeap.js';

/** Landmarks per graph: 8 is the usual choice in ALT's literature and costs 16 passes once. */
const LANDMARKS = 8;

export class Landmarks {
  /** Landmarks in use (fewer than LANDMARKS on a graph with few far-apart nodes). */
  private count: number;
  /** Entries per node in `from` and `to`. */
  private readonly stride: number;
  /** d(ℓ, u) at [u × count + ℓ], and d(u, ℓ): over enabled directions weighted by base fee. */
  private readonly from: Float64Array;
  private readonly to: Float64Array;
  /** For the bound payer: the largest d(ℓ, x₁) and the least d(x₁, ℓ) over its peers x₁. */
  private readonly worstFrom: Float64Array;
  private readonly bestTo: Float64Array;
  private payer = -1;

  constructor(private readonly index: RoutingIndex) {
    const n = index.names.length;
    this.stride = this.count = Math.min(LANDMARKS, n);
    this.from = new Float64Array(n * this.stride);
    this.to = new Float64Array(n * this.stride);
    this.worstFrom = new Float64Array(this.count);
    this.bestTo = new Float64Array(this.count);
    const directions = packDirections(index);
    const heap = new NodeHeap(n);
    const dist = new Float64Array(n);
    // Farthest first: the next landmark is the node farthest (both ways) from those chosen.
    const spread = new Float64Array(n).fill(Infinity);
    let next = hubOf(index);
    for (let l = 0; l < this.count; l++) {
      for (const [forward, into] of [[true, this.from], [false, this.to]] as const) {
        distances(next, forward ? directions.forward : directions.backward, heap, dist);
        for (let u = 0; u < n; u++) {
          into[u * this.stride + l] = dist[u]!;
          if (!forward) spread[u] = Math.min(spread[u]!, this.from[u * this.stride + l]! + dist[u]!);
        }
      }
      let far = -1;
      for (let u = 0; u < n; u++) if (Number.isFinite(spread[u]!) && (far < 0 || spread[u]! > spread[far]!)) far = u;
      if (far < 0 || spread[far] === 0) {
        this.count = l + 1;
        break;
      }
      next = far;
    }
  }

  /** Prepares bounds for searches whose payer is `src` (its peers over enabled directions). */
  bindPayer(src: number): void {
    if (this.payer === src) return;
    this.payer = src;
    const { outStart, outTo } = this.index;
    const c = this.count;
    const s = this.stride;
    this.worstFrom.fill(-Infinity);
    this.bestTo.fill(Infinity);
    for (let k = outStart[src]!; k < outStart[src + 1]!; k++) {
      const x = outTo[k]!;
      for (let l = 0; l < c; l++) {
        this.worstFrom[l] = Math.max(this.worstFrom[l]!, this.from[x * s + l]!);
        this.bestTo[l] = Math.min(this.bestTo[l]!, this.to[x * s + l]!);
      }
    }
  }

  /** A lower bound of the cost from the bound payer to u (+∞: the payer cannot reach u). */
  bound(u: number): number {
    if (u === this.payer) return 0;
    const c = this.count;
    const at = u * this.stride;
    let best = 0;
    for (let l = 0; l < c; l++) {
      const worst = this.worstFrom[l]!;
      if (worst < Infinity) {
        const b = this.from[at + l]! - worst;
        if (b > best) best = b;
      }
      const toL = this.to[at + l]!;
      if (toL < Infinity) {
        const b = this.bestTo[l]! - toL;
        if (b > best) best = b;
      }
    }
    return best;
  }
}

interface Adjacency {
  readonly start: Int32Array;
  readonly next: Int32Array;
  readonly weight: Float64Array;
}

/** Enabled directions weighted by base fee, both ways: the routing index's own rows (index-cache.ts). */
function packDirections(index: RoutingIndex): { forward: Adjacency; backward: Adjacency } {
  const { start, from, to, feeBaseMsat, outOfStart, outOf } = index.enabled;
  const weight = feeBaseMsat.map((fee) => Math.max(0, fee));
  const forward = { start: outOfStart, next: new Int32Array(outOf.length), weight: new Float64Array(outOf.length) };
  for (let i = 0; i < outOf.length; i++) {
    forward.next[i] = to[outOf[i]!]!;
    forward.weight[i] = weight[outOf[i]!]!;
  }
  return { forward, backward: { start, next: from, weight } };
}

/** Dijkstra from `start` over `adjacency` into `dist` (+∞ where unreached). */
function distances(start: number, adjacency: Adjacency, heap: NodeHeap, dist: Float64Array): void {
  dist.fill(Infinity);
  heap.clear();
  dist[start] = 0;
  let seq = 0;
  heap.set(start, 0, seq++);
  while (heap.size > 0) {
    const u = heap.pop();
    for (let j = adjacency.start[u]!; j < adjacency.start[u + 1]!; j++) {
      const v = adjacency.next[j]!;
      const d = dist[u]! + adjacency.weight[j]!;
      if (d < dist[v]!) {
        dist[v] = d;
        heap.set(v, d, seq++);
      }
    }
  }
}
