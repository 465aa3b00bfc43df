/**
 * The mempool: transactions waiting for block space, ordered by fee rate (highest first), then
 * by arrival (first come, first served). Fee rates are compared exactly by cross-multiplication
 * (fee₁ · weight₂ vs fee₂ · weight₁), never as floats.
 */
import type { Tx } from './types.js';

interface Waiting {
  readonly tx: Tx;
  /** Arrival order. */
  readonly seq: number;
}

/** Negative when `a` should be mined before `b`. */
export function byFeeRateThenArrival(a: Waiting, b: Waiting): number {
  const left = a.tx.feeMsat * b.tx.weight;
  const right = b.tx.feeMsat * a.tx.weight;
  if (left !== right) return right - left;
  return a.seq - b.seq;
}

export class Mempool {
  private waiting: Waiting[] = [];
  private arrivals = 0;
  private sorted = true;

  get size(): number {
    return this.waiting.length;
  }

  add(tx: Tx): void {
    this.waiting.push({ tx, seq: this.arrivals++ });
    this.sorted = false;
  }

  /** The waiting transactions in mining order. */
  ordered(): readonly Tx[] {
    this.sort();
    return this.waiting.map((w) => w.tx);
  }

  /** Keeps only the transactions for which `keep` is true (order preserved). */
  retain(keep: (tx: Tx) => boolean): void {
    this.sort();
    this.waiting = this.waiting.filter((w) => keep(w.tx));
  }

  private sort(): void {
    if (this.sorted) return;
    this.waiting.sort(byFeeRateThenArrival);
    this.sorted = true;
  }
}
