/**
 * Runs one scenario: builds the engine, the chain, the network and the background traffic,
 * runs to the end time, and returns the recorded rows. Reports are computed from these rows
 * alone (`sim/report`).
 */
import { type ChannelEvent, type ChannelSpec, DEFAULT_MULTIHOP, Network, type PaymentRecord, routableEdges } from '../agents/index.js';
import { Chain } from '../chain/index.js';
import type { CryptoMode } from '../channel/index.js';
import { Engine, RngStreams } from '../engine/index.js';
import { invariant } from '../errors.js';
import type { Msat } from '../units.js';
import { type RunRecords, RunStats } from '../report/index.js';
import type { Scenario } from './resolve.js';
import { startCrossChain } from './crossChainRun.js';
import { PrivacyWatch } from '../privacy/index.js';

export type { RunRecords };
import { startTraffic } from './traffic.js';
import { startWorkload } from './workload.js';

export interface RunOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Overrides the scenario's end time, ms. */
  readonly untilMs?: number;
  readonly crypto?: CryptoMode;
  /** Called now and then with the fraction of simulated time done (for a progress bar). */
  readonly onProgress?: (fraction: number) => void;
  /**
   * Keep every payment and channel event in memory (default true). Off, the rows only reach
   * `onPayment`/`onEvent` (streaming writers) and the report's accumulators: memory stays flat.
   */
  readonly keepRows?: boolean;
  readonly onPayment?: (row: PaymentRecord) => void;
  readonly onEvent?: (row: ChannelEvent) => void;
  /** Called once, just before the workload's first payment starts (benchmarks time the setup apart). */
  readonly onWorkloadStart?: () => void;
}


/** Balance series are kept for this many nodes (the first in name order): enough for a chart. */
export const SAMPLED_NODES = 12;

export function runScenario(scenario: Scenario, options: RunOptions = {}): RunRecords {
  const seed = options.seed ?? scenario.seed;
  const untilMs = options.untilMs ?? scenario.untilMs;
  const streams = new RngStreams(seed);
  const engine = new Engine();
  const chain = new Chain(engine, scenario.chain, streams.stream('chain'));
  // The privacy report's recording point is off (no observer at all) unless the scenario asks for it.
  const privacy = scenario.privacy && new PrivacyWatch(scenario.privacy, () => ({ height: chain.height, time: engine.now }));
  const multiHop = privacy && scenario.network.multiHop ? { multiHop: { ...scenario.network.multiHop, observe: privacy.observe } } : {};
  const network = new Network(engine, chain, { ...scenario.network, ...multiHop, seed, crypto: options.crypto ?? 'lazy', revokedCopies: 'cheaters' });
  // Channels opened by actions too: the report has a row for every channel of the run.
  const opened = scenario.network.actions.flatMap((a) => (a.do === 'open' ? [a.channel] : []));
  const stats = new RunStats({ untilMs, channels: [...scenario.network.channels, ...opened] });
  for (const log of [network.paymentLog, network.recorder]) log.keep = options.keepRows ?? true;
  network.paymentLog.listen((row) => stats.onPayment(row));
  network.recorder.listen((row) => stats.onEvent(row));
  if (options.onPayment) network.paymentLog.listen(options.onPayment);
  if (options.onEvent) network.recorder.listen(options.onEvent);
  network.start();
  mineGenesisDeposits(chain, scenario.network.channels);
  chain.start();
  stats.trackHoldings((node) => network.balanceOf(node));
  const sampled = [...scenario.network.nodes].sort().slice(0, SAMPLED_NODES);
  const samples: { time: number; values: number[] }[] = [{ time: 0, values: sampled.map((n) => network.balanceOf(n)) }];
  const sample = (block: { height: number; time: number }): void => {
    samples.push({ time: block.time, values: sampled.map((n) => network.balanceOf(n)) });
    stats.onBlock(block.time);
    chain.watchHeight(block.height + 1, sample);
  };
  chain.watchHeight(chain.height + 1, sample);
  const crossChain = startCrossChain(engine, chain, scenario, streams, seed, network, options.crypto ?? 'lazy');
  if (scenario.traffic) startTraffic(engine, chain, scenario.traffic, streams.stream('traffic'));
  if (scenario.workload) {
    const capacity = new Map<string, number>();
    for (const c of scenario.network.channels) for (const n of c.between) capacity.set(n, (capacity.get(n) ?? 0) + c.deposit[0] + c.deposit[1]);
    let started = options.onWorkloadStart;
    const pay = (from: string, to: string, amount: Msat): void => {
      started?.();
      started = undefined;
      network.pay(from, to, amount);
    };
    startWorkload(engine, scenario.workload, scenario.network.nodes, (n) => capacity.get(n) ?? 0, streams.stream('workload'), pay);
  }

  // Run in slices so a progress callback can follow long runs; the slicing does not change the order.
  const slices = options.onProgress ? 100 : 1;
  for (let i = 1; i <= slices; i++) {
    engine.run({ until: Math.round((untilMs * i) / slices) });
    options.onProgress?.(i / slices);
  }
  network.finish();
  chain.recount();
  stats.readHoldings(untilMs);
  // Per-node accounting: what the nodes hold at the end plus the fees miners collected is what
  // they held at the start. Every msat is someone's: on the chain, in a channel, in a bond or HTLC.
  const balances = network.balances();
  const start = Object.values(balances).reduce((s, b) => s + b.startMsat, 0);
  // Coins in swap locks on the default chain are nobody's balance until claimed or refunded.
  const end = Object.values(balances).reduce((s, b) => s + b.endMsat, 0) + (crossChain?.heldOnDefault() ?? 0);
  invariant(end + chain.feesCollectedMsat === start, 'node-accounting', `${scenario.name}: node balances + fees ≠ what the nodes started with`, start, end + chain.feesCollectedMsat);

  return {
    scenario: scenario.name,
    description: scenario.description,
    seed,
    simulatedMs: untilMs,
    events: engine.eventsProcessed,
    startHeight: scenario.chain.startHeight,
    chain: { txs: chain.records.txs, blocks: chain.records.blocks, peakMempool: chain.peakMempool, invariantChecks: chain.invariantChecks },
    accounting: { startMsat: start, endMsat: end, feesMsat: chain.feesCollectedMsat },
    channels: scenario.network.channels.map((c) => ({ id: c.id, capacityMsat: c.deposit[0] + c.deposit[1] })),
    payments: network.payments,
    channelEvents: network.recorder.events,
    stats,
    balances,
    aliases: scenario.aliases,
    balanceSeries: { nodes: sampled, samples },
    ...(crossChain ? { crossChain: crossChain.finish() } : {}),
    ...(privacy ? { privacy: privacy.finish(routableEdges([...scenario.network.channels, ...opened]), scenario.network.multiHop?.finalCltvDelta ?? DEFAULT_MULTIHOP.finalCltvDelta) } : {}),
  };
}

/**
 * Channels funded at genesis: their deposits fill a first block at t = 0. A function of its own so
 * the set of their ids is garbage at once: in runScenario's scope the closures of the run would
 * keep it (V8 shares one context among them), 0.7 MB for a real snapshot.
 */
function mineGenesisDeposits(chain: Chain, channels: readonly ChannelSpec[]): void {
  const genesis = new Set(channels.filter((c) => c.funding === 'genesis').map((c) => c.id));
  if (genesis.size > 0) chain.mineGenesis((tx) => tx.kind === 'deposit' && tx.call !== undefined && genesis.has(tx.call.contractId));
}
