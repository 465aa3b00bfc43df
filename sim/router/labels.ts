/**
 * The search's working memory (search.ts), kept per routing index and reused by every search
 * on it.
 */
import { HopCounts } from './hopCounts.js';
import type { RoutingIndex } from './index-cache.js';
import type { Landmarks } from './landmarks.js';
import { NodeHeap } from './nodeHeap.js';
import { Reachability } from './reach.js';

/**
 * Per node: best cost so far, amount that must arrive there, lock blocks from there to the
 * payee, hops, and the channel direction (and next node) it leaves by toward the payee. Kept per
 * graph index and never cleared: a label counts only when its node's stamp equals the current
 * search's epoch, and a channel is excluded when its stamp does, so a search touches only what it
 * reaches and allocates nothing (searches never nest).
 */
export interface Labels {
  epoch: number;
  /** The epoch in which a node's labels were last set (else its cost is +∞). */
  readonly reached: Uint32Array;
  /** The epoch in which a node was settled. */
  readonly settled: Uint32Array;
  /** The epoch in which a channel (by number) was excluded. */
  readonly excluded: Uint32Array;
  readonly cost: Float64Array;
  /** The counter of the label's relaxation: of two labels as cheap, the earlier one stands. */
  readonly seq: Float64Array;
  readonly amount: Float64Array;
  readonly cltv: Int32Array;
  readonly hops: Int32Array;
  readonly nextNode: Int32Array;
  /** The index of the direction (into the routing index's in-edge arrays) by which a node leaves. */
  readonly via: Int32Array;
  readonly heap: NodeHeap;
  /** Settled nodes whose dearer directions wait, by the least cost they could give (search.ts). */
  readonly waiting: NodeHeap;
  /** A waiting node's next direction (into the enabled directions). */
  readonly next: Int32Array;
  /** The counter value of a settled node's first direction: the direction of rank r gets base + r. */
  readonly seqBase: Float64Array;
  /** The epoch in which the payer had a direction into a node, and the first (into outOf). */
  readonly payerPeer: Uint32Array;
  readonly payerFirst: Int32Array;
  readonly hopCounts: HopCounts;
  readonly reachability: Reachability;
  /** Searches run on this index: landmarks are built only once it has served a few (search.ts). */
  searches: number;
  landmarks: Landmarks | undefined;
  /** A node's landmark bound, computed at most once per search (valid when its stamp is the epoch). */
  readonly bound: Float64Array;
  readonly bounded: Uint32Array;
}

const scratch = new WeakMap<RoutingIndex, Labels>();

/** The labels of `index`, ready for a new search (a new epoch, empty heaps). */
export function labelsFor(index: RoutingIndex): Labels {
  let labels = scratch.get(index);
  const n = index.names.length;
  if (!labels) {
    labels = {
      epoch: 0,
      reached: new Uint32Array(n),
      settled: new Uint32Array(n),
      excluded: new Uint32Array(index.channelNumbers.size),
      cost: new Float64Array(n),
      seq: new Float64Array(n),
      amount: new Float64Array(n),
      cltv: new Int32Array(n),
      hops: new Int32Array(n),
      nextNode: new Int32Array(n),
      via: new Int32Array(n),
      heap: new NodeHeap(n),
      waiting: new NodeHeap(n),
      next: new Int32Array(n),
      seqBase: new Float64Array(n),
      payerPeer: new Uint32Array(n),
      payerFirst: new Int32Array(n),
      hopCounts: new HopCounts(index),
      reachability: new Reachability(index),
      searches: 0,
      landmarks: undefined,
      bound: new Float64Array(n),
      bounded: new Uint32Array(n),
    };
    scratch.set(index, labels);
  }
  if (labels.epoch === 0xffffffff) {
    // After 2^32 − 1 searches the stamps would repeat: start them over.
    labels.epoch = 0;
    for (const stamps of [labels.reached, labels.settled, labels.excluded, labels.payerPeer, labels.bounded]) stamps.fill(0);
  }
  labels.epoch++;
  labels.heap.clear();
  labels.waiting.clear();
  return labels;
}
