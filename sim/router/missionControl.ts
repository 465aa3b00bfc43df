/**
 * What a payer learns from its payments, lnd's "mission control" (DEFAULTS.md): per channel
 * direction, the smallest amount that failed there (and when) and the largest that went
 * through. A failure of amount A says the direction could not carry A: for that amount and
 * above, the success probability drops to 0 and recovers toward the a-priori 0.6 with a one-hour
 * half-life, p = 0.6 · (1 − 2^(−age / half-life)); an amount at most one that succeeded gets 0.95.
 * Directions below 1% are not used. The route's cost adds lnd's attempt cost (100 sat + 1000 ppm
 * of the amount) per unit of −log(probability), times the uniform-balance estimate
 * (c + 1 − a)/(c + 1) for the amount against the capacity.
 *
 * Each payer has its own memory: what one node learned is not known to another.
 */
import { edgeKey, type EdgeAttributes } from './graph.js';
import type { Weight } from './findRoute.js';

export interface MissionControlOptions {
  readonly aprioriProbability: number;
  readonly successProbability: number;
  readonly halfLifeMs: number;
  readonly minProbability: number;
  readonly attemptCostMsat: number;
  readonly attemptCostPpm: number;
}

export const DEFAULT_MISSION_CONTROL: MissionControlOptions = {
  aprioriProbability: 0.6,
  successProbability: 0.95,
  halfLifeMs: 3_600_000,
  minProbability: 0.01,
  attemptCostMsat: 100_000,
  attemptCostPpm: 1000,
};

interface PairResult {
  failAmountMsat?: number;
  failAtMs?: number;
  successAmountMsat?: number;
}

export class MissionControl {
  private readonly memory = new Map<string, Map<string, PairResult>>();

  constructor(readonly options: MissionControlOptions = DEFAULT_MISSION_CONTROL) {}

  private pair(payer: string, key: string): PairResult {
    let pairs = this.memory.get(payer);
    if (!pairs) this.memory.set(payer, (pairs = new Map()));
    let result = pairs.get(key);
    if (!result) pairs.set(key, (result = {}));
    return result;
  }

  /** The direction `channelId` from `from` could not carry `amountMsat` at `nowMs`. */
  fail(payer: string, channelId: string, from: string, amountMsat: number, nowMs: number): void {
    const r = this.pair(payer, edgeKey(channelId, from));
    // A fresh failure replaces an old one (the balance moved); a smaller one bounds it further.
    r.failAmountMsat = r.failAmountMsat === undefined || this.decayed(r, nowMs) ? amountMsat : Math.min(r.failAmountMsat, amountMsat);
    r.failAtMs = nowMs;
    if (r.successAmountMsat !== undefined && r.successAmountMsat >= amountMsat) r.successAmountMsat = amountMsat - 1;
  }

  /** The direction carried `amountMsat` (an HTLC went through it, whatever happened further on). */
  succeed(payer: string, channelId: string, from: string, amountMsat: number): void {
    const r = this.pair(payer, edgeKey(channelId, from));
    r.successAmountMsat = Math.max(r.successAmountMsat ?? 0, amountMsat);
    if (r.failAmountMsat !== undefined && r.failAmountMsat <= amountMsat) r.failAmountMsat = amountMsat + 1;
  }

  private decayed(r: PairResult, nowMs: number): boolean {
    return r.failAtMs === undefined || nowMs - r.failAtMs >= 8 * this.options.halfLifeMs;
  }

  /** What the payer believes of the direction forwarding `amountMsat` now (capacity aside). */
  probability(payer: string, channelId: string, from: string, amountMsat: number, nowMs: number): number {
    const r = this.memory.get(payer)?.get(edgeKey(channelId, from));
    const { aprioriProbability, successProbability, halfLifeMs } = this.options;
    if (!r) return aprioriProbability;
    if (r.successAmountMsat !== undefined && amountMsat <= r.successAmountMsat) return successProbability;
    if (r.failAmountMsat !== undefined && r.failAtMs !== undefined && amountMsat >= r.failAmountMsat) {
      return aprioriProbability * (1 - 2 ** (-(nowMs - r.failAtMs) / halfLifeMs));
    }
    return aprioriProbability;
  }

  /** The route cost of `payer` at `nowMs`: `base` plus the attempt cost per unit of −log(probability). */
  weight(payer: string, nowMs: number, base: Weight): Weight {
    const { attemptCostMsat, attemptCostPpm, minProbability } = this.options;
    return Object.assign(
      (edge: EdgeAttributes, amountMsat: number, feeMsat: number, from: string) => {
        const p = this.probability(payer, edge.channelId, from, amountMsat, nowMs) * ((edge.capacityMsat + 1 - amountMsat) / (edge.capacityMsat + 1));
        if (p < minProbability) return Infinity;
        return base(edge, amountMsat, feeMsat, from) + (attemptCostMsat + (amountMsat * attemptCostPpm) / 1e6) * -Math.log(p);
      },
      { atLeastFee: base.atLeastFee === true },
    );
  }
}
