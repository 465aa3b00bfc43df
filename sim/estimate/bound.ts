/**
 * The classic concurrency estimate (BRIEF §6). Only opening and closing a channel touch the
 * chain, so by Little's law the number of channels open at once is the rate at which the chain
 * can open them times how long each lives:
 *
 *   channels ≤ (TPS × 86,400 / txsPerChannel) × lifetimeDays
 *
 * and with every payment holding at most `pathLength` channels at once,
 *
 *   concurrent payments ≤ channels / pathLength.
 *
 * BRIEF's figures: TPS = 10/3 (≈ 3.33), 54.9 days, 4 transactions, 6 hops ⇒ 3,952,800 channels
 * and 658,800 concurrent payments.
 */

export interface EstimateInput {
  readonly tps: number;
  readonly lifetimeDays: number;
  readonly txsPerChannel: number;
  readonly pathLength: number;
}

export interface Estimate extends EstimateInput {
  /** Channels the chain can open per day. */
  readonly opensPerDay: number;
  readonly channels: number;
  readonly concurrentPayments: number;
}

export const BRIEF_INPUTS: EstimateInput = { tps: 10 / 3, lifetimeDays: 54.9, txsPerChannel: 4, pathLength: 6 };

export function estimate(input: EstimateInput): Estimate {
  const opensPerDay = (input.tps * 86_400) / input.txsPerChannel;
  // Rounded to a whole channel (the inputs are decimal, so float noise is far below 0.5).
  const channels = Math.round(opensPerDay * input.lifetimeDays);
  return { ...input, opensPerDay, channels, concurrentPayments: Math.floor(channels / input.pathLength) };
}

/**
 * The bound in words. `tpsText` is the throughput as the user wrote it (`10/3`): it is printed with
 * its exact value, and when that value is not its own two-decimal rounding (10/3 is not 3.33, which
 * BRIEF's text uses), the figures at the rounded value are printed too, since they differ.
 */
export function explain(e: Estimate, tpsText = String(e.tps)): string {
  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  const rounded = Number(e.tps.toFixed(2));
  const atRounded = rounded !== e.tps && rounded > 0 ? estimate({ ...e, tps: rounded }) : undefined;
  const exact = tpsText === String(e.tps) ? tpsText : `${tpsText} = ${e.tps}`;
  return [
    'Concurrency bound (BRIEF §6; Little\'s law: channels open at once = opening rate × lifetime)',
    `  chain throughput        ${exact} transactions/s (used exactly; ≈ ${round(e.tps)})`,
    `  channel opens per day   ${n(e.opensPerDay)}  = ${tpsText} × 86,400 s / ${e.txsPerChannel} on-chain transactions per channel`,
    `  channels at once        ${n(e.channels)}  = ${n(e.opensPerDay)} per day × ${e.lifetimeDays} days average lifetime`,
    `  concurrent payments     ${n(e.concurrentPayments)}  = ${n(e.channels)} channels / ${e.pathLength} channels per payment path`,
    ...(atRounded
      ? [`  with ${rounded} transactions/s instead (the rounded figure): ${n(atRounded.channels)} channels, ${n(atRounded.concurrentPayments)} concurrent payments`]
      : []),
    'An upper bound: it assumes every block is spent on channel opens and closes, channels are',
    'always liquid, and every payment finds a path of at most the given length.',
  ].join('\n');
}

function round(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
