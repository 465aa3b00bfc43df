/**
 * Locked liquidity from the recorded channel events: value in HTLCs over time (peak,
 * time-weighted average, and the amount × blocks committed by each HTLC's lock) and bonds
 * frozen. An HTLC counts as locked from its add until it is fulfilled or failed off-chain, or
 * until its channel goes to the chain (what happens there is the contract's business).
 */
import type { ChannelEvent } from '../agents/records.js';

export interface HtlcLiquidity {
  readonly peakMsat: number;
  readonly avgMsat: number;
  /** Σ amount × (expiry height − height at add): the collateral × time each lock commits. */
  readonly msatBlocks: number;
  /** Value locked at each of the given times (e.g. block times). */
  readonly at: (times: readonly number[]) => number[];
}

export function htlcLiquidity(events: readonly ChannelEvent[], durationMs: number): HtlcLiquidity {
  const open = new Map<string, number>();
  const steps: { time: number; locked: number }[] = [];
  let locked = 0;
  let peak = 0;
  let msatBlocks = 0;
  const unlock = (key: string, time: number): void => {
    const amount = open.get(key);
    if (amount === undefined) return;
    open.delete(key);
    locked -= amount;
    steps.push({ time, locked });
  };
  for (const e of events) {
    if (e.kind === 'htlc-add' && e.detail) {
      const key = `${e.channel}|${e.detail}`;
      open.set(key, e.amountMsat ?? 0);
      locked += e.amountMsat ?? 0;
      peak = Math.max(peak, locked);
      msatBlocks += (e.amountMsat ?? 0) * Math.max(0, (e.expiryHeight ?? e.height) - e.height);
      steps.push({ time: e.time, locked });
    } else if (e.kind === 'htlc-settle' && e.detail) {
      unlock(`${e.channel}|${e.detail}`, e.time);
    } else if (e.kind === 'cash') {
      for (const key of [...open.keys()]) if (key.startsWith(`${e.channel}|`)) unlock(key, e.time);
    }
  }
  let area = 0;
  for (let i = 0; i < steps.length; i++) {
    const end = Math.min(durationMs, steps[i + 1]?.time ?? durationMs);
    area += steps[i]!.locked * Math.max(0, end - steps[i]!.time);
  }
  return {
    peakMsat: peak,
    avgMsat: durationMs > 0 ? Math.round(area / durationMs) : 0,
    msatBlocks,
    at: (times) => {
      let i = -1;
      return times.map((t) => {
        while (i + 1 < steps.length && steps[i + 1]!.time <= t) i++;
        return i >= 0 ? steps[i]!.locked : 0;
      });
    },
  };
}

/** Peak of bonds frozen: a cash freezes the attacker's share until its withdrawal or penalty. */
export function bondsFrozenPeak(events: readonly ChannelEvent[]): number {
  let frozen = 0;
  let peak = 0;
  for (const e of events) {
    if (e.kind === 'cash') frozen += e.amountMsat ?? 0;
    if (e.kind === 'withdraw' || e.kind === 'penalty') frozen -= e.amountMsat ?? 0;
    peak = Math.max(peak, frozen);
  }
  return peak;
}
