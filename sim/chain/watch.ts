/**
 * Watch requests (STYLE §13): the chain reaches agents only through these. A watch is a
 * callback registered for a condition; when a block meets it, the chain schedules the callback
 * as an engine event at `Priority.trigger` (after the block itself, at the same time).
 */
export interface WatchHandle {
  cancel(): void;
}

export interface Watch<A extends unknown[]> {
  readonly fire: (...args: A) => void;
  cancelled: boolean;
}

/** Callbacks keyed by some id (a tx id, an outpoint, a height…), each fired at most once. */
export class WatchList<K, A extends unknown[]> {
  private readonly byKey = new Map<K, Watch<A>[]>();

  add(key: K, fire: (...args: A) => void): WatchHandle {
    const watch: Watch<A> = { fire, cancelled: false };
    let list = this.byKey.get(key);
    if (!list) this.byKey.set(key, (list = []));
    list.push(watch);
    return { cancel: () => void (watch.cancelled = true) };
  }

  /** Removes and returns the live watches of `key`. */
  take(key: K): Watch<A>[] {
    const list = this.byKey.get(key);
    if (!list) return [];
    this.byKey.delete(key);
    return list.filter((w) => !w.cancelled);
  }

  /** The live watches of `key`, kept for later (persistent watches). */
  peek(key: K): Watch<A>[] {
    return (this.byKey.get(key) ?? []).filter((w) => !w.cancelled);
  }

  /** Removes and returns the live watches of every key for which `due` is true. */
  takeWhere(due: (key: K) => boolean): Watch<A>[] {
    const out: Watch<A>[] = [];
    for (const key of [...this.byKey.keys()]) if (due(key)) out.push(...this.take(key));
    return out;
  }
}
