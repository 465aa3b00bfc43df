/**
 * The mempool: transactions waiting for block space, ordered by fee rate (highest first), then
 * by arrival (first come, first served). Fee rates are compared exactly by cross-multiplication
 * (fee₁ · weight₂ vs fee₂ · weight₁), never as floats.
 *
 * Kept sorted: arrivals since the last block are sorted on their own and merged in, so a block
 * costs O(n + k log k) for n waiting and k new transactions, not a full sort.
 */
import type { Tx } from './types.js';

export interface Waiting {
  readonly tx: Tx;
  readonly fee: number;
  readonly weight: number;
  /** Arrival order. */
  readonly seq: number;
}

/** Negative when `a` should be mined before `b`. */
export function byFeeRateThenArrival(a: Waiting, b: Waiting): number {
  const left = a.fee * b.weight;
  const right = b.fee * a.weight;
  // Products past 2^53 are rounded as floats (a 9e15-msat fee times a weight gets there): redo
  // those in BigInt so that two nearly equal rates still compare exactly.
  if (left > Number.MAX_SAFE_INTEGER || right > Number.MAX_SAFE_INTEGER) {
    const l = BigInt(a.fee) * BigInt(b.weight);
    const r = BigInt(b.fee) * BigInt(a.weight);
    if (l !== r) return l > r ? -1 : 1;
  } else if (left !== right) {
    return right - left;
  }
  return a.seq - b.seq;
}

export class Mempool {
  private waiting: Waiting[] = [];
  private arrived: Waiting[] = [];
  private arrivals = 0;

  get size(): number {
    return this.waiting.length + this.arrived.length;
  }

  add(tx: Tx): void {
    // The miner collects both parts of the fee (types.ts), so both count in the fee rate.
    this.arrived.push({ tx, fee: tx.feeMsat + (tx.contractFeeMsat ?? 0), weight: tx.weight, seq: this.arrivals++ });
  }

  /** The waiting transactions in mining order. */
  ordered(): readonly Tx[] {
    this.merge();
    return this.waiting.map((w) => w.tx);
  }

  /** Keeps only the transactions for which `keep` is true (order preserved). */
  retain(keep: (tx: Tx) => boolean): void {
    this.merge();
    this.waiting = this.waiting.filter((w) => keep(w.tx));
  }

  private merge(): void {
    if (this.arrived.length === 0) return;
    const fresh = this.arrived.sort(byFeeRateThenArrival);
    this.arrived = [];
    const old = this.waiting;
    const merged: Waiting[] = new Array(old.length + fresh.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < old.length && j < fresh.length) merged[k++] = byFeeRateThenArrival(old[i]!, fresh[j]!) <= 0 ? old[i++]! : fresh[j++]!;
    while (i < old.length) merged[k++] = old[i++]!;
    while (j < fresh.length) merged[k++] = fresh[j++]!;
    this.waiting = merged;
  }
}
