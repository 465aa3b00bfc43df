/**
 * Phase 2 of `estimate --simulate`: payments over the steady network, offered at a doubling
 * rate until the number in flight stops growing.
 *
 * A faithful but lean model of multi-hop HTLC payments rather than `sim/agents`' Network: that
 * one opens every channel on its own chain and signs every update, which for thousands of
 * channels and hundreds of thousands of payments would take far longer than the minutes the
 * command is meant to run, and nothing in it changes how many channels a payment holds. Here a
 * payment takes the shortest route by hops (graph.ts) and locks its amount and one HTLC slot on
 * every hop's sending side; a hop without the spendable balance (above the 1% reserve) or a free
 * slot fails the attempt, which is retried without that channel. A locked payment is in flight
 * for one message per hop there and back (100 ms each, DEFAULTS.md) and then settles: each hop's
 * amount moves to the receiving side. All HTLCs of a payment are locked and released together
 * (the real ones go up one hop at a time); failed attempts are retried at once. Fees are left
 * out: they move little money and hold no channel. Senders try up to 3 routes (lnd tries more,
 * but a payment that failed twice on liquidity in a full network rarely finds a third).
 */
import { Engine, RngStreams } from '../engine/index.js';
import type { OpenChannel } from './churn.js';
import { FlatNetwork } from './graph.js';
import { MAX_HTLCS, RESERVE_PPM } from '../defaults.js';

export interface PaymentsConfig {
  readonly seed: number;
  readonly nodes: number;
  readonly channels: readonly OpenChannel[];
  /** In flight offered at the first stage (the bound's level is a good start); doubled each stage. */
  readonly startInFlight: number;
  readonly hopLatencyMs: number;
  /** HTLC slots per channel direction (BOLT #2's max_accepted_htlcs). */
  readonly htlcSlots: number;
  readonly reservePpm: number;
  readonly amountMedianMsat: number;
  readonly amountSigma: number;
  readonly maxHops: number;
  readonly maxAttempts: number;
  /** Each stage runs this long and is measured over its second half. */
  readonly stageMs: number;
  readonly maxStages: number;
  /** In flight has stopped growing when a doubled rate adds less than this fraction… */
  readonly tolerance: number;
  /**
   * …or when fewer than this share of the offered payments succeed. Past that point in flight
   * creeps up slowly as ever smaller payments squeeze into the liquidity left (towards the HTLC
   * slot ceiling), while most of the added load fails: for users the network is full.
   */
  readonly minSuccess: number;
  /** Called after each stage (for progress output). */
  readonly onStage?: (stage: Stage) => void;
}

export const PAYMENTS_DEFAULTS = {
  hopLatencyMs: 100,
  htlcSlots: MAX_HTLCS,
  reservePpm: RESERVE_PPM,
  amountMedianMsat: 50_000_000,
  amountSigma: 1,
  maxHops: 20,
  maxAttempts: 3,
  stageMs: 4_000,
  maxStages: 12,
  tolerance: 0.05,
  minSuccess: 0.5,
} as const;

export type FailureReason = 'no-route' | 'liquidity' | 'htlc-slots';

export interface Stage {
  /** Payments offered per second. */
  readonly rate: number;
  readonly meanInFlight: number;
  readonly peakInFlight: number;
  readonly payments: number;
  readonly succeeded: number;
  readonly failures: Readonly<Record<FailureReason, number>>;
  /** Mean hops of the payments that succeeded. */
  readonly meanHops: number;
  /** Mean HTLCs held per channel, both directions (in flight × hops / channels). */
  readonly htlcsPerChannel: number;
}

export interface PaymentsResult {
  readonly stages: readonly Stage[];
  /** Why the stages stopped: in flight flat, most payments failing, or out of stages. */
  readonly stop: 'flat' | 'mostly-failing' | 'max-stages';
}

export function runPayments(c: PaymentsConfig): PaymentsResult {
  const net = new FlatNetwork(c.nodes, c.channels);
  const engine = new Engine();
  const rng = new RngStreams(c.seed).stream('payments');
  const senders = Array.from({ length: c.nodes }, (_, v) => v).filter((v) => net.degree(v) > 0);
  // Offered in flight = rate × hold time; 4 hops there and back is the first guess of the hold.
  const guessHoldMs = 2 * 4 * c.hopLatencyMs;
  const stages: Stage[] = [];
  let inFlight = 0;
  let area = 0;
  let since = 0;
  let peak = 0;
  let tally = { payments: 0, succeeded: 0, hops: 0, failures: { 'no-route': 0, liquidity: 0, 'htlc-slots': 0 } };
  const flightChanged = (delta: number): void => {
    area += inFlight * (engine.now - since);
    since = engine.now;
    inFlight += delta;
    peak = Math.max(peak, inFlight);
  };

  const attempt = (path: readonly number[], amount: number): FailureReason | undefined => {
    for (let i = 0; i < path.length; i++) {
      const end = path[i]!;
      const reserve = (net.capacity[end >> 1]! * c.reservePpm) / 1e6;
      const short = net.balance[end]! - amount < reserve ? 'liquidity' : net.htlcs[end]! >= c.htlcSlots ? 'htlc-slots' : undefined;
      if (short) {
        for (let j = 0; j < i; j++) unlock(path[j]!, amount, false);
        net.exclude(end >> 1);
        return short;
      }
      net.balance[end]! -= amount;
      net.htlcs[end]!++;
    }
    return undefined;
  };
  function unlock(end: number, amount: number, settle: boolean): void {
    net.htlcs[end]!--;
    net.balance[settle ? end ^ 1 : end]! += amount;
  }

  const pay = (from: number, to: number, amount: number): void => {
    tally.payments++;
    net.newPayment();
    let reason: FailureReason = 'no-route';
    for (let k = 0; k < c.maxAttempts; k++) {
      const path = net.route(from, to, amount, c.maxHops);
      if (!path) break;
      const failed = attempt(path, amount);
      if (failed) {
        reason = failed;
        continue;
      }
      tally.succeeded++;
      tally.hops += path.length;
      flightChanged(+1);
      engine.schedule(2 * path.length * c.hopLatencyMs, () => {
        for (const end of path) unlock(end, amount, true);
        flightChanged(-1);
      }, { label: 'settle' });
      return;
    }
    tally.failures[reason]++;
  };

  let rate = 0;
  const next = (): void => {
    engine.schedule(rng.exponential(1000 / rate), () => {
      const from = rng.pick(senders);
      let to = rng.pick(senders);
      if (to === from) to = senders[(senders.indexOf(from) + 1) % senders.length]!;
      const amount = Math.max(1, Math.round((c.amountMedianMsat / 1000) * Math.exp(c.amountSigma * rng.normal()))) * 1000;
      pay(from, to, amount);
      next();
    }, { label: 'payment' });
  };
  if (senders.length < 2) return { stages, stop: 'max-stages' };

  for (let k = 0; k < c.maxStages; k++) {
    rate = (c.startInFlight * 2 ** k * 1000) / guessHoldMs;
    if (k === 0) next();
    const stageStart = engine.now;
    engine.run({ until: stageStart + c.stageMs / 2 });
    flightChanged(0);
    area = 0;
    peak = inFlight;
    tally = { payments: 0, succeeded: 0, hops: 0, failures: { 'no-route': 0, liquidity: 0, 'htlc-slots': 0 } };
    engine.run({ until: stageStart + c.stageMs });
    flightChanged(0);
    const meanInFlight = area / (c.stageMs / 2);
    const meanHops = tally.succeeded === 0 ? 0 : tally.hops / tally.succeeded;
    stages.push({ rate, meanInFlight, peakInFlight: peak, payments: tally.payments, succeeded: tally.succeeded, failures: { ...tally.failures }, meanHops, htlcsPerChannel: (meanInFlight * meanHops) / Math.max(1, c.channels.length) });
    c.onStage?.(stages[k]!);
    if (k > 0 && meanInFlight <= stages[k - 1]!.meanInFlight * (1 + c.tolerance)) return { stages, stop: 'flat' };
    if (tally.succeeded < c.minSuccess * tally.payments) return { stages, stop: 'mostly-failing' };
  }
  return { stages, stop: 'max-stages' };
}
