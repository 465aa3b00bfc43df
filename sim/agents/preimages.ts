/**
 * Who knows which preimage. A payee knows its own secret; a forwarder learns one when its
 * downstream peer fulfills; and a preimage revealed on the chain (in a cashHtlc or claimHtlc
 * call) is learned by every watcher, so an upstream hop can claim with it (BRIEF §2).
 *
 * An eclipsed node (chainView.ts) reads a preimage from the chain only once it sees the block
 * that revealed it.
 *
 * Off-chain knowledge is forgotten once a payment has settled off-chain at every hop: no HTLC
 * with that lock is left to claim, and a long run must not keep a secret per payment and hop.
 */
import { hashLock } from '../crypto/index.js';
import type { ChainView } from './chainView.js';

/** A preimage the chain revealed, and the block it appeared in. */
interface Revealed {
  readonly preimage: Uint8Array;
  readonly height: number;
}

/** The nodes that know a lock's preimage off-chain, and the preimage each was given (same index). */
interface Knowers {
  readonly nodes: string[];
  readonly preimages: Uint8Array[];
}

export class Preimages {
  private readonly public_ = new Map<string, Revealed>();
  /** Locks whose preimage is on its way to the preimage manager (Sprites), so each is registered once. */
  private readonly registering = new Set<string>();
  /**
   * Off-chain knowledge by lock: who knows its preimage (a payee and the hops upstream of it, a
   * handful). By lock, not by node: the few locks in flight stay in cache, where a book per node
   * (10,000 of them) cost a cache miss at every look-up.
   */
  private readonly private_ = new Map<string, Knowers>();
  /** Told whenever someone learns a preimage: `node` undefined when it appeared on the chain (everyone knows). */
  private listener: ((node: string | undefined, lock: string) => void) | undefined;

  /** `view`: what each node sees of the chain (none: everyone sees every block at once). */
  constructor(private readonly view?: ChainView) {}

  /** Whoever must act on a preimage learned (the payments layer: a node that learns R claims upstream at once). */
  onLearn(listener: (node: string | undefined, lock: string) => void): void {
    this.listener = listener;
  }

  /** `node` learns `preimage` off-chain (its hash lock `lock`, when the caller has it: one string shared by every hop). */
  learn(node: string, preimage: Uint8Array, lock = hashLock(preimage)): void {
    let knowers = this.private_.get(lock);
    if (!knowers) this.private_.set(lock, (knowers = { nodes: [], preimages: [] }));
    if (knowers.nodes.includes(node)) return;
    knowers.nodes.push(node);
    knowers.preimages.push(preimage);
    this.listener?.(node, lock);
  }

  /** `nodes` no longer need the preimage of `lock` (what the chain revealed stays public). */
  forget(lock: string, nodes: Iterable<string>): void {
    const knowers = this.private_.get(lock);
    if (!knowers) return;
    for (const node of nodes) {
      const i = knowers.nodes.indexOf(node);
      if (i < 0) continue;
      knowers.nodes.splice(i, 1);
      knowers.preimages.splice(i, 1);
    }
    if (knowers.nodes.length === 0) this.private_.delete(lock);
  }

  /** How many (node, preimage) pairs are known off-chain: what a long run holds in memory. */
  get privatelyKnown(): number {
    let count = 0;
    for (const knowers of this.private_.values()) count += knowers.nodes.length;
    return count;
  }

  /**
   * The preimage appeared on the chain (in a claim, or a cash that settled its HTLC) in block
   * `height`: by default the block being built.
   */
  publish(preimage: Uint8Array, lock = hashLock(preimage), height = (this.view?.realHeight ?? 0) + 1): void {
    if (this.public_.has(lock)) return;
    this.public_.set(lock, { preimage, height });
    this.listener?.(undefined, lock);
  }

  /** Marks `lock` as being registered with the preimage manager; false if it already was. */
  startRegistering(lock: string): boolean {
    if (this.registering.has(lock)) return false;
    this.registering.add(lock);
    return true;
  }

  /** The registration was dropped: someone may try again. */
  stopRegistering(lock: string): void {
    this.registering.delete(lock);
  }

  isPublic(lock: string): boolean {
    return this.public_.has(lock);
  }

  known(node: string, lock: string): Uint8Array | undefined {
    const knowers = this.private_.get(lock);
    const i = knowers ? knowers.nodes.indexOf(node) : -1;
    if (i >= 0) return knowers!.preimages[i];
    const revealed = this.public_.get(lock);
    // Only an eclipsed node can be behind the block that revealed it.
    if (revealed && this.view && this.view.delay(node) > 0 && !this.view.sees(node, revealed.height)) return undefined;
    return revealed?.preimage;
  }
}
