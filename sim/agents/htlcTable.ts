/**
 * A live channel's unresolved HTLCs, by offerer side and hash lock, in the order they were
 * offered. A side's table exists only while it holds one: most of the 31,000 channels of a real
 * snapshot are idle at any moment, and even an empty Map keeps a hash table of about 400 bytes.
 *
 * One table per side, keyed by the hash lock itself: a lock string is hashed once and keeps its
 * hash, where a `side|lock` key was a new string to build and hash at every look-up (several per
 * hop of every payment).
 */
import type { Side } from '../channel/index.js';
import type { HopState, HopTerms } from './hop.js';

/** One HTLC of a channel and its machine (hop.ts). */
export interface Htlc {
  readonly terms: HopTerms;
  readonly hashLock: string;
  readonly amountMsat: number;
  state: HopState;
  /** Its rank among the channel's HTLCs in the order offered (set by the table). */
  rank: number;
}

export class HtlcTable {
  private side0: Map<string, Htlc> | undefined;
  private side1: Map<string, Htlc> | undefined;
  private offered = 0;

  add(htlc: Htlc): void {
    const table = htlc.terms.offerer === 0 ? (this.side0 ??= new Map()) : (this.side1 ??= new Map());
    // Replacing an HTLC of the same side and lock keeps its place, as one Map keyed by both did.
    htlc.rank = table.get(htlc.hashLock)?.rank ?? this.offered++;
    table.set(htlc.hashLock, htlc);
  }

  get(offerer: Side, hashLock: string): Htlc | undefined {
    return (offerer === 0 ? this.side0 : this.side1)?.get(hashLock);
  }

  /** Removes one; true when none is left. */
  remove(offerer: Side, hashLock: string): boolean {
    const table = offerer === 0 ? this.side0 : this.side1;
    // The last one drops the table whole (a Map shrinks, allocating, when emptied entry by entry).
    if (table?.size === 1 && table.has(hashLock)) {
      if (offerer === 0) this.side0 = undefined;
      else this.side1 = undefined;
    } else table?.delete(hashLock);
    return this.side0 === undefined && this.side1 === undefined;
  }

  /** Every HTLC now, in the order offered, copied: stepping one may resolve it. */
  list(): Htlc[] {
    const a = this.side0;
    const b = this.side1;
    if (!a || !b) return a ? [...a.values()] : b ? [...b.values()] : [];
    return [...a.values(), ...b.values()].sort((x, y) => x.rank - y.rank);
  }
}
