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
import { DEFAULT_CHAIN, DEFAULT_INTERVAL_MS, type NamedChain } from '../chain/registry.js';
import type { ChainConfig } from '../chain/types.js';
import { ScenarioError } from '../errors.js';
import type { SwapSide, SwapSpec } from '../swap/spec.js';
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

/**
 * Swaps with their references checked: each side's chain exists, the two chains differ, and each
 * node holds coins there (a wallet on an extra chain, or a network node of the default chain).
 */
export function resolveSwaps(swaps: readonly SwapInput[] | undefined, chains: readonly NamedChain[], defaultNodes: ReadonlySet<string>): SwapSpec[] {
  const names = chains.map((c) => c.name);
  const ids = new Set<string>();
  return (swaps ?? []).map((s, i) => {
    const path = `swaps[${i}]`;
    const id = s.id ?? `swap${i + 1}`;
    if (ids.has(id)) throw new ScenarioError('duplicate-swap', `two swaps are named '${id}'; expected distinct ids`, `${path}.id`);
    ids.add(id);
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
