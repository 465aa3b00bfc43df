/**
 * When a party is online. A party that is offline does not see the chain, cannot sign and cannot
 * submit: it misses watch triggers and catches up when it returns (BRIEF §7: both sides must
 * stay online to watch the chain, or delegate to a watchtower).
 */
export class Availability {
  /** Offline windows [from, to) in simulated ms, kept sorted and merged. */
  private readonly windows: [number, number][] = [];

  /** Marks the party offline from `from` (inclusive) to `to` (exclusive). */
  goOffline(from: number, to: number): void {
    if (!(to > from)) return;
    this.windows.push([from, to]);
    this.windows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged: [number, number][] = [];
    for (const w of this.windows) {
      const last = merged[merged.length - 1];
      if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
      else merged.push([w[0], w[1]]);
    }
    this.windows.splice(0, this.windows.length, ...merged);
  }

  /** Ends any offline window covering `time` at `time`, and drops the windows after it. */
  goOnline(time: number): void {
    const kept = this.windows.filter(([from]) => from < time).map(([from, to]): [number, number] => [from, Math.min(to, time)]);
    this.windows.splice(0, this.windows.length, ...kept.filter(([from, to]) => to > from));
  }

  isOnline(time: number): boolean {
    return !this.windows.some(([from, to]) => time >= from && time < to);
  }

  /** The first time at or after `time` when the party is online. */
  nextOnline(time: number): number {
    for (const [from, to] of this.windows) if (time >= from && time < to) return to;
    return time;
  }
}
