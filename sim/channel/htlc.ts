/**
 * HTLC updates inside one channel (BRIEF §3, BOLT #2): add, fulfill and fail. Each is one
 * update of the sheet (sequence + 1), so a payment that is added then fulfilled advances the
 * sequence by two, as the BRIEF says. Several HTLCs may be in flight at once, within limits:
 * at most `maxHtlcs` offered per direction, at most `maxInFlightMsat` offered value, and the
 * offerer keeps its channel reserve (1% of capacity, so a cheater always has something to lose).
 */
import { hashLock as hashOf } from '../crypto/index.js';
import { fail, type Outcome } from '../errors.js';
import type { Height, Msat, Sequence } from '../units.js';
import { other, type HtlcTerm, type Side } from './commitment.js';
import type { Channel } from './protocol.js';
import { MAX_HTLCS, RESERVE_PPM } from '../defaults.js';

export interface HtlcLimits {
  /** HTLCs offered per direction at once (BOLT #2: at most 483). */
  readonly maxHtlcs: number;
  readonly maxInFlightMsat: number;
  /** The smallest HTLC the receiver accepts (BOLT #2 htlc_minimum_msat). */
  readonly minHtlcMsat: number;
  /** Reserve as a fraction of capacity in parts per million (10 000 = 1%). */
  readonly reservePpm: number;
  /** A reserve set as an amount (BOLT #2 channel_reserve_satoshis, an imported file's), overriding `reservePpm`. */
  readonly reserveMsat?: number;
}

export const DEFAULT_LIMITS: HtlcLimits = { maxHtlcs: MAX_HTLCS, maxInFlightMsat: Number.MAX_SAFE_INTEGER, minHtlcMsat: 1, reservePpm: RESERVE_PPM };

export function reserveMsat(channel: Channel, limits: HtlcLimits): number {
  return limits.reserveMsat ?? Math.floor((channel.totalMsat * limits.reservePpm) / 1_000_000);
}

export function htlcsOf(channel: Channel): readonly HtlcTerm[] {
  return channel.sheet(channel.sequence)?.htlcs ?? [];
}

/** `offerer` offers `amountMsat` to the other side under `hashLock` until `timeLock`. */
export function addHtlc(channel: Channel, offerer: Side, amountMsat: Msat, hashLock: string, timeLock: Height, limits: HtlcLimits = DEFAULT_LIMITS, shared = false): Outcome<Sequence> {
  if (!Number.isSafeInteger(amountMsat) || amountMsat <= 0) return fail('bad-amount', 'addHtlc: the amount must be positive whole msat', '> 0', amountMsat);
  if (amountMsat < limits.minHtlcMsat) return fail('below-min-htlc', `addHtlc: HTLCs below ${limits.minHtlcMsat} msat are refused`, limits.minHtlcMsat, amountMsat);
  const htlcs = htlcsOf(channel);
  // One pass, no filtered copy: an add comes with every hop of every payment.
  let offered = 0;
  let inFlight = 0;
  for (const h of htlcs) {
    if (h.offerer !== offerer) continue;
    if (h.hashLock === hashLock) return fail('duplicate-htlc', 'addHtlc: an HTLC with this hash lock is already offered this way');
    offered++;
    inFlight += h.amountMsat;
  }
  if (offered >= limits.maxHtlcs) return fail('too-many-htlcs', `addHtlc: ${limits.maxHtlcs} HTLCs already in flight`, limits.maxHtlcs, offered + 1);
  if (inFlight + amountMsat > limits.maxInFlightMsat) return fail('in-flight-limit', 'addHtlc: too much value in flight', limits.maxInFlightMsat, inFlight + amountMsat);
  const balance = channel.balances[offerer];
  const reserve = reserveMsat(channel, limits);
  if (balance - amountMsat < reserve) return fail('insufficient-balance', `addHtlc: ${channel.nodes[offerer]} would fall below its reserve`, amountMsat + reserve, balance);
  const amounts: [Msat, Msat] = [channel.balances[0], channel.balances[1]];
  amounts[offerer] = (balance - amountMsat) as Msat;
  // Sprites: a shared HTLC is settled by its preimage registered in time (channel/htlcRules.ts).
  const htlc: HtlcTerm = shared ? { offerer, amountMsat, hashLock, timeLock, shared: true } : { offerer, amountMsat, hashLock, timeLock };
  return channel.update({ amounts, htlcs: [...htlcs, htlc] });
}

/** The receiver shows the preimage: the HTLC's amount moves to it. */
export function fulfillHtlc(channel: Channel, offerer: Side, preimage: Uint8Array): Outcome<Sequence> {
  // The HTLC is found by the preimage's own hash: that is the check that R opens it (one SHA-256, not two).
  const lock = hashOf(preimage);
  const htlc = htlcsOf(channel).find((h) => h.offerer === offerer && h.hashLock === lock);
  if (!htlc) return fail('unknown-htlc', 'fulfillHtlc: no HTLC opened by this preimage');
  return settle(channel, htlc, other(offerer));
}

/** The HTLC is withdrawn: its amount returns to the offerer. */
export function failHtlc(channel: Channel, offerer: Side, hashLock: string): Outcome<Sequence> {
  const htlc = htlcsOf(channel).find((h) => h.offerer === offerer && h.hashLock === hashLock);
  if (!htlc) return fail('unknown-htlc', 'failHtlc: no such HTLC');
  return settle(channel, htlc, offerer);
}

function settle(channel: Channel, htlc: HtlcTerm, to: Side): Outcome<Sequence> {
  const amounts: [Msat, Msat] = [channel.balances[0], channel.balances[1]];
  amounts[to] = (amounts[to] + htlc.amountMsat) as Msat;
  return channel.update({ amounts, htlcs: htlcsOf(channel).filter((h) => h !== htlc) });
}
