/**
 * Channels on other chains and the swaps routed over them (issue 20), as a scenario writes them:
 *
 *   channels:
 *     - { between: [alice, xchg], deposit: [0.01 btc, 0.01 btc] }            # on btc
 *     - { between: [xchg, bob], deposit: [0.2 btc, 0.2 btc], chain: alt }    # on alt
 *   lightningSwaps:
 *     - at: 30min
 *       payer: alice
 *       exchange: xchg
 *       payee: bob
 *       pay: { chain: btc, amount: 100000 sat, expiry: 6h }
 *       receive: { chain: alt, expiry: 3h }
 *       rate: 20
 *
 * A channel's `chain` names a chain of `chains:` (btc, the default, when left out); each chain's
 * channels form their own network, so no route mixes chains. Actions naming such a channel
 * (a close, a broadcast of an old sequence) act in its chain's network.
 */
import { z } from 'zod';
import type { ActionSpec, ChannelSpec } from '../agents/index.js';
import { DEFAULT_CHAIN, type NamedChain } from '../chain/index.js';
import { ScenarioError } from '../errors.js';
import type { LightningSwapSpec } from '../swap/index.js';
import { distinctSwapId } from './crossChain.js';
import { nodeName, positiveAmount, time } from './fields.js';

const leg = z.strictObject({ chain: nodeName(), expiry: time() });

export const lightningSwapEntry = z.strictObject({
  id: nodeName().optional(),
  at: time(),
  payer: nodeName(),
  /** A node with a channel to the payer on the pay chain and one to the payee on the receive chain. */
  exchange: nodeName(),
  payee: nodeName(),
  pay: leg.extend({ amount: positiveAmount() }),
  receive: leg,
  /** Receive-chain msat per pay-chain msat (the payee gets floor(amount × rate)). */
  rate: z.number().positive().max(1e6),
  /** What the exchange insists on between its outgoing HTLC's expiry and its incoming one's (default 1h). */
  margin: time().optional(),
  /** false: the exchange forwards whatever the expiries (default true). */
  checkExpiries: z.boolean().optional(),
  /** forward: the exchange stops before forwarding (default never). */
  exchangeStop: z.enum(['never', 'forward']).optional(),
  /** asap (default), late (withholds R, claims on chain at its last moment), never. */
  payeeClaims: z.enum(['asap', 'late', 'never']).optional(),
});
export const lightningSwapsSection = z.array(lightningSwapEntry);

type Input = z.output<typeof lightningSwapEntry>;

/**
 * The channels of each chain: those without `chain` (and imported ones) on the default chain,
 * the others under their chain's name. `chainOf` maps a listed channel's id to what it wrote.
 */
export function splitChannelsByChain(channels: readonly ChannelSpec[], chainOf: ReadonlyMap<string, { chain: string; path: string }>, chains: readonly NamedChain[]): { onDefault: ChannelSpec[]; elsewhere: Record<string, ChannelSpec[]> } {
  const names = chains.map((c) => c.name);
  const onDefault: ChannelSpec[] = [];
  const elsewhere: Record<string, ChannelSpec[]> = {};
  for (const c of channels) {
    const written = chainOf.get(c.id);
    if (!written || written.chain === DEFAULT_CHAIN) {
      onDefault.push(c);
      continue;
    }
    if (!names.includes(written.chain)) throw new ScenarioError('unknown-chain', `unknown chain '${written.chain}'; expected one of: ${names.join(', ')}`, `${written.path}.chain`);
    if (c.kind === 'one-way' || c.funding === 'genesis') throw new ScenarioError('bad-channel', 'a channel on another chain is a two-party channel funded on that chain: expected no kind: one-way and no funding: genesis', written.path);
    (elsewhere[written.chain] ??= []).push(c);
  }
  return { onDefault, elsewhere };
}

/**
 * Scripted actions that name a channel (close, broadcast, set-policy, probe) go to that channel's
 * chain's network; the others (a node going offline, failing, paying) act on the default chain's.
 */
export function splitActionsByChain(actions: readonly ActionSpec[], elsewhere: Readonly<Record<string, readonly ChannelSpec[]>>): { onDefault: ActionSpec[]; byChain: Record<string, ActionSpec[]> } {
  const chainOf = new Map(Object.entries(elsewhere).flatMap(([chain, cs]) => cs.map((c) => [c.id, chain] as const)));
  const onDefault: ActionSpec[] = [];
  const byChain: Record<string, ActionSpec[]> = {};
  for (const a of actions) {
    const chain = 'channel' in a && typeof a.channel === 'string' ? chainOf.get(a.channel) : undefined;
    if (chain) (byChain[chain] ??= []).push(a);
    else onDefault.push(a);
  }
  return { onDefault, byChain };
}

/** The swaps, with their chains and nodes checked (each leg's channel is found when the run starts). */
export function resolveLightningSwaps(swaps: readonly Input[] | undefined, chains: readonly NamedChain[], nodes: ReadonlySet<string>, channelsOn: (chain: string) => readonly ChannelSpec[]): LightningSwapSpec[] {
  const linked = (chain: string, a: string, b: string): boolean => channelsOn(chain).some((c) => c.kind !== 'one-way' && c.between.includes(a) && c.between.includes(b));
  const names = chains.map((c) => c.name);
  const ids = new Set<string>();
  return (swaps ?? []).map((s, i) => {
    const path = `lightningSwaps[${i}]`;
    const id = distinctSwapId(ids, s.id ?? `lnswap${i + 1}`, path);
    for (const role of ['payer', 'exchange', 'payee'] as const) {
      if (!nodes.has(s[role])) throw new ScenarioError('unknown-node', `unknown node '${s[role]}'; expected a node of the network`, `${path}.${role}`);
    }
    for (const side of ['pay', 'receive'] as const) {
      if (!names.includes(s[side].chain)) throw new ScenarioError('unknown-chain', `unknown chain '${s[side].chain}'; expected one of: ${names.join(', ')}`, `${path}.${side}.chain`);
      if (s[side].expiry <= 0) throw new ScenarioError('bad-duration', 'expected a positive time such as 3h', `${path}.${side}.expiry`);
    }
    if (s.pay.chain === s.receive.chain) throw new ScenarioError('same-chain', 'a cross-chain swap needs two different chains', `${path}.receive.chain`);
    if (s.exchange === s.payer || s.exchange === s.payee) throw new ScenarioError('same-node', 'the exchange must be a third node', `${path}.exchange`);
    // Each leg is one channel: payer–exchange on the pay chain, exchange–payee on the receive chain.
    if (!linked(s.pay.chain, s.payer, s.exchange)) throw new ScenarioError('unknown-channel', `no channel between ${s.payer} and ${s.exchange} on ${s.pay.chain}; expected one in channels:${s.pay.chain === DEFAULT_CHAIN ? '' : ` with chain: ${s.pay.chain}`}`, `${path}.exchange`);
    if (!linked(s.receive.chain, s.exchange, s.payee)) throw new ScenarioError('unknown-channel', `no channel between ${s.exchange} and ${s.payee} on ${s.receive.chain}; expected one in channels:${s.receive.chain === DEFAULT_CHAIN ? '' : ` with chain: ${s.receive.chain}`}`, `${path}.payee`);
    const receiveMsat = Math.floor(s.pay.amount * s.rate);
    if (receiveMsat < 1 || !Number.isSafeInteger(receiveMsat)) throw new ScenarioError('bad-amount', `amount × rate is ${receiveMsat} msat; expected a positive whole number of msat`, `${path}.rate`);
    return {
      id,
      atMs: s.at,
      payer: s.payer,
      exchange: s.exchange,
      payee: s.payee,
      payMsat: s.pay.amount,
      rate: s.rate,
      pay: { chain: s.pay.chain, expiryMs: s.pay.expiry },
      receive: { chain: s.receive.chain, expiryMs: s.receive.expiry },
      marginMs: s.margin ?? 3_600_000,
      checkExpiries: s.checkExpiries ?? true,
      exchangeStop: s.exchangeStop ?? 'never',
      payeeClaims: s.payeeClaims ?? 'asap',
    };
  });
}
