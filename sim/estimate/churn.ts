/**
 * Phase 1 of `estimate --simulate`: channels open and close on the simulated chain until the
 * number of open channels is steady.
 *
 * Would-be openers arrive as a Poisson process. Each channel's on-chain transactions are real
 * transactions on `Chain`: ⌈K/2⌉ deposits to open (party 0, 1, 0, … pays each) and ⌊K/2⌋
 * withdrawals to close, for K transactions per channel. They compete for block space by fee
 * rate (each party bids its own, lognormal), so when blocks are full the cheapest wait. A
 * channel counts as open from the block that confirms its last deposit until its lifetime
 * (exponential, mean T) ends; its withdrawals are then submitted and it is no longer usable.
 *
 * An opener who sees more than `patienceBlocks` blocks' worth of transactions already waiting
 * gives up (as a user facing a fee spike would): without this the backlog of a chain asked to do
 * more than it can grows without end, and only block space would be measured, badly.
 *
 * Endpoints: one uniform node, the other half the time an end of a random open channel
 * (preferential attachment, so hubs emerge as in the real graph) and otherwise uniform.
 */
import { Chain, DEFAULT_TX_WEIGHT, type OutPoint } from '../chain/index.js';
import { Engine, type Rng, RngStreams } from '../engine/index.js';
import type { Msat } from '../units.js';
import { WindowedMean } from './steady.js';

export const DAY_MS = 86_400_000;

export interface ChurnConfig {
  readonly seed: number;
  /** Mean block interval (exponential, as Bitcoin's). */
  readonly blockIntervalMs: number;
  /** At most this many transactions per block; undefined: unlimited block space. */
  readonly blockTxLimit?: number;
  /** Would-be channel opens per day. */
  readonly openRequestsPerDay: number;
  readonly lifetimeDays: number;
  /** On-chain transactions per channel (whole, ≥ 1). */
  readonly txsPerChannel: number;
  readonly nodes: number;
  readonly patienceBlocks: number;
  /** Give up looking for a steady state after this long. */
  readonly maxDays: number;
  /** Median capacity and spread of its log (as the topology generator's). */
  readonly capacityMedianMsat: number;
  readonly capacitySigma: number;
  /** Median fee rate bid, msat per weight unit (2,500 = 10 sat/vB), and spread of its log. */
  readonly feeRateMedian: number;
  readonly feeRateSigma: number;
}

export const CHURN_DEFAULTS = {
  patienceBlocks: 144,
  capacityMedianMsat: 1_000_000_000,
  capacitySigma: 1,
  feeRateMedian: 2_500,
  feeRateSigma: 1,
} as const;

/** A channel open at the end of phase 1: its parties and what each side holds. */
export interface OpenChannel {
  readonly nodes: readonly [number, number];
  readonly balanceMsat: readonly [number, number];
}

export interface ChurnResult {
  /** Days simulated, and the day the open count was found steady (undefined: never). */
  readonly days: number;
  readonly steadyAtDays: number | undefined;
  /** Measured over the last `measuredDays` (one lifetime after the steady point). */
  readonly measuredDays: number;
  readonly meanOpen: number;
  readonly opensPerDay: number;
  readonly openRequests: number;
  readonly gaveUp: number;
  /** Mean transactions per block over the block limit (undefined without a limit). */
  readonly blockFullness: number | undefined;
  readonly meanMempool: number;
  readonly peakMempool: number;
  /** Mean wait in the mempool, blocks' worth of time, for deposits and withdrawals. */
  readonly meanDepositWaitBlocks: number;
  readonly meanWithdrawalWaitBlocks: number;
  readonly blocks: number;
  readonly channels: readonly OpenChannel[];
}

interface Channel {
  readonly id: number;
  readonly nodes: readonly [number, number];
  readonly balance: [number, number];
  readonly deposits: OutPoint[];
  /** Every deposit is the same amount. */
  depositMsat: number;
  pending: number;
  slot: number;
}

export function runChurn(c: ChurnConfig): ChurnResult {
  const streams = new RngStreams(c.seed);
  const engine = new Engine();
  const chain = new Chain(
    engine,
    { blockIntervalMs: c.blockIntervalMs, fixedInterval: false, ...(c.blockTxLimit !== undefined ? { blockTxLimit: c.blockTxLimit } : {}), startHeight: 0, startTimestamp: 1_700_000_000 },
    streams.stream('chain'),
  );
  const [arrivals, endpoints, sizes, lifetimes] = ['arrivals', 'endpoints', 'channels', 'lifetimes'].map((n) => streams.stream(n)) as [Rng, Rng, Rng, Rng];
  const lifetimeMs = c.lifetimeDays * DAY_MS;
  const openTxs = Math.ceil(c.txsPerChannel / 2);
  const closeTxs = c.txsPerChannel - openTxs;
  const open: Channel[] = [];
  const count = new WindowedMean(0, 0, lifetimeMs / 4);
  let measured: WindowedMean | undefined;
  let ids = 0;
  let requests = 0;
  let gaveUp = 0;
  let opensMeasured = 0;
  const waits = { deposit: { ms: 0, n: 0 }, withdrawal: { ms: 0, n: 0 } };
  const changed = (): void => {
    count.set(engine.now, open.length);
    measured?.set(engine.now, open.length);
  };
  const lognormal = (median: number, sigma: number, rng: Rng): number => median * Math.exp(sigma * rng.normal());
  const fee = (weight: number): number => Math.round(lognormal(c.feeRateMedian, c.feeRateSigma, sizes) * weight);
  const confirmedThen = (txId: string, kind: 'deposit' | 'withdrawal', then: () => void): void =>
    void chain.watchConfirmed(txId, 1, (tx) => {
      waits[kind].ms += engine.now - tx.submittedAt;
      waits[kind].n++;
      then();
    });

  const node = (i: number): string => `n${i}`;
  const pickPeer = (a: number): number => {
    let b = open.length > 0 && endpoints.chance(0.5) ? endpoints.pick(endpoints.pick(open).nodes) : endpoints.int(c.nodes);
    if (b === a) b = (a + 1 + endpoints.int(c.nodes - 1)) % c.nodes;
    return b;
  };

  const request = (): void => {
    requests++;
    if (c.blockTxLimit !== undefined && chain.mempoolSize > c.patienceBlocks * c.blockTxLimit) {
      gaveUp++;
      return;
    }
    const a = endpoints.int(c.nodes);
    const ch: Channel = { id: ids++, nodes: [a, pickPeer(a)], balance: [0, 0], deposits: [], depositMsat: 0, pending: openTxs, slot: -1 };
    // Whole sat, at least 20,000 sat, as the topology generator draws capacities.
    const capacity = Math.max(20_000, Math.round(lognormal(c.capacityMedianMsat, c.capacitySigma, sizes) / 1000)) * 1000;
    const amount = Math.floor(capacity / openTxs / 1000) * 1000;
    ch.depositMsat = amount;
    for (let j = 0; j < openTxs; j++) {
      const side = j % 2;
      const feeMsat = fee(DEFAULT_TX_WEIGHT);
      const coin = chain.fund(node(ch.nodes[side]!), (amount + feeMsat) as Msat);
      const submitted = chain.submit({ kind: 'deposit', sender: node(ch.nodes[side]!), inputs: [coin], outputs: [{ owner: `ch${ch.id}`, amountMsat: amount as Msat }], feeMsat: feeMsat as Msat });
      if (!submitted.ok) throw submitted.error;
      ch.balance[side] = ch.balance[side]! + amount;
      ch.deposits.push({ txId: submitted.value.id, index: 0 });
      confirmedThen(submitted.value.id, 'deposit', () => {
        if (--ch.pending === 0) opened(ch);
      });
    }
  };

  const opened = (ch: Channel): void => {
    ch.slot = open.length;
    open.push(ch);
    if (measured) opensMeasured++;
    changed();
    engine.schedule(lifetimes.exponential(lifetimeMs), () => close(ch), { label: 'close' });
  };

  const close = (ch: Channel): void => {
    // Swap-remove keeps removal O(1); the order of `open` only feeds seeded draws.
    const last = open.pop()!;
    if (last !== ch) {
      open[ch.slot] = last;
      last.slot = ch.slot;
    }
    changed();
    for (let j = 0; j < closeTxs; j++) {
      const inputs = ch.deposits.filter((_, i) => i % closeTxs === j);
      const value = inputs.length * ch.depositMsat;
      const feeMsat = Math.min(fee(DEFAULT_TX_WEIGHT), Math.floor(value / 2));
      const owner = node(ch.nodes[j % 2]!);
      const submitted = chain.submit({ kind: 'withdrawal', sender: owner, inputs, outputs: [{ owner, amountMsat: (value - feeMsat) as Msat }], feeMsat: feeMsat as Msat });
      if (!submitted.ok) throw submitted.error;
      confirmedThen(submitted.value.id, 'withdrawal', () => undefined);
    }
  };

  const nextRequest = (): void => {
    engine.schedule(arrivals.exponential(DAY_MS / c.openRequestsPerDay), () => {
      request();
      nextRequest();
    }, { label: 'open-request' });
  };
  nextRequest();
  chain.start();

  // Fill up until steady, then measure over one more lifetime.
  let steadyAt: number | undefined;
  while (steadyAt === undefined && engine.now < c.maxDays * DAY_MS) {
    engine.run({ until: engine.now + count.windowMs });
    count.advance(engine.now);
    if (count.steady(0.005)) steadyAt = engine.now;
  }
  const measureFrom = engine.now;
  const measureMs = Math.min(lifetimeMs, Math.max(count.windowMs, c.maxDays * DAY_MS - measureFrom));
  measured = new WindowedMean(measureFrom, open.length, measureMs);
  engine.run({ until: measureFrom + measureMs });
  measured.advance(engine.now);

  const blocks = chain.records.blocks.filter((b) => b.time > measureFrom);
  const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);
  return {
    days: engine.now / DAY_MS,
    steadyAtDays: steadyAt === undefined ? undefined : steadyAt / DAY_MS,
    measuredDays: measureMs / DAY_MS,
    meanOpen: measured.means[0]!,
    opensPerDay: opensMeasured / (measureMs / DAY_MS),
    openRequests: requests,
    gaveUp,
    blockFullness: c.blockTxLimit === undefined ? undefined : mean(blocks.map((b) => b.txCount)) / c.blockTxLimit,
    meanMempool: mean(blocks.map((b) => b.mempoolAfter)),
    peakMempool: chain.peakMempool,
    meanDepositWaitBlocks: waits.deposit.ms / Math.max(1, waits.deposit.n) / c.blockIntervalMs,
    meanWithdrawalWaitBlocks: waits.withdrawal.ms / Math.max(1, waits.withdrawal.n) / c.blockIntervalMs,
    blocks: chain.height,
    channels: open.map((ch) => ({ nodes: ch.nodes, balanceMsat: [ch.balance[0], ch.balance[1]] as const })),
  };
}
