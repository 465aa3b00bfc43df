/**
 * The part of a run that lives on the extra chains: they are built on the run's engine (one
 * clock), their wallets funded, the swaps started; at the end each chain is recounted and its
 * nodes' accounting checked (what they hold + what the chain's swap locks hold + fees = what they
 * started with), and the rows for the report are returned. One-chain scenarios without swaps
 * never reach here, so their reports stay as they were.
 */
import { type Chain, Chains, DEFAULT_CHAIN } from '../chain/index.js';
import type { Engine, RngStreams } from '../engine/index.js';
import { invariant } from '../errors.js';
import { AtomicSwap, type LightningSwapEvent, type SwapEvent } from '../swap/index.js';
import { multisigOwner, startMalleabilityStories, type MalleabilityEvent } from '../malleability/index.js';
import type { ChainRun, CrossChainRecords } from '../report/index.js';
import type { Scenario } from './resolve.js';
import { type PerunEvent, PerunVirtualChannel } from '../virtual/index.js';
import { StateChannelStory, type StateChannelEvent } from '../statechannel/index.js';
import type { Network } from '../agents/index.js';
import type { CryptoMode } from '../channel/index.js';
import { startChainNetwork, startLightningSwaps } from './lightningRun.js';

export type { ChainRun, CrossChainRecords };

export interface CrossChainRun {
  /** What swap locks and 2-of-2 outputs on the default chain hold now (nobody's balance alone; for the network's accounting). */
  heldOnDefault(): number;
  finish(): CrossChainRecords;
}

export function startCrossChain(engine: Engine, defaultChain: Chain, scenario: Scenario, streams: RngStreams, seed: number, defaultNetwork: Network, crypto: CryptoMode): CrossChainRun | undefined {
  if (scenario.chains.length === 1 && scenario.swaps.length === 0 && !scenario.malleability && scenario.stateChannels.length === 0 && scenario.virtualChannels.length === 0) return undefined;
  const chains = new Chains(engine, scenario.chains, streams, defaultChain);
  const networks = new Map<string, Network>([[DEFAULT_CHAIN, defaultNetwork]]);
  for (const { spec, chain } of chains.others()) {
    for (const node of Object.keys(spec.wallets).sort()) if (spec.wallets[node]! > 0) chain.fund(node, spec.wallets[node]!);
    const channels = scenario.chainChannels?.[spec.name];
    if (channels) networks.set(spec.name, startChainNetwork(engine, chain, spec, channels, scenario, seed, crypto));
    chain.start();
  }
  const lightningEvents: LightningSwapEvent[] = [];
  const lightningSwaps = startLightningSwaps(engine, chains, networks, scenario, seed, (e) => lightningEvents.push(e));
  const swapEvents: SwapEvent[] = [];
  const swaps = scenario.swaps.map((spec) => new AtomicSwap(engine, chains, spec, seed, streams.stream(`swap:${spec.id}:price`), (e) => swapEvents.push(e)));
  for (const swap of swaps) swap.start();
  const malleabilityEvents: MalleabilityEvent[] = [];
  const m = scenario.malleability;
  if (m) startMalleabilityStories(engine, defaultChain, m, scenario.chains[0]!.txFeeMsat, (e) => malleabilityEvents.push(e));
  const stateChannelEvents: StateChannelEvent[] = [];
  const apps = scenario.stateChannels.map((spec) => new StateChannelStory(engine, defaultChain, spec, scenario.chains[0]!.txFeeMsat, (e) => stateChannelEvents.push(e)));
  for (const app of apps) app.start();
  const virtualChannelEvents: PerunEvent[] = [];
  const virtuals = scenario.virtualChannels.map((spec) => new PerunVirtualChannel(engine, defaultChain, spec, scenario.chains[0]!.txFeeMsat, (e) => virtualChannelEvents.push(e)));
  for (const v of virtuals) v.start();
  const lockIds = (chain: string): string[] =>
    swaps.flatMap((s) => [s.spec.initiator.chain === chain ? `${s.spec.id}:tx1` : undefined, s.spec.responder.chain === chain ? `${s.spec.id}:tx3` : undefined]).filter((x): x is string => x !== undefined);
  const held = (chain: Chain, name: string): number => lockIds(name).reduce((sum, id) => sum + chain.contractBalance(id), 0);

  return {
    heldOnDefault: () =>
      held(defaultChain, DEFAULT_CHAIN) + (m?.funding ? defaultChain.balanceOf(multisigOwner(...m.funding.between)) : 0) + apps.reduce((sum, a) => sum + defaultChain.contractBalance(a.spec.id), 0) + virtuals.reduce((sum, v) => sum + v.heldMsat(), 0),
    finish() {
      for (const [name, network] of networks) if (name !== DEFAULT_CHAIN) network.finish();
      const runs: Record<string, ChainRun> = {};
      for (const name of chains.names) {
        const chain = chains.get(name);
        const spec = chains.spec(name);
        chain.recount();
        const wallets: Record<string, { startMsat: number; endMsat: number }> = {};
        // Wallet holders and every swap party on this chain (one may start with nothing there).
        const parties = scenario.swaps.filter((s) => s.initiator.chain === name || s.responder.chain === name).flatMap((s) => [s.initiator.node, s.responder.node]);
        const nodes = new Set([...Object.keys(spec.wallets), ...parties]);
        // On a chain with channels, a node's holdings are its coins plus its side of each channel there.
        const network = name === DEFAULT_CHAIN ? undefined : networks.get(name);
        const inChannels = network?.balances() ?? {};
        for (const node of Object.keys(inChannels)) nodes.add(node);
        const holds = (node: string): number => (network && node in inChannels ? network.balanceOf(node) : chain.balanceOf(node));
        if (name !== DEFAULT_CHAIN) for (const node of [...nodes].sort()) wallets[node] = { startMsat: (spec.wallets[node] ?? 0) + (inChannels[node]?.startMsat ?? 0), endMsat: holds(node) };
        if (name !== DEFAULT_CHAIN) {
          const start = Object.values(wallets).reduce((s, w) => s + w.startMsat, 0);
          const end = Object.values(wallets).reduce((s, w) => s + w.endMsat, 0) + held(chain, name) + chain.feesCollectedMsat;
          invariant(start === end, 'node-accounting', `${scenario.name}: on chain ${name}, wallets + swap locks + fees ≠ what the wallets started with`, start, end);
        }
        const { txs, blocks } = chain.records;
        runs[name] = { blockIntervalMs: spec.config.blockIntervalMs, txs, blocks, peakMempool: chain.peakMempool, invariantChecks: chain.invariantChecks, feesMsat: chain.feesCollectedMsat, wallets };
      }
      return { chains: runs, swaps: swaps.map((s) => s.record()), swapEvents, malleabilityEvents, stateChannels: apps.map((a) => a.record()), stateChannelEvents, virtualChannels: virtuals.map((v) => v.record()), virtualChannelEvents, lightningSwaps: lightningSwaps.map((l) => l.record()), lightningSwapEvents: lightningEvents };
    },
  };
}
