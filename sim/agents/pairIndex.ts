/**
 * Channels by the ordered pair of their nodes, so that a direct payment does not scan a hub's
 * thousands of channels. Nested maps, not `a|b` keys: no 130-character string per channel
 * direction to keep (62,000 on a real snapshot) nor to build at every payment.
 */
export class PairIndex<T> {
  private readonly byFirst = new Map<string, Map<string, T[]>>();

  /** Files `item` under both orders of `between`. */
  add(between: readonly [string, string], item: T): void {
    this.push(between[0], between[1], item);
    this.push(between[1], between[0], item);
  }

  /** The items between `a` and `b`, in the order they were added (empty if none). */
  get(a: string, b: string): readonly T[] {
    return this.byFirst.get(a)?.get(b) ?? [];
  }

  private push(a: string, b: string, item: T): void {
    let second = this.byFirst.get(a);
    if (!second) this.byFirst.set(a, (second = new Map()));
    let list = second.get(b);
    if (!list) second.set(b, (list = []));
    list.push(item);
  }
}
