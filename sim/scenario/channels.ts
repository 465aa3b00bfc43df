/**
 * Channel settings as a scenario writes them (per channel, over `defaults`, over pcnsim's own
 * defaults) → the ChannelSpec fields: kind, freeze, fees, forwarding policy and the HTLC limits of
 * each direction. Listed channels have the same limits both ways; imported ones their file's.
 */
import type { ChannelSpec, DirectionLimits } from '../agents/index.js';
import type { Freeze, Pair } from '../channel/index.js';
import { ScenarioError } from '../errors.js';
import type { Policy } from '../router/index.js';
import type { Duration, Msat } from '../units.js';
import type { ScenarioInput } from './schema.js';
import { CLTV_DELTA, CONFIRMATIONS, FEE_BASE_MSAT, FEE_PPM, FREEZE_BLOCKS, MAX_HTLCS, ONE_WAY_REFUND_BLOCKS, RESERVE_PPM } from '../defaults.js';

/** What every channel has besides its id, ends and deposits. */
export type ChannelSettings = Omit<ChannelSpec, 'id' | 'between' | 'deposit' | 'policies'> & { readonly policy: Policy; readonly maxHtlcs: number; readonly funding: 'genesis' | 'chain' };

/** pcnsim's own defaults (DEFAULTS.md: lnd's fee policy and delta, BOLT's 483 HTLCs, a 144-block freeze). */
export const PCNSIM_DEFAULTS: ChannelSettings = {
  kind: 'virtual-bank',
  freeze: { blocks: FREEZE_BLOCKS },
  refundBlocks: ONE_WAY_REFUND_BLOCKS,
  confirmations: CONFIRMATIONS,
  txFeeMsat: 0,
  policy: { feeBaseMsat: FEE_BASE_MSAT, feePpm: FEE_PPM, cltvDelta: CLTV_DELTA, minHtlcMsat: 0, disabled: false },
  maxHtlcs: MAX_HTLCS,
  reservePpm: RESERVE_PPM,
  funding: 'chain',
};

type Written = NonNullable<ScenarioInput['defaults']> | NonNullable<ScenarioInput['channels']>[number];

/** Settings written in a file (a channel, or `defaults`) over the ones below them. */
export function settingsOver(s: Written, under: ChannelSettings, path: string): ChannelSettings {
  const below = under.directions?.[0] ?? {};
  const limits: DirectionLimits = {
    ...below,
    ...(s.maxHtlc !== undefined ? { maxHtlcMsat: s.maxHtlc } : {}),
    ...(s.minHtlc !== undefined ? { minHtlcMsat: s.minHtlc } : {}),
    ...(s.maxInFlight !== undefined ? { maxInFlightMsat: s.maxInFlight } : {}),
    ...(typeof s.reserve === 'number' ? { reserveMsat: s.reserve } : {}),
  };
  if (limits.minHtlcMsat !== undefined && limits.maxHtlcMsat !== undefined && limits.minHtlcMsat > limits.maxHtlcMsat) {
    throw new ScenarioError('bad-range', 'expected minHtlc ≤ maxHtlc', `${path}.minHtlc`);
  }
  const funding = s.funding ?? under.funding;
  const maxHtlcs = s.maxHtlcs ?? under.maxHtlcs;
  return {
    kind: s.kind ?? under.kind,
    freeze: s.freeze === undefined ? under.freeze : toFreeze(s.freeze, `${path}.freeze`),
    refundBlocks: s.refund ?? under.refundBlocks,
    // A genesis deposit is in the first block: one confirmation, at t = 0.
    confirmations: funding === 'genesis' ? 1 : s.confirmations ?? under.confirmations,
    txFeeMsat: s.txFee ?? under.txFeeMsat,
    policy: {
      ...under.policy,
      feeBaseMsat: s.feeBase ?? under.policy.feeBaseMsat,
      feePpm: s.feePpm ?? under.policy.feePpm,
      cltvDelta: s.cltvDelta ?? under.policy.cltvDelta,
      minHtlcMsat: limits.minHtlcMsat ?? under.policy.minHtlcMsat,
    },
    maxHtlcs,
    reservePpm: typeof s.reserve === 'object' ? s.reserve.ppm : under.reservePpm,
    funding,
    ...(Object.keys(limits).length > 0 ? { directions: [{ maxHtlcs, ...limits }, { maxHtlcs, ...limits }] as const } : {}),
  };
}

export function resolveDeposit(deposit: Msat | readonly [Msat, Msat], kind: string, path: string): Pair {
  if (kind === 'one-way') {
    const pair: Pair = typeof deposit === 'number' ? [deposit, 0 as Msat] : deposit;
    if (pair[1] !== 0) throw new ScenarioError('bad-deposit', 'a one-way channel is funded by the payer alone: give one amount, or [amount, 0]', path);
    if (pair[0] <= 0) throw new ScenarioError('bad-deposit', 'expected a positive deposit, got 0', `${path}[0]`);
    return pair;
  }
  if (typeof deposit === 'number') throw new ScenarioError('bad-deposit', 'expected two deposits [a, b] (one per side)', path);
  deposit.forEach((d, side) => {
    if (d <= 0) throw new ScenarioError('bad-deposit', 'expected a positive deposit on each side (BRIEF §2 construct), got 0', `${path}[${side}]`);
  });
  return deposit;
}

function toFreeze(d: Duration, path: string): Freeze {
  if (d.kind === 'blocks') {
    if (d.blocks <= 0) throw new ScenarioError('bad-duration', 'expected a freeze of at least 1 block, got 0 blocks', path);
    return { blocks: d.blocks };
  }
  if (d.ms < 1000 || d.ms % 1000 !== 0) throw new ScenarioError('bad-duration', 'a freeze in time counts block-timestamp seconds: expected whole seconds ≥ 1s', path);
  return { seconds: d.ms / 1000 };
}
