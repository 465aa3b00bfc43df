/**
 * `pcnsim estimate --simulate`: how far a simulated chain and network really get against the
 * bound of bound.ts, at a scale that runs in minutes.
 *
 * Scaling argument (Little's law, N = λ·T): the number of channels open at once is the rate at
 * which they open times how long they live. The simulated chain carries F times fewer
 * transactions per second (fewer per block, same 10-minute blocks), so at most F times fewer
 * channels open per day and, with the same lifetimes, F times fewer are open at once; the
 * measured count × F is the figure to compare with the bound. The nodes are F times fewer too,
 * so each node keeps the same number of channels. A payment holds channels, not chain space,
 * so what limits concurrent payments per channel (liquidity, HTLC slots, path length) does not
 * depend on F, and the concurrent payments measured × F compare with the bound as well; the one
 * thing that does not scale is path length, which in a network F times larger grows by about
 * log F / log(mean degree) hops.
 */
import { estimate, type Estimate, type EstimateInput } from './bound.js';
import { CHURN_DEFAULTS, runChurn, type ChurnResult } from './churn.js';
import { PAYMENTS_DEFAULTS, runPayments, type PaymentsResult, type Stage } from './payments.js';

export interface SimulateOptions {
  readonly scale: number;
  readonly seed: number;
  /** Would-be opens per day over the bound's opening rate (1: exactly the rate the bound assumes). */
  readonly demand?: number;
  /** Progress lines (phase boundaries and payment stages); not part of the result. */
  readonly onProgress?: (line: string) => void;
}

/** Scale at which the BRIEF's bound is a few thousand channels (3,953), simulated in under a minute. */
export const DEFAULT_SCALE = 1000;
/** Channels per node in the public Lightning graph (≈55k channels, ≈15k nodes: DEFAULTS.md). */
export const CHANNELS_PER_NODE = 3.5;

export interface ScaledChain {
  readonly txsPerBlock: number;
  readonly blockIntervalMs: number;
  readonly tps: number;
  readonly openRequestsPerDay: number;
  readonly expectedChannels: number;
  readonly nodes: number;
}

export interface Simulation {
  readonly bound: Estimate;
  readonly scale: number;
  readonly seed: number;
  /** Would-be opens over the bound's opening rate. */
  readonly demand: number;
  readonly chain: ScaledChain;
  readonly churn: ChurnResult;
  readonly payments: PaymentsResult;
}

/** The scaled chain: whole transactions per block, the block interval set so that tps / F is exact. */
export function scaleChain(bound: Estimate, scale: number, demand = 1): ScaledChain {
  const tps = bound.tps / scale;
  const txsPerBlock = Math.max(1, Math.round(tps * 600));
  const expectedChannels = bound.channels / scale;
  return {
    txsPerBlock,
    blockIntervalMs: Math.round((txsPerBlock / tps) * 1000),
    tps,
    openRequestsPerDay: (demand * bound.opensPerDay) / scale,
    expectedChannels,
    nodes: Math.max(10, Math.round(expectedChannels / CHANNELS_PER_NODE)),
  };
}

export function simulate(input: EstimateInput, options: SimulateOptions): Simulation {
  const bound = estimate(input);
  const chain = scaleChain(bound, options.scale, options.demand);
  const progress = options.onProgress ?? (() => undefined);
  progress(`phase 1: channels open and close on a chain of ${chain.txsPerBlock} transactions per block…`);
  const churn = runChurn({
    ...CHURN_DEFAULTS,
    seed: options.seed,
    blockIntervalMs: chain.blockIntervalMs,
    blockTxLimit: chain.txsPerBlock,
    openRequestsPerDay: chain.openRequestsPerDay,
    lifetimeDays: input.lifetimeDays,
    txsPerChannel: input.txsPerChannel,
    nodes: chain.nodes,
    maxDays: 20 * input.lifetimeDays,
  });
  progress(`phase 2: payments over ${churn.channels.length} channels, doubling the rate until in flight stops growing…`);
  const payments = runPayments({
    ...PAYMENTS_DEFAULTS,
    seed: options.seed,
    nodes: chain.nodes,
    channels: churn.channels,
    startInFlight: Math.max(1, Math.floor(churn.channels.length / input.pathLength)),
    onStage: (s) => progress(`  ${Math.round(s.rate)} payments/s offered: ${Math.round(s.meanInFlight)} in flight`),
  });
  return { bound, scale: options.scale, seed: options.seed, demand: options.demand ?? 1, chain, churn, payments };
}

/** The stage whose in flight is highest (the network's measured concurrency). */
export function peakStage(p: PaymentsResult): Stage | undefined {
  return p.stages.reduce<Stage | undefined>((best, s) => (best === undefined || s.meanInFlight > best.meanInFlight ? s : best), undefined);
}
