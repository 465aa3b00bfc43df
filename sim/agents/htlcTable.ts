/**
 * A live channel's unresolved HTLCs, by offerer side and hash lock, in the order they were
 * offered. The table exists only while it holds one: most of the 31,000 channels of a real
 * snapshot are idle at any moment, and even an empty Map keeps a hash table of about 400 bytes.
 */
import type { Side } from '../channel/index.js';
import type { HopState, HopTerms } from './hop.js';

/** One HTLC of a channel and its machine (hop.ts). */
export interface Htlc {
  readonly terms: HopTerms;
  readonly hashLock: string;
  readonly amountMsat: number;
  state: HopState;
}

export class HtlcTable {
  private byKey: Map<string, Htlc> | undefined;

  add(htlc: Htlc): void {
    (this.byKey ??= new Map()).set(keyOf(htlc.terms.offerer, htlc.hashLock), htlc);
  }

  get(offerer: Side, hashLock: string): Htlc | undefined {
    return this.byKey?.get(keyOf(offerer, hashLock));
  }

  /** Removes one; true when none is left. */
  remove(offerer: Side, hashLock: string): boolean {
    this.byKey?.delete(keyOf(offerer, hashLock));
    if (this.byKey?.size) return false;
    this.byKey = undefined;
    return true;
  }

  /** Every HTLC now, in the order offered, copied: stepping one may resolve it. */
  list(): Htlc[] {
    return this.byKey ? [...this.byKey.values()] : [];
  }
}

const keyOf = (offerer: Side, hashLock: string): string => `${offerer}|${hashLock}`;
