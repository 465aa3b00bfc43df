/**
 * The exchange rate a swap's parties watch: the price of one unit of the responder's coin in the
 * initiator's coin, a seeded driftless lognormal walk with one step per hour,
 *   p(h) = p0 · exp(σ·W_h − σ²h/2),  W_h a sum of h standard normal draws,
 * so E[p(h)] = p0 (a martingale: waiting is worth nothing on average, only as an option).
 * `p0` is the agreed rate, so the swap starts at the money.
 */
import type { Rng } from '../engine/index.js';

const HOUR_MS = 3_600_000;

export class PriceWalk {
  private readonly logs: number[] = [0];

  constructor(
    readonly startPrice: number,
    /** σ per √hour (0.01: about 1% a hour). */
    readonly volatility: number,
    private readonly rng: Rng,
  ) {}

  /** The price at `ms` after the agreement (constant within each hour). */
  at(ms: number): number {
    const h = Math.max(0, Math.floor(ms / HOUR_MS));
    while (this.logs.length <= h) this.logs.push(this.logs[this.logs.length - 1]! + this.volatility * this.rng.normal());
    return this.startPrice * Math.exp(this.logs[h]! - (this.volatility ** 2 * h) / 2);
  }
}

/** Φ, the standard normal distribution function (Abramowitz–Stegun 7.1.26, error < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * The free option's value (Black–Scholes at the money, no drift, no interest): a party that may
 * take `value` worth of the other coin for `value` of its own after `hours` hours, or walk away,
 * expects value · (2Φ(σ√T/2) − 1) ≈ value · σ · √(T/2π).
 */
export function freeOptionValue(value: number, volatility: number, hours: number): number {
  return value * (2 * normalCdf((volatility * Math.sqrt(Math.max(0, hours))) / 2) - 1);
}
