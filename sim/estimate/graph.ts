/**
 * The steady network as flat arrays, for phase 2's hundreds of thousands of route searches:
 * each channel's two sides (balance, HTLCs in flight) at index 2·channel + side, and each
 * node's channel ends in one compressed adjacency list.
 *
 * Routes are shortest by hop count over channels whose capacity can carry the amount. A plain
 * breadth-first search visits the whole graph for every attempt (small-world graphs are ~4 hops
 * across), so each target's hop distances over all channels are computed once and kept; a
 * route search then walks only edges that bring it one hop nearer, and falls back to the full
 * search when every shortest route is blocked (capacity too small, or channel excluded). Fees and
 * time-lock risk (what `sim/router` weighs) do not change how many channels a payment holds,
 * which is all the concurrency bound is about; the sender, as in Lightning, knows capacities
 * from gossip but not balances, and learns of a short balance only when an attempt fails there.
 */
import type { OpenChannel } from './churn.js';

const NONE: ReadonlySet<number> = new Set();

export class FlatNetwork {
  readonly capacity: Float64Array;
  readonly balance: Float64Array;
  readonly htlcs: Int32Array;
  readonly nodeCount: number;
  private readonly adjStart: Int32Array;
  /** Adjacency entries: 2·channel + the side the node is on. */
  private readonly adj: Int32Array;
  /** The node at the other end of each adjacency entry. */
  private readonly adjPeer: Int32Array;
  /** Hop distances to a target from every node (255: unreachable), by target, for small graphs. */
  private readonly toTarget = new Map<number, Uint8Array>();
  private readonly cacheDistances: boolean;
  /** Node on each side of each channel, at 2·channel + side. */
  private readonly channelNodes: Int32Array;
  private readonly seen: Int32Array;
  private readonly via: Int32Array;
  private readonly depth: Int32Array;
  private readonly queue: Int32Array;
  private excluded: ReadonlySet<number> = NONE;
  private stamp = 0;

  constructor(nodeCount: number, channels: readonly OpenChannel[]) {
    const m = channels.length;
    this.nodeCount = nodeCount;
    this.capacity = new Float64Array(m);
    this.balance = new Float64Array(2 * m);
    this.htlcs = new Int32Array(2 * m);
    const degree = new Int32Array(nodeCount + 1);
    channels.forEach((c, i) => {
      this.capacity[i] = c.balanceMsat[0] + c.balanceMsat[1];
      this.balance[2 * i] = c.balanceMsat[0];
      this.balance[2 * i + 1] = c.balanceMsat[1];
      degree[c.nodes[0] + 1]!++;
      degree[c.nodes[1] + 1]!++;
    });
    this.channelNodes = new Int32Array(2 * m);
    channels.forEach((c, i) => {
      this.channelNodes[2 * i] = c.nodes[0];
      this.channelNodes[2 * i + 1] = c.nodes[1];
    });
    this.adjStart = new Int32Array(nodeCount + 1);
    for (let v = 0; v < nodeCount; v++) this.adjStart[v + 1] = this.adjStart[v]! + degree[v + 1]!;
    const fill = this.adjStart.slice(0, nodeCount);
    this.adj = new Int32Array(2 * m);
    this.adjPeer = new Int32Array(2 * m);
    channels.forEach((c, i) => {
      this.adjPeer[fill[c.nodes[0]]!] = c.nodes[1];
      this.adj[fill[c.nodes[0]]!++] = 2 * i;
      this.adjPeer[fill[c.nodes[1]]!] = c.nodes[0];
      this.adj[fill[c.nodes[1]]!++] = 2 * i + 1;
    });
    // n² bytes: 16 MB at 4,000 nodes; larger graphs search in full every time.
    this.cacheDistances = nodeCount <= 4_000;
    this.seen = new Int32Array(nodeCount);
    this.via = new Int32Array(nodeCount);
    this.depth = new Int32Array(nodeCount);
    this.queue = new Int32Array(nodeCount);
  }

  degree(node: number): number {
    return this.adjStart[node + 1]! - this.adjStart[node]!;
  }

  /**
   * Shortest route (fewest hops, at most `maxHops`) from `source` to `target` over channels with
   * capacity ≥ amount that are not in `excluded` (the channels that refused this payment): the
   * sending sides (2·channel + side) in order, or null when none exists. Ties go to the first
   * channel in adjacency order (deterministic).
   */
  route(source: number, target: number, amountMsat: number, maxHops: number, excluded: ReadonlySet<number> = NONE): number[] | null {
    this.excluded = excluded;
    if (this.cacheDistances) {
      const dist = this.distancesTo(target);
      if (dist[source]! > maxHops) return null; // unreachable even with every channel
      const path: number[] = [];
      const s = ++this.stamp;
      if (this.descend(source, target, amountMsat, dist, path, s)) return path;
    }
    return this.search(source, target, amountMsat, maxHops);
  }

  private usable(end: number, amountMsat: number): boolean {
    const ch = end >> 1;
    return this.capacity[ch]! >= amountMsat && !this.excluded.has(ch);
  }

  /** Depth-first along edges one hop nearer the target; a node that led nowhere is not retried. */
  private descend(v: number, target: number, amountMsat: number, dist: Uint8Array, path: number[], s: number): boolean {
    if (v === target) return true;
    this.seen[v] = s;
    const want = dist[v]! - 1;
    for (let k = this.adjStart[v]!; k < this.adjStart[v + 1]!; k++) {
      const w = this.adjPeer[k]!;
      if (dist[w] !== want || this.seen[w] === s || !this.usable(this.adj[k]!, amountMsat)) continue;
      path.push(this.adj[k]!);
      if (this.descend(w, target, amountMsat, dist, path, s)) return true;
      path.pop();
    }
    return false;
  }

  private distancesTo(target: number): Uint8Array {
    let dist = this.toTarget.get(target);
    if (dist) return dist;
    dist = new Uint8Array(this.nodeCount).fill(255);
    dist[target] = 0;
    let head = 0;
    let tail = 0;
    this.queue[tail++] = target;
    while (head < tail) {
      const v = this.queue[head++]!;
      if (dist[v]! >= 254) continue;
      for (let k = this.adjStart[v]!; k < this.adjStart[v + 1]!; k++) {
        const w = this.adjPeer[k]!;
        if (dist[w] !== 255) continue;
        dist[w] = dist[v]! + 1;
        this.queue[tail++] = w;
      }
    }
    this.toTarget.set(target, dist);
    return dist;
  }

  /** Breadth-first search over the usable channels. */
  private search(source: number, target: number, amountMsat: number, maxHops: number): number[] | null {
    const s = ++this.stamp;
    let head = 0;
    let tail = 0;
    this.queue[tail++] = source;
    this.seen[source] = s;
    this.depth[source] = 0;
    while (head < tail) {
      const v = this.queue[head++]!;
      if (v === target) break;
      if (this.depth[v]! >= maxHops) continue;
      for (let k = this.adjStart[v]!; k < this.adjStart[v + 1]!; k++) {
        const w = this.adjPeer[k]!;
        if (this.seen[w] === s || !this.usable(this.adj[k]!, amountMsat)) continue;
        this.seen[w] = s;
        this.via[w] = k;
        this.depth[w] = this.depth[v]! + 1;
        this.queue[tail++] = w;
      }
    }
    if (this.seen[target] !== s) return null;
    const path: number[] = [];
    for (let v = target; v !== source; ) {
      const k = this.via[v]!;
      path.push(this.adj[k]!);
      v = this.ownerOf(k);
    }
    return path.reverse();
  }

  /** The node whose adjacency list holds entry k. */
  private ownerOf(k: number): number {
    const end = this.adj[k]!;
    return this.channelNodes[2 * (end >> 1) + (end & 1)]!;
  }
}
