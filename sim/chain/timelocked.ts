/**
 * Transactions whose absolute time lock keeps them out of the next block wait here, outside the
 * mempool, as a Bitcoin node refuses a transaction that is not final for the next block
 * (Bitcoin Core `IsFinalTx` at tip height + 1) and its sender broadcasts it again once it is.
 * They take no block space, are not counted in the mempool's size or peak, and are not walked
 * when a block is built; they still conflict (chain.ts drops one whose input was spent meanwhile).
 *
 * When a lock opens, against the inclusion rule of rules.ts ("a block at height h includes a
 * height lock L when h ≥ L; a block with timestamp s includes a timestamp lock L when s ≥ L"):
 * - **height lock L**: block L is the next block once the tip is at L − 1, so the transaction
 *   enters the mempool right after block L − 1 is mined (at once if the tip is already there).
 * - **timestamp lock L**: a block mined at simulated time t gets the timestamp
 *   max(tip timestamp, start + ⌊t / 1000⌋) (chain.ts), and the tip's timestamp never exceeds
 *   start + ⌊now / 1000⌋ (every earlier block was mined at or before now). So every block mined
 *   at or after t_L = (L − start) · 1000 ms satisfies the lock, and no block mined before t_L
 *   does: the transaction enters the mempool at t_L exactly (at once if t_L has passed).
 *
 * Entries are kept in two heaps ordered by (opening, arrival), so moving the due ones costs
 * O(k log n); among those due together, the earlier opening enters first, then the earlier
 * submission.
 */
import { BinaryHeap } from '../heap.js';
import type { AbsoluteLock, Tx } from './types.js';

/** When a lock lets the next block include its transaction: after a given tip height, or from a given simulated time. */
export type Opening = { readonly afterHeight: number } | { readonly atMs: number };

export function openingOf(lock: AbsoluteLock, startTimestamp: number): Opening {
  return 'height' in lock ? { afterHeight: lock.height - 1 } : { atMs: Math.max(0, (lock.timestamp - startTimestamp) * 1000) };
}

export function isOpen(opening: Opening, tipHeight: number, nowMs: number): boolean {
  return 'afterHeight' in opening ? tipHeight >= opening.afterHeight : nowMs >= opening.atMs;
}

interface Entry {
  readonly tx: Tx;
  /** Tip height (height locks) or simulated ms (timestamp locks) at which it opens. */
  readonly key: number;
  readonly seq: number;
}

/** A transaction that has just become valid, and the simulated time at which it did. */
export interface Opened {
  readonly tx: Tx;
  readonly validAt: number;
}

const earlier = (a: Entry, b: Entry): boolean => a.key < b.key || (a.key === b.key && a.seq < b.seq);

export class TimeLockedPool {
  private readonly byHeight = new BinaryHeap<Entry>(earlier);
  private readonly byTime = new BinaryHeap<Entry>(earlier);
  /** Live entries by tx id; a removed entry stays in its heap until popped, then is skipped. */
  private readonly live = new Map<string, Entry>();
  private arrivals = 0;

  get size(): number {
    return this.live.size;
  }

  add(tx: Tx, opening: Opening): void {
    const entry: Entry = { tx, key: 'afterHeight' in opening ? opening.afterHeight : opening.atMs, seq: this.arrivals++ };
    this.live.set(tx.id, entry);
    ('afterHeight' in opening ? this.byHeight : this.byTime).push(entry);
  }

  /** The waiting transactions, in arrival order (for conflict checks). */
  *waiting(): Iterable<Tx> {
    for (const entry of this.live.values()) yield entry.tx;
  }

  remove(txId: string): void {
    this.live.delete(txId);
  }

  /**
   * Takes out every transaction open at (tip height, now), oldest opening first. A height lock
   * opened when the block at its `afterHeight` was mined: `blockTime(h)` says when that was.
   */
  takeOpen(tipHeight: number, nowMs: number, blockTime: (height: number) => number): Opened[] {
    const out: (Opened & { seq: number })[] = [];
    const drain = (heap: BinaryHeap<Entry>, limit: number, at: (e: Entry) => number): void => {
      for (let top = heap.peek(); top !== undefined && top.key <= limit; top = heap.peek()) {
        heap.pop();
        if (this.live.get(top.tx.id) !== top) continue;
        this.live.delete(top.tx.id);
        out.push({ tx: top.tx, validAt: Math.max(top.tx.submittedAt, at(top)), seq: top.seq });
      }
    };
    drain(this.byHeight, tipHeight, (e) => blockTime(e.key));
    drain(this.byTime, nowMs, (e) => e.key);
    out.sort((a, b) => a.validAt - b.validAt || a.seq - b.seq);
    return out.map(({ tx, validAt }) => ({ tx, validAt }));
  }
}
