/**
 * How a failure reaches the payer and what it learns from it (BOLT #4 "Returning Errors", lnd's
 * mission control). Whoever fails an HTLC — a hop that refuses to forward, or the payee itself
 * (a hash it never drew, a jammer's hold, an MPP set that timed out) — sends its failure message
 * back as an error onion; the payer peels it and learns the failing node's position on the route
 * and its BOLT #4 code (onion/payload.ts FAILURE_CODES). Mission control then records, like lnd's
 * result interpretation, that every hop before the failing node carried the amount, and — when
 * the failure is about liquidity — that the failing node's outgoing channel could not. A failure
 * from the payee blames no channel: every hop carried it.
 */
import type { Failure, OnionCarrier, Sealed } from '../onion/index.js';
import type { Hop, MissionControl } from '../router/index.js';

/** Refusals about a hop's policy or timing: they say nothing of the channel's balance. */
export const POLICY_REFUSALS: ReadonlySet<string> = new Set(['fee-rejected', 'lock-rejected', 'expired', 'timeout', 'bad-onion']);

/**
 * The failure of hop k's sender (k = the route's length: the payee) as the payer reads it back
 * from its error onion; undefined if the onion was corrupted on the way.
 */
export function failureFrom(onion: OnionCarrier, sealed: Sealed, k: number, reason: string, amountMsat: number): Failure | undefined {
  return onion.read(sealed, onion.fail(sealed, k - 1, reason, amountMsat));
}

/**
 * Mission control: the hops before k carried their HTLCs; hop k's direction could not carry its
 * amount when the failure is about liquidity (a policy or timing refusal says nothing of it).
 * k = the route's length: the payee failed it, after every hop had carried it.
 */
export function learnFailure(mc: MissionControl | undefined, payer: string, hops: readonly Hop[], k: number, reason: string, amountMsat: number, nowMs: number): void {
  if (!mc) return;
  for (let i = 1; i < k; i++) mc.succeed(payer, hops[i]!.channelId, hops[i]!.from, hops[i]!.amountMsat);
  const failed = hops[k];
  if (k > 0 && failed && !POLICY_REFUSALS.has(reason)) mc.fail(payer, failed.channelId, failed.from, amountMsat, nowMs);
}
