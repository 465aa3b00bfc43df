/**
 * Phase 2 of `estimate --simulate`: payments over the steady network, offered at a doubling
 * rate until the number in flight stops growing.
 *
 * A faithful but lean model of multi-hop HTLC payments rather than `sim/agents`' Network: that
 * one opens every channel on its own chain and signs every update, which for thousands of
 * channels and hundreds of thousands of payments would take far longer than the minutes the
 * command is meant to run. Here the HTLCs move as the engine's do (sim/agents/multihop.ts): a
 * payment takes the shortest route by hops (graph.ts); its HTLC on hop i is added one round
 * trip (two messages, 100 ms each: DEFAULTS.md) after hop i − 1's, checked then against that
 * hop's spendable balance (above the 1% reserve) and free slots; the preimage (or a refusal)
 * travels back one round trip per hop, settling (or failing) each HTLC in turn. So how long a
 * channel's liquidity is held, and whether a hop can take one more HTLC, come from the routes
 * and the other payments on the same channels, not from an assumed hold time; a refused
 * attempt holds its upstream HTLCs until the refusal gets back, and the payer then retries
 * without that channel (up to 3 routes; lnd tries more, but a payment that failed twice on
 * liquidity in a full network rarely finds a third).
 *
 * Nothing here waits on the chain: every peer answers, so no HTLC goes on chain, and channels
 * live 54.9 days while the stages last seconds (4,000 channels close about 0.003 times in
 * 4 s), so the channels open at the end of phase 1 are the network. The chain limits payments
 * through how many channels it let open, and how much they hold. Fees are left out: they move
 * little money and hold no channel.
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
  /** Each stage runs this many times the first guess of a payment's duration (4 hops there and back), measured over its second half. */
  readonly stageDurations: number;
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
  stageDurations: 5,
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
  /** Mean hops of the payments whose HTLCs reached the payee. */
  readonly meanHops: number;
  /** Mean time an HTLC of those payments was held on a hop, from its add to its settlement. */
  readonly meanHoldMs: number;
  /** Mean HTLCs held per channel, both directions (in flight × hops / channels). */
  readonly htlcsPerChannel: number;
}

export interface PaymentsResult {
  readonly stages: readonly Stage[];
  /** Why the stages stopped: in flight flat, most payments failing, or out of stages. */
  readonly stop: 'flat' | 'mostly-failing' | 'max-stages';
}

const newTally = () => ({ payments: 0, succeeded: 0, routed: 0, hops: 0, settled: 0, holdMs: 0, failures: { 'no-route': 0, liquidity: 0, 'htlc-slots': 0 } as Record<FailureReason, number> });

export function runPayments(c: PaymentsConfig): PaymentsResult {
  const net = new FlatNetwork(c.nodes, c.channels);
  const engine = new Engine();
  const rng = new RngStreams(c.seed).stream('payments');
  const senders = Array.from({ length: c.nodes }, (_, v) => v).filter((v) => net.degree(v) > 0);
  // Offered in flight = rate × how long a payment lasts; 4 hops there and back, a round trip
  // each, is the first guess.
  const guessHoldMs = 2 * 4 * 2 * c.hopLatencyMs;
  const stageMs = c.stageDurations * guessHoldMs;
  const stages: Stage[] = [];
  let inFlight = 0;
  let area = 0;
  let since = 0;
  let peak = 0;
  let tally = newTally();
  const flightChanged = (delta: number): void => {
    area += inFlight * (engine.now - since);
    since = engine.now;
    inFlight += delta;
    peak = Math.max(peak, inFlight);
  };

  /** Where a payment stands. It counts as in flight from its first HTLC to its end (settled, or failed for good). */
  interface Payment {
    readonly from: number;
    readonly to: number;
    readonly amount: number;
    attempts: number;
    holding: boolean;
    reason: FailureReason;
    /** Channels that refused an attempt of this payment: its retries avoid them. */
    readonly excluded: Set<number>;
  }
  const rtt = 2 * c.hopLatencyMs;

  const start = (p: Payment): void => {
    if (!p.holding) {
      p.holding = true;
      flightChanged(+1);
    }
  };
  // Outcomes count in the stage they end in, so a stage's success share is of what ended in it.
  const end = (p: Payment, ok: boolean): void => {
    if (p.holding) flightChanged(-1);
    tally.payments++;
    if (ok) tally.succeeded++;
    else tally.failures[p.reason]++;
  };

  // One attempt: the HTLC of hop i is added one round trip after hop i − 1's (add and
  // commitment, as sim/agents/multihop.ts), checked against the balance and slots then.
  const attempt = (p: Payment): void => {
    const path = p.attempts++ < c.maxAttempts ? net.route(p.from, p.to, p.amount, c.maxHops, p.excluded) : null;
    if (!path) return end(p, false);
    const add = (i: number): void => {
      if (i === path.length) return fulfil(path, p);
      const hop = path[i]!;
      const reserve = (net.capacity[hop >> 1]! * c.reservePpm) / 1e6;
      const short = net.balance[hop]! - p.amount < reserve ? 'liquidity' : net.htlcs[hop]! >= c.htlcSlots ? 'htlc-slots' : undefined;
      if (short) return fail(path, i, short, p);
      net.balance[hop]! -= p.amount;
      net.htlcs[hop]!++;
      start(p);
      engine.schedule(rtt, () => add(i + 1), { label: 'add' });
    };
    add(0);
  };
  // The refusal travels back one round trip per hop, failing each HTLC; the payer retries
  // without that channel once it hears.
  const fail = (path: readonly number[], at: number, reason: FailureReason, p: Payment): void => {
    p.reason = reason;
    p.excluded.add(path[at]! >> 1);
    const back = (i: number): void => {
      if (i < 0) return attempt(p);
      unlock(path[i]!, p.amount, false);
      engine.schedule(rtt, () => back(i - 1), { label: 'fail' });
    };
    if (at === 0) attempt(p);
    else engine.schedule(rtt, () => back(at - 1), { label: 'fail' });
  };
  // The preimage travels back one round trip per hop, settling each HTLC to its receiver.
  const fulfil = (path: readonly number[], p: Payment): void => {
    tally.routed++;
    tally.hops += path.length;
    const back = (i: number): void => {
      unlock(path[i]!, p.amount, true);
      tally.holdMs += engine.now - addedAt(i);
      tally.settled++;
      if (i === 0) return end(p, true);
      engine.schedule(rtt, () => back(i - 1), { label: 'fulfil' });
    };
    const reached = engine.now;
    const addedAt = (i: number): number => reached - (path.length - i) * rtt;
    engine.schedule(rtt, () => back(path.length - 1), { label: 'fulfil' });
  };
  function unlock(side: number, amount: number, settle: boolean): void {
    net.htlcs[side]!--;
    net.balance[settle ? side ^ 1 : side]! += amount;
  }

  const pay = (from: number, to: number, amount: number): void => {
    attempt({ from, to, amount, attempts: 0, holding: false, reason: 'no-route', excluded: new Set() });
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
    engine.run({ until: stageStart + stageMs / 2 });
    flightChanged(0);
    area = 0;
    peak = inFlight;
    tally = newTally();
    engine.run({ until: stageStart + stageMs });
    flightChanged(0);
    const meanInFlight = area / (stageMs / 2);
    const meanHops = tally.routed === 0 ? 0 : tally.hops / tally.routed;
    const meanHoldMs = tally.settled === 0 ? 0 : tally.holdMs / tally.settled;
    stages.push({ rate, meanInFlight, peakInFlight: peak, payments: tally.payments, succeeded: tally.succeeded, failures: { ...tally.failures }, meanHops, meanHoldMs, htlcsPerChannel: (meanInFlight * meanHops) / Math.max(1, c.channels.length) });
    c.onStage?.(stages[k]!);
    if (k > 0 && meanInFlight <= stages[k - 1]!.meanInFlight * (1 + c.tolerance)) return { stages, stop: 'flat' };
    if (tally.succeeded < c.minSuccess * tally.payments) return { stages, stop: 'mostly-failing' };
  }
  return { stages, stop: 'max-stages' };
}
