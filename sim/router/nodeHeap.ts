/**
 * Dijkstra's frontier as an indexed binary min-heap over node numbers 0…n−1, ordered by
 * (cost, seq). It lowers a node's key in place instead of pushing a duplicate, and lives in typed
 * arrays reused from one search to the next: a route on the real snapshot relaxes tens of
 * thousands of edges, and allocating a heap entry for each was a third of the garbage (profiled).
 *
 * The order equals that of a heap with lazy deletion: a node's key is (its best cost, the
 * counter value at its last improvement), so routes do not change with the representation.
 */
export class NodeHeap {
  private readonly heap: Int32Array;
  /** Where each node sits in `heap`, −1 when it is not in it. */
  private readonly position: Int32Array;
  private readonly cost: Float64Array;
  private readonly seq: Float64Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.heap = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
    this.cost = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Empties the heap for a new search. */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.position[this.heap[i]!] = -1;
    this.count = 0;
  }

  /** Inserts `node`, or lowers its key if it is already queued. */
  set(node: number, cost: number, seq: number): void {
    this.cost[node] = cost;
    this.seq[node] = seq;
    let i = this.position[node]!;
    if (i < 0) i = this.count++;
    this.siftUp(node, i);
  }

  /** Removes and returns the node with the least (cost, seq). */
  pop(): number {
    const top = this.heap[0]!;
    this.position[top] = -1;
    const last = this.heap[--this.count]!;
    if (this.count > 0) this.siftDown(last, 0);
    return top;
  }

  private less(a: number, b: number): boolean {
    const ca = this.cost[a]!;
    const cb = this.cost[b]!;
    return ca < cb || (ca === cb && this.seq[a]! < this.seq[b]!);
  }

  private siftUp(node: number, i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent]!;
      if (!this.less(node, above)) break;
      heap[i] = above;
      this.position[above] = i;
      i = parent;
    }
    heap[i] = node;
    this.position[node] = i;
  }

  private siftDown(node: number, i: number): void {
    const heap = this.heap;
    const n = this.count;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.less(heap[right]!, heap[left]!) ? right : left;
      const below = heap[child]!;
      if (!this.less(below, node)) break;
      heap[i] = below;
      this.position[below] = i;
      i = child;
    }
    heap[i] = node;
    this.position[node] = i;
  }
}
