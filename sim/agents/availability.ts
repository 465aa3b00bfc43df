/**
 * When a party is online. A party that is offline does not see the chain, cannot sign and cannot
 * submit: it misses watch triggers and catches up when it returns (BRIEF §7: both sides must
 * stay online to watch the chain, or delegate to a watchtower).
 *
 * Two sources, combined: scripted offline windows, and an optional per-block online probability
 * (each block interval, the party is online with probability p, drawn from its own seeded stream
 * in interval order, so the answer never depends on the order of questions).
 *
 * Apart from that, a party can be online but unresponsive (an attacker, or a hub in trouble): it
 * stops signing channel updates, so its peers must go on chain, yet it still watches the chain
 * and acts there (times out HTLCs, withdraws, punishes).
 */
import type { Rng } from '../engine/index.js';

export interface OnlineChance {
  readonly probability: number;
  readonly intervalMs: number;
  readonly rng: Rng;
}

export class Availability {
  /** Offline windows [from, to) in simulated ms, kept sorted and merged. */
  private readonly windows: [number, number][] = [];
  /** Unresponsive windows [from, to): online for the chain, but signing nothing off-chain. */
  private readonly silent: [number, number][] = [];
  /** draws[k]: whether the party is up during block interval k (memoized in order). */
  private readonly draws: boolean[] = [];

  constructor(private readonly chance?: OnlineChance) {}

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

  /** From `from` (inclusive) to `to` (exclusive) the party signs no channel update. */
  stopSigning(from: number, to: number): void {
    if (to > from) this.silent.push([from, to]);
  }

  /** Online and willing to sign channel updates. */
  isResponsive(time: number): boolean {
    // The length tests first: most parties have no windows, and `some` allocates its closure at every call.
    return this.isOnline(time) && (this.silent.length === 0 || !this.silent.some(([from, to]) => time >= from && time < to));
  }

  isOnline(time: number): boolean {
    return (this.windows.length === 0 || !this.windows.some(([from, to]) => time >= from && time < to)) && this.upDuring(this.interval(time));
  }

  /** The first time at or after `time` when the party is online. */
  nextOnline(time: number): number {
    let t = time;
    // Bounded: with p > 0 an online interval comes; with p = 0 the party never returns.
    for (let step = 0; step < 1_000_000; step++) {
      const window = this.windows.find(([from, to]) => t >= from && t < to);
      if (window) {
        t = window[1];
        continue;
      }
      const k = this.interval(t);
      if (this.upDuring(k)) return t;
      if (!this.chance || this.chance.probability <= 0) return Number.MAX_SAFE_INTEGER;
      t = (k + 1) * this.chance.intervalMs;
    }
    return Number.MAX_SAFE_INTEGER;
  }

  /** The first time at or after `time` when the party is online and signing. */
  nextResponsive(time: number): number {
    let t = time;
    for (let step = 0; step < 1_000_000 && t < Number.MAX_SAFE_INTEGER; step++) {
      t = this.nextOnline(t);
      const silent = this.silent.find(([from, to]) => t >= from && t < to);
      if (!silent) return t;
      t = silent[1];
    }
    return Number.MAX_SAFE_INTEGER;
  }

  private interval(time: number): number {
    return this.chance ? Math.floor(time / this.chance.intervalMs) : 0;
  }

  private upDuring(k: number): boolean {
    if (!this.chance) return true;
    while (this.draws.length <= k) this.draws.push(this.chance.rng.chance(this.chance.probability));
    return this.draws[k]!;
  }
}
