/**
 * The payment networks of the chains other than the default one (channels with `chain:`), and
 * the swaps routed over channels on two chains. Each chain's channels are a network of their
 * own on that chain — its deposits, commitments and penalties go to that chain's ledger, its
 * HTLC deadlines count that chain's blocks — so no route ever mixes chains.
 */
import { type ChannelSpec, DEFAULT_MULTIHOP, Network } from '../agents/index.js';
import type { Chain, Chains, NamedChain } from '../chain/index.js';
import { invariant } from '../errors.js';
import type { CryptoMode } from '../channel/index.js';
import type { Engine } from '../engine/index.js';
import { type ChainSide, LightningSwap, type LightningSwapEvent } from '../swap/index.js';
import type { Scenario } from './resolve.js';

/** The network of `spec`'s chain: its channels, their ends, the default chain's payment settings. Started (deposits submitted). */
export function startChainNetwork(engine: Engine, chain: Chain, spec: NamedChain, channels: readonly ChannelSpec[], scenario: Scenario, seed: number, crypto: CryptoMode): Network {
  const nodes = [...new Set(channels.flatMap((c) => c.between))].sort();
  const network = new Network(engine, chain, {
    // Keys and revocation seeds differ from the default chain's channels between the same nodes.
    seed: seed + 1 + scenario.chains.findIndex((c) => c.name === spec.name),
    nodes,
    channels,
    payments: [],
    actions: scenario.chainActions?.[spec.name] ?? [],
    crypto,
    blockIntervalMs: spec.config.blockIntervalMs,
    revokedCopies: 'cheaters',
    ...(scenario.network.multiHop ? { multiHop: scenario.network.multiHop } : {}),
  });
  network.start();
  return network;
}

/** Every `lightningSwaps:` entry, each between the networks of its two chains, started. */
export function startLightningSwaps(engine: Engine, chains: Chains, networks: ReadonlyMap<string, Network>, scenario: Scenario, seed: number, log: (e: LightningSwapEvent) => void): LightningSwap[] {
  const side = (name: string): ChainSide => {
    const spec = chains.spec(name);
    const network = networks.get(name);
    // resolveLightningSwaps checked that both legs' chains have the legs' channels.
    invariant(network !== undefined, 'no-network', `lightning swap: no channels on chain ${name}`);
    return { network, chain: chains.get(name), blockIntervalMs: spec.config.blockIntervalMs, startHeight: spec.config.startHeight };
  };
  const multiHop = scenario.network.multiHop ?? DEFAULT_MULTIHOP;
  const settings = { deadlineBlocks: multiHop.deadlineBlocks, messageLatencyMs: multiHop.messageLatencyMs };
  return (scenario.lightningSwaps ?? []).map((spec) => {
    const swap = new LightningSwap(engine, spec, side(spec.pay.chain), side(spec.receive.chain), settings, seed, log);
    swap.start();
    return swap;
  });
}
