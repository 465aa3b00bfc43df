/**
 * The hash-time-locked output of a cross-chain atomic swap (TX1 on one chain, TX3 on the other)
 * as a pure contract: `stepLock(state, input, ctx)` returns the next state and its payouts, or a
 * ProtocolError with a stable code. `PureContractHost` (sim/channel/host.ts) puts it on a chain.
 *
 *            lock (by the funder, exactly `amountMsat`)
 *   Unfunded ──────────────────────────────────────────► Locked
 *   Locked ── claim(R), SHA-256(R) = hashLock, by the recipient ──► Claimed    amount − fee → recipient,
 *                                                                             R public on this chain
 *   Locked ── refund, by the funder, block timestamp ≥ refundAt ──► Refunded   amount − fee → funder
 *
 * As in the Bitcoin script `IF SHA256 H EQUALVERIFY <B> ELSE <t> CLTV DROP <A> ENDIF CHECKSIG`,
 * the claim path never expires: after `refundAt` both paths are open and the first to confirm
 * wins. The refund is the pre-signed TX2/TX4, time-locked to `refundAt` (its nLockTime), so it
 * cannot even enter a block before then. Sides: 0 the funder, 1 the recipient.
 */
import { opens, toHex } from '../crypto/index.js';
import { fail, invariant, ok, type Outcome } from '../errors.js';
import type { HostContext, HostPayout } from '../channel/index.js';
import type { Msat, UnixSeconds } from '../units.js';

export interface LockTerms {
  readonly id: string;
  /** Who locks the coins and gets them back after `refundAt` (side 0). */
  readonly funder: string;
  /** Who may claim them with the preimage (side 1). */
  readonly recipient: string;
  readonly amountMsat: Msat;
  readonly hashLock: string;
  /** Block timestamp from which the refund is valid. */
  readonly refundAt: UnixSeconds;
}

export type SwapLock =
  | (LockTerms & { readonly phase: 'Unfunded' })
  | (LockTerms & { readonly phase: 'Locked' })
  | (LockTerms & { readonly phase: 'Claimed'; readonly preimageHex: string })
  | (LockTerms & { readonly phase: 'Refunded' });

/** Claim and refund pay their fee out of the locked coins (`feeMsat`), as a real spend of the output does. */
export type LockInput =
  | { readonly kind: 'lock' }
  | { readonly kind: 'claim'; readonly preimage: Uint8Array; readonly feeMsat: Msat }
  | { readonly kind: 'refund'; readonly feeMsat: Msat };

interface LockStep {
  readonly state: SwapLock;
  readonly payouts: readonly HostPayout[];
  readonly feeMsat?: Msat;
}

const feeFits = (s: SwapLock, feeMsat: number): boolean => Number.isSafeInteger(feeMsat) && feeMsat >= 0 && feeMsat <= s.amountMsat;
const badFee = (s: SwapLock, feeMsat: number): Outcome<LockStep> => fail('bad-fee', `swap lock ${s.id}: the fee must be whole msat within the locked amount`, `0..${s.amountMsat}`, feeMsat);
const wrong = (s: SwapLock, input: LockInput): Outcome<LockStep> => fail('wrong-phase', `swap lock ${s.id}: ${input.kind} is not possible while ${s.phase}`, 'Locked', s.phase);

export function newLock(terms: LockTerms): SwapLock {
  invariant(Number.isSafeInteger(terms.amountMsat) && terms.amountMsat > 0, 'bad-lock', `swap lock ${terms.id}: amount must be whole msat > 0`);
  return Object.freeze({ ...terms, phase: 'Unfunded' });
}

export function stepLock(s: SwapLock, input: LockInput, ctx: Pick<HostContext, 'caller' | 'timestamp' | 'valueInMsat'>): Outcome<LockStep> {
  switch (input.kind) {
    case 'lock':
      if (s.phase !== 'Unfunded') return wrong(s, input);
      if (ctx.caller !== s.funder) return fail('not-funder', `swap lock ${s.id}: only ${s.funder} funds it`, s.funder, ctx.caller);
      if (ctx.valueInMsat !== s.amountMsat) return fail('wrong-amount', `swap lock ${s.id}: expected exactly the agreed amount`, s.amountMsat, ctx.valueInMsat);
      return ok({ state: Object.freeze({ ...s, phase: 'Locked' }), payouts: [] });
    case 'claim':
      if (s.phase !== 'Locked') return wrong(s, input);
      if (ctx.caller !== s.recipient) return fail('not-recipient', `swap lock ${s.id}: only ${s.recipient} may claim`, s.recipient, ctx.caller);
      if (!opens(s.hashLock, input.preimage)) return fail('wrong-preimage', `swap lock ${s.id}: the preimage does not open the hash lock`);
      if (!feeFits(s, input.feeMsat)) return badFee(s, input.feeMsat);
      return ok({ state: Object.freeze({ ...s, phase: 'Claimed', preimageHex: toHex(input.preimage) }), payouts: [{ side: 1, amountMsat: (s.amountMsat - input.feeMsat) as Msat }], feeMsat: input.feeMsat });
    case 'refund':
      if (s.phase !== 'Locked') return wrong(s, input);
      if (ctx.caller !== s.funder) return fail('not-funder', `swap lock ${s.id}: only ${s.funder} takes the refund`, s.funder, ctx.caller);
      if (ctx.timestamp < s.refundAt) return fail('too-early', `swap lock ${s.id}: the refund is time-locked`, s.refundAt, ctx.timestamp);
      if (!feeFits(s, input.feeMsat)) return badFee(s, input.feeMsat);
      return ok({ state: Object.freeze({ ...s, phase: 'Refunded' }), payouts: [{ side: 0, amountMsat: (s.amountMsat - input.feeMsat) as Msat }], feeMsat: input.feeMsat });
  }
}

/** Money the lock holds by its own books. */
export const lockHeldMsat = (s: SwapLock): number => (s.phase === 'Locked' ? s.amountMsat : 0);
