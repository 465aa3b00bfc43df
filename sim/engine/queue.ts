/**
 * A binary min-heap of events keyed by (time, priority, seq) — STYLE §1.
 *
 * - `time`: when the event fires (simulated ms).
 * - `priority`: lower fires first among events at the same time (e.g. a block is mined before
 *   the messages that react to it).
 * - `seq`: insertion counter, so that equal (time, priority) pop in scheduling order (FIFO).
 *
 * The total order makes every run reproducible: nothing depends on heap layout or object identity.
 */

export interface QueueEntry {
  readonly time: number;
  readonly priority: number;
  readonly seq: number;
}

export function before(a: QueueEntry, b: QueueEntry): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}

export class EventQueue<E extends QueueEntry> {
  private readonly heap: E[] = [];

  get size(): number {
    return this.heap.length;
  }

  peek(): E | undefined {
    return this.heap[0];
  }

  push(entry: E): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  pop(): E | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    // Sift the last entry down from the root.
    let i = 0;
    const n = heap.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
