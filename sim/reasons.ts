/**
 * Why a payment failed: the one catalogue of `PaymentRecord.reason` values (report.json's
 * `payments.failures`, payments.csv's `reason`). README's "Failure reasons" table is generated
 * from it (`npm run docs`), and a test keeps the two equal.
 */
import { InvariantError } from './errors.js';

export const FAILURE_REASONS = {
  'no-route': 'the payer found no route with enough capacity, or none left after excluding the channels that failed',
  'insufficient-balance': "a hop's sender (or a direct payer) would fall below its reserve",
  'too-many-htlcs': "a channel direction already carries its maximum of HTLCs in flight (maxHtlcs, BOLT #2 max_accepted_htlcs)",
  'in-flight-limit': 'the value in flight on a channel direction would exceed maxInFlight',
  'below-min-htlc': "the HTLC is smaller than the channel's minHtlc",
  'fee-rejected': 'a forwarder refused: the fee left to it is below the policy it applies now (a stale route)',
  'lock-rejected': "a forwarder refused: the lock margin is below its cltv delta (a stale route)",
  expired: 'a hop refused a lock too close to expiry to go on chain in time',
  timeout: 'the payer abandoned an attempt still setting up after paymentTimeout',
  held: "the payee (a jammer) held the HTLCs and failed them",
  'unknown-payment': "the payee does not know the payment's hash (a probe: BOLT #4 incorrect_or_unknown_payment_details)",
  'mpp-timeout': 'a multi-part payment: the payee failed the parts it held because they did not add up to the total within the MPP timeout (BOLT #4 mpp_timeout)',
  'payer-offline': 'the payer was offline or not answering: it signs nothing',
  'peer-offline': 'the next hop (or the payee of a direct payment) was offline or not answering',
  'channel-not-open': "the channel's deposits have not confirmed yet",
  'channel-closing': 'the channel is shutting down or closing: it takes no new payment',
  'duplicate-htlc': "an HTLC of this payment's hash is still pending on that channel direction (an earlier attempt stuck there)",
  'payee-unpaid': "the payee's HTLC failed or expired without paying it",
  'htlc-timed-out': "the payer's HTLC was refunded on chain after its expiry",
  'htlc-taken': "the payer's HTLC was taken on chain by a penalty",
  failed: 'an HTLC was failed back with no reason given',
  'state-limit': 'a one-way channel has used all the states its refund lock allows',
  'wrong-direction': 'a one-way channel pays only from its payer to its payee',
  'bad-amount': 'the amount is not a positive whole number of msat',
  'not-a-party': 'the payer is not a party of the channel',
  stuck: 'the run ended before the payment resolved (its HTLCs are still pending)',
} as const;

export type FailureReason = keyof typeof FAILURE_REASONS;

/** `code` as a failure reason; a code outside the catalogue is a bug (a new outcome nobody described). */
export function failureReason(code: string): FailureReason {
  if (!Object.hasOwn(FAILURE_REASONS, code)) throw new InvariantError('unknown-failure-reason', `payment failed with '${code}', which sim/reasons.ts does not describe (this is a bug)`);
  return code as FailureReason;
}

/** How a payment ended, and why: the status and the reason go together (`PaymentRecord`). */
export type PaymentResult =
  | { readonly status: 'succeeded'; readonly reason: '' }
  | { readonly status: 'failed'; readonly reason: Exclude<FailureReason, 'stuck'> }
  | { readonly status: 'stuck'; readonly reason: 'stuck' };

/** `status` with `reason` as a PaymentResult; a pair that does not go together is a bug. */
export function paymentResult(status: PaymentResult['status'], reason: FailureReason | ''): PaymentResult {
  const fits = status === 'succeeded' ? reason === '' : status === 'stuck' ? reason === 'stuck' : reason !== '' && reason !== 'stuck';
  if (!fits) throw new InvariantError('payment-result', `a payment ${status} with reason '${reason}' (this is a bug)`);
  return { status, reason } as PaymentResult;
}

/** README's table of failure reasons, generated from the catalogue. */
export function failureReasonsTable(): string {
  const rows = Object.entries(FAILURE_REASONS).map(([code, why]) => `| \`${code}\` | ${why} |`);
  return ['| reason | meaning |', '|---|---|', ...rows].join('\n');
}
