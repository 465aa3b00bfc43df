/**
 * Several chains and the atomic swaps between them (issue 20), as a scenario writes them:
 *
 *   chains:                      # besides `chain:` (the default chain, named btc)
 *     alt: { blockInterval: 150s, txFee: 1 sat, wallets: { bob: 0.1 btc } }
 *   swaps:
 *     - at: 10min
 *       initiator: { node: alice, chain: btc, amount: 100000 sat, refund: 48h }
 *       responder: { node: bob, chain: alt, amount: 2000000 sat, refund: 24h }
 *
 * The schema parts live here with `chain:`'s own fields, so that schema.ts keeps one line per section; `resolveChains` and
 * `resolveSwaps` check the cross-references (known chains, funded wallets, two different chains).
 */
import { z } from 'zod';
import { type ChainConfig, DEFAULT_CHAIN, DEFAULT_INTERVAL_MS, type NamedChain } from '../chain/index.js';
import { ScenarioError } from '../errors.js';
import type { MalleabilitySpec } from '../malleability/index.js';
import type { SwapSide, SwapSpec } from '../swap/index.js';
import type { Msat } from '../units.js';
import { amount, nodeName, nonNegativeInt, positiveAmount, positiveInt, time } from './fields.js';

/** `chain:` (the default chain) and each entry of `chains:`. */
export const chainSection = z.strictObject({
  blockInterval: time().optional(),
  fixed: z.boolean().optional(),
  blockTxLimit: positiveInt().optional(),
  blockWeightLimit: positiveInt().optional(),
  startHeight: nonNegativeInt().optional(),
  startTimestamp: nonNegativeInt().optional(),
  /** false: before segregated witness, ids cover signatures and can be re-encoded (malleability). */
  segwit: z.boolean().optional(),
  /** Without segwit: share of signed spends a relayer or miner re-encodes (s → n − s) before inclusion. */
  malleate: z.number().min(0).max(1).optional(),
});

/** The two malleability stories (sim/malleability/stories.ts), on the default chain. */
export const malleabilitySection = z.strictObject({
  exchange: z.strictObject({ node: nodeName(), customer: nodeName(), amount: positiveAmount(), at: time() }).optional(),
  funding: z.strictObject({ between: z.tuple([nodeName(), nodeName()]), amount: positiveAmount(), refund: positiveInt(), at: time() }).optional(),
});

const walletsField = z.record(nodeName(), amount());

/** One extra chain: the `chain:` fields, the fee its parties bid, and the coins nodes hold on it. */
export const namedChainEntry = chainSection.extend({ txFee: amount().optional(), wallets: walletsField.optional() });
export const chainsSection = z.record(nodeName(), namedChainEntry);

const swapSideEntry = z.strictObject({
  node: nodeName(),
  chain: nodeName(),
  amount: positiveAmount(),
  /** When this side's refund (TX2 for the initiator, TX4 for the responder) becomes valid, after the swap's start. */
  refund: time(),
  /** Halts the exchange before this step (still takes its refund): never (default), lock or claim. */
  stop: z.enum(['never', 'lock', 'claim']).optional(),
});

export const swapEntry = z.strictObject({
  id: nodeName().optional(),
  at: time(),
  initiator: swapSideEntry,
  responder: swapSideEntry,
  /** When the initiator claims TX3: asap (default), late (just before TX4 is valid) or option (late, and only if the price moved its way). */
  claim: z.enum(['asap', 'late', 'option']).optional(),
  /** How long before TX4 becomes valid a late initiator claims (default 1h). */
  lateMargin: time().optional(),
  /** Depth of a lock before the other side acts on it (default 1). */
  confirmations: positiveInt().optional(),
  /** σ per √hour of the seeded price walk of the responder's coin (default 0.01). */
  volatility: z.number().min(0).max(1).optional(),
});
export const swapsSection = z.array(swapEntry);

type ChainFields = z.output<typeof chainSection>;
type ChainsInput = z.output<typeof chainsSection>;
type SwapInput = z.output<typeof swapEntry>;

/** The chain's config from its scenario fields; `interval` when the file gives none. */
export function chainConfig(c: ChainFields, interval: number): ChainConfig {
  return {
    blockIntervalMs: c.blockInterval ?? interval,
    fixedInterval: c.fixed ?? false,
    ...(c.blockTxLimit !== undefined ? { blockTxLimit: c.blockTxLimit } : {}),
    ...(c.blockWeightLimit !== undefined ? { blockWeightLimit: c.blockWeightLimit } : {}),
    startHeight: c.startHeight ?? 0,
    startTimestamp: c.startTimestamp ?? 1_700_000_000,
    ...(c.segwit === false ? { segwit: false, malleateShare: c.malleate ?? 0 } : {}),
  };
}

/** The chains other than the default one (the default chain stays `Scenario.chain`). */
export function resolveChains(chains: ChainsInput | undefined, defaultFeeMsat: Msat): NamedChain[] {
  const out: NamedChain[] = [];
  for (const [name, c] of Object.entries(chains ?? {})) {
    const path = `chains.${name}`;
    if (name === DEFAULT_CHAIN) throw new ScenarioError('duplicate-chain', `${DEFAULT_CHAIN} is the default chain; configure it under chain: and give other chains other names`, path);
    const config = chainConfig(c, DEFAULT_INTERVAL_MS[name] ?? DEFAULT_INTERVAL_MS[DEFAULT_CHAIN]!);
    if (config.blockIntervalMs <= 0) throw new ScenarioError('bad-duration', "expected a positive time such as '150s'", `${path}.blockInterval`);
    out.push({ name, config, txFeeMsat: (c.txFee ?? defaultFeeMsat) as Msat, wallets: { ...(c.wallets ?? {}) } });
  }
  return out;
}

/** A swap's id (given, or numbered), refused when an earlier swap of its list has it. */
export function distinctSwapId(ids: Set<string>, id: string, path: string): string {
  if (ids.has(id)) throw new ScenarioError('duplicate-swap', `two swaps are named '${id}'; expected distinct ids`, `${path}.id`);
  ids.add(id);
  return id;
}

/**
 * Swaps with their references checked: each side's chain exists, the two chains differ, and each
 * node holds coins there (a wallet on an extra chain, or a network node of the default chain).
 */
export function resolveSwaps(swaps: readonly SwapInput[] | undefined, chains: readonly NamedChain[], defaultNodes: ReadonlySet<string>): SwapSpec[] {
  const names = chains.map((c) => c.name);
  const ids = new Set<string>();
  return (swaps ?? []).map((s, i) => {
    const path = `swaps[${i}]`;
    const id = distinctSwapId(ids, s.id ?? `swap${i + 1}`, path);
    const side = (x: SwapInput['initiator'], role: string): SwapSide => {
      const where = `${path}.${role}`;
      if (!names.includes(x.chain)) throw new ScenarioError('unknown-chain', `unknown chain '${x.chain}'; expected one of: ${names.join(', ')}`, `${where}.chain`);
      const held = x.chain === DEFAULT_CHAIN ? defaultNodes.has(x.node) : x.node in chains.find((c) => c.name === x.chain)!.wallets;
      if (!held) throw new ScenarioError('unknown-node', `'${x.node}' holds nothing on ${x.chain}; expected ${x.chain === DEFAULT_CHAIN ? 'a node of the network (agents.NODE.wallet)' : `a node of chains.${x.chain}.wallets`}`, `${where}.node`);
      return { node: x.node, chain: x.chain, amountMsat: x.amount, refundAfterMs: x.refund, stopBefore: x.stop ?? 'never' };
    };
    const initiator = side(s.initiator, 'initiator');
    const responder = side(s.responder, 'responder');
    if (initiator.chain === responder.chain) throw new ScenarioError('same-chain', 'a cross-chain swap needs two different chains', `${path}.responder.chain`);
    if (initiator.node === responder.node) throw new ScenarioError('same-node', 'the initiator and the responder must be different nodes', `${path}.responder.node`);
    return { id, atMs: s.at, initiator, responder, claim: s.claim ?? 'asap', lateMarginMs: s.lateMargin ?? 3_600_000, confirmations: s.confirmations ?? 1, volatility: s.volatility ?? 0.01 };
  });
}

type MalleabilityInput = z.output<typeof malleabilitySection>;

/** The malleability stories with their nodes checked against the network's. */
export function resolveMalleability(m: MalleabilityInput | undefined, nodes: ReadonlySet<string>): MalleabilitySpec | undefined {
  if (!m) return undefined;
  const check = (node: string, path: string): void => {
    if (!nodes.has(node)) throw new ScenarioError('unknown-node', `unknown node '${node}'; expected a node of the network`, path);
  };
  const out: { exchange?: MalleabilitySpec['exchange']; funding?: MalleabilitySpec['funding'] } = {};
  if (m.exchange) {
    check(m.exchange.node, 'malleability.exchange.node');
    check(m.exchange.customer, 'malleability.exchange.customer');
    out.exchange = { node: m.exchange.node, customer: m.exchange.customer, amountMsat: m.exchange.amount, atMs: m.exchange.at };
  }
  if (m.funding) {
    m.funding.between.forEach((n, i) => check(n, `malleability.funding.between[${i}]`));
    out.funding = { between: m.funding.between, amountMsat: m.funding.amount, refundBlocks: m.funding.refund, atMs: m.funding.at };
  }
  return out;
}
