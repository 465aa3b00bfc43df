/**
 * Who knows which preimage. A payee knows its own secret; a forwarder learns one when its
 * downstream peer fulfills; and a preimage revealed on the chain (in a cashHtlc or claimHtlc
 * call) is learned by every watcher, so an upstream hop can claim with it (BRIEF §2).
 *
 * Off-chain knowledge is forgotten once a payment has settled off-chain at every hop: no HTLC
 * with that lock is left to claim, and a long run must not keep a secret per payment and hop.
 */
import { hashLock } from '../crypto/index.js';

export class Preimages {
  private readonly public_ = new Map<string, Uint8Array>();
  private readonly private_ = new Map<string, Map<string, Uint8Array>>();
  /** Callbacks waiting for a hash lock's preimage to appear on the chain (rare: stuck HTLCs only). */
  private readonly waiting = new Map<string, (() => void)[]>();

  /** `node` learns `preimage` off-chain (its hash lock `lock`, when the caller has it: one string shared by every hop). */
  learn(node: string, preimage: Uint8Array, lock = hashLock(preimage)): void {
    let book = this.private_.get(node);
    if (!book) this.private_.set(node, (book = new Map()));
    book.set(lock, preimage);
  }

  /** `nodes` no longer need the preimage of `lock` (what the chain revealed stays public). */
  forget(lock: string, nodes: Iterable<string>): void {
    for (const node of nodes) this.private_.get(node)?.delete(lock);
  }

  /** How many (node, preimage) pairs are known off-chain: what a long run holds in memory. */
  get privatelyKnown(): number {
    let count = 0;
    for (const book of this.private_.values()) count += book.size;
    return count;
  }

  /** The preimage appeared on the chain. */
  publish(preimage: Uint8Array): void {
    const lock = hashLock(preimage);
    this.public_.set(lock, preimage);
    const callbacks = this.waiting.get(lock);
    this.waiting.delete(lock);
    for (const callback of callbacks ?? []) callback();
  }

  /** Calls `callback` once the preimage of `lock` appears on the chain. */
  whenPublished(lock: string, callback: () => void): void {
    if (this.public_.has(lock)) return callback();
    const list = this.waiting.get(lock);
    if (list) list.push(callback);
    else this.waiting.set(lock, [callback]);
  }

  known(node: string, lock: string): Uint8Array | undefined {
    return this.private_.get(node)?.get(lock) ?? this.public_.get(lock);
  }
}
