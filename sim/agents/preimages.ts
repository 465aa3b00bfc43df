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
  /** Told whenever someone learns a preimage: `node` undefined when it appeared on the chain (everyone knows). */
  private listener: ((node: string | undefined, lock: string) => void) | undefined;

  /** Whoever must act on a preimage learned (the payments layer: a node that learns R claims upstream at once). */
  onLearn(listener: (node: string | undefined, lock: string) => void): void {
    this.listener = listener;
  }

  /** `node` learns `preimage` off-chain (its hash lock `lock`, when the caller has it: one string shared by every hop). */
  learn(node: string, preimage: Uint8Array, lock = hashLock(preimage)): void {
    let book = this.private_.get(node);
    if (!book) this.private_.set(node, (book = new Map()));
    if (book.has(lock)) return;
    book.set(lock, preimage);
    this.listener?.(node, lock);
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

  /** The preimage appeared on the chain (in a claim, or a cash that settled its HTLC). */
  publish(preimage: Uint8Array, lock = hashLock(preimage)): void {
    if (this.public_.has(lock)) return;
    this.public_.set(lock, preimage);
    this.listener?.(undefined, lock);
  }

  isPublic(lock: string): boolean {
    return this.public_.has(lock);
  }

  known(node: string, lock: string): Uint8Array | undefined {
    return this.private_.get(node)?.get(lock) ?? this.public_.get(lock);
  }
}
