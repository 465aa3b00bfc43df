/**
 * Watch requests (STYLE §13): the chain reaches agents only through these. A watch is a
 * callback registered for a condition; when a block meets it, the chain schedules the callback
 * as an engine event at `Priority.trigger` (after the block itself, at the same time).
 */
import { outpointKey } from './ledger.js';
import type { Block, DropReason, Tx } from './types.js';

export interface WatchHandle {
  cancel(): void;
}

/** One watch: its callback, and its own handle (no closure per watch: a real snapshot opens with 124,000). */
class Watch<K, A extends unknown[]> implements WatchHandle {
  constructor(
    readonly fire: (...args: A) => void,
    private readonly list: WatchList<K, A>,
    private readonly key: K,
  ) {}

  cancel(): void {
    this.list.remove(this.key, this);
  }
}

/**
 * Callbacks keyed by some id (a tx id, an outpoint, a height…), each fired at most once. A
 * cancelled watch is forgotten at once (sets keep insertion order, so firing order stays fixed):
 * a long run cancels millions of HTLC guards and must not keep them until their height. A key
 * with one watch (most: each transaction's confirmation and drop) holds it without a set.
 */
export class WatchList<K, A extends unknown[]> {
  private readonly byKey = new Map<K, Watch<K, A> | Set<Watch<K, A>>>();

  add(key: K, fire: (...args: A) => void): WatchHandle {
    const watch = new Watch(fire, this, key);
    const held = this.byKey.get(key);
    if (held === undefined) this.byKey.set(key, watch);
    else if (held instanceof Set) held.add(watch);
    else this.byKey.set(key, new Set([held, watch]));
    return watch;
  }

  /** Forgets a cancelled watch (if still held: a fired one was taken already). */
  remove(key: K, watch: Watch<K, A>): void {
    const held = this.byKey.get(key);
    if (held === watch || (held instanceof Set && held.delete(watch) && held.size === 0)) this.byKey.delete(key);
  }

  /** Removes and returns the live watches of `key`. */
  take(key: K): Watch<K, A>[] {
    const watches = this.peek(key);
    if (watches.length > 0) this.byKey.delete(key);
    return watches;
  }

  /** Forgets the watches of `key` (their condition can no longer hold). */
  forget(key: K): void {
    this.byKey.delete(key);
  }

  /** The live watches of `key`, kept for later (persistent watches). */
  peek(key: K): Watch<K, A>[] {
    const held = this.byKey.get(key);
    if (held === undefined) return [];
    return held instanceof Set ? [...held] : [held];
  }

  /** Removes and returns the live watches of every key for which `due` is true. */
  takeWhere(due: (key: K) => boolean): Watch<K, A>[] {
    const out: Watch<K, A>[] = [];
    // One at a time: a block may confirm 100,000 deposits, too many for a spread call.
    for (const key of [...this.byKey.keys()]) if (due(key)) for (const watch of this.take(key)) out.push(watch);
    return out;
  }
}

/**
 * The chain's seven kinds of watch requests, and which of them a new block answers. Persistent
 * contract watches fire for every confirmed call; all others fire once and are forgotten.
 */
export class WatchRegistry {
  readonly confirmed = new WatchList<string, [Tx, Block]>();
  readonly dropped = new WatchList<string, [Tx, DropReason]>();
  readonly spent = new WatchList<string, [Tx, Block]>();
  readonly contract = new WatchList<string, [Tx, Block]>();
  readonly height = new WatchList<number, [Block]>();
  readonly timestamp = new WatchList<number, [Block]>();
  /** By hash lock: the first registration of its preimage with the preimage manager. */
  readonly preimage = new WatchList<string, [Uint8Array, Block]>();

  /**
   * Hands `fire` (which schedules a trigger event calling `f(a, b)`) every callback that `block`
   * answers, in a fixed order. `registered`: the hash locks whose preimage this block registered first.
   */
  answer(
    block: Block,
    included: readonly Tx[],
    drops: readonly (readonly [Tx, DropReason])[],
    registered: readonly (readonly [string, Uint8Array])[],
    fire: Fire,
  ): void {
    for (const tx of included) {
      // A confirmed transaction is never dropped: its drop watches are forgotten (a deposit's
      // would otherwise be held for the whole run, 62,000 of them on a real snapshot).
      this.dropped.forget(tx.id);
      for (const w of this.confirmed.take(tx.id)) fire(w.fire, tx, block, 'watch-confirmed');
      for (const input of tx.inputs ?? []) for (const w of this.spent.take(outpointKey(input))) fire(w.fire, tx, block, 'watch-spent');
      if (tx.call) for (const w of this.contract.peek(tx.call.contractId)) fire(w.fire, tx, block, 'watch-contract');
    }
    for (const [lock, preimage] of registered) for (const w of this.preimage.take(lock)) fire(w.fire, preimage, block, 'watch-preimage');
    for (const [tx, reason] of drops) for (const w of this.dropped.take(tx.id)) fire(w.fire, tx, reason, 'watch-dropped');
    for (const w of this.height.takeWhere((h) => h <= block.height)) fire(w.fire, block, undefined, 'watch-height');
    for (const w of this.timestamp.takeWhere((t) => t <= block.timestamp)) fire(w.fire, block, undefined, 'watch-timestamp');
  }
}

/** Schedules `f(a, b)` as a trigger event (`label` names it). */
export type Fire = <A, B>(f: (a: A, b: B) => void, a: A, b: B, label: string) => void;

/** One callback waiting in a GenesisTriggers batch, and its own handle. */
class Firing implements WatchHandle {
  cancelled = false;

  constructor(
    readonly f: (a: unknown, b: unknown) => void,
    readonly a: unknown,
    readonly b: unknown,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }
}

/**
 * The genesis block's watch callbacks, fired in one trigger event rather than one event each: a
 * real snapshot's genesis block confirms 62,000 deposits, whose watches made 186,000 events
 * (two levels: a confirmation watch asks for the height it already reached). Each event and its
 * closure lived until the engine ran it: the live heap after the genesis block went from 236 to
 * 221 MB. What these callbacks fire at once (`fireNow` while `running`) waits in the next batch,
 * one more event scheduled when the first of them arrives: they run in the order one event each
 * would, since every trigger event of this chain at that instant comes from its `fireNow`. Only
 * the engine's event count differs. (A trigger another chain on the same engine fired from inside
 * a batch would run after the batch, not between its callbacks: only the default chain mines a
 * genesis block, and its genesis callbacks open channels and touch no other chain.)
 */
export class GenesisTriggers {
  private waiting: Firing[] | undefined;
  /** A batch is running: what it fires at once joins the next batch. */
  running = false;

  constructor(private readonly schedule: (run: () => void) => void) {}

  readonly add: Fire = (f, a, b) => this.push(new Firing(f as (a: unknown, b: unknown) => void, a, b));

  /** A callback fired at once while a batch runs. */
  later(f: () => void): WatchHandle {
    return this.push(new Firing(f, undefined, undefined));
  }

  private push(firing: Firing): Firing {
    if (this.waiting === undefined) {
      const batch: Firing[] = (this.waiting = []);
      this.schedule(() => this.run(batch));
    }
    this.waiting.push(firing);
    return firing;
  }

  private run(batch: readonly Firing[]): void {
    this.waiting = undefined;
    this.running = true;
    for (const firing of batch) if (!firing.cancelled) firing.f(firing.a, firing.b);
    this.running = false;
  }
}
