/**
 * The event queue: a binary min-heap keyed by (time, priority, seq) — STYLE §1.
 *
 * - `time`: when the event fires (simulated ms).
 * - `priority`: lower fires first among events at the same time (e.g. a block is mined before
 *   the messages that react to it).
 * - `seq`: insertion counter, so that equal (time, priority) pop in scheduling order (FIFO).
 *
 * The total order makes every run reproducible: nothing depends on heap layout or object identity.
 */
import { BinaryHeap } from '../heap.js';

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

export class EventQueue<E extends QueueEntry> extends BinaryHeap<E> {
  constructor() {
    super(before);
  }
}
