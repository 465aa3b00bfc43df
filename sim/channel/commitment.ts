/**
 * Commitments: the balance sheets both parties sign (BRIEF §3). Values are frozen so a revoked
 * commitment cannot be edited into a valid one (STYLE §10).
 *
 * Every sequence exists twice (dual commitments): in party i's copy, i is the **attacker** (the
 * one who may submit it), the copy carries i's **revocation lock**, and the other party signed it
 * as **defender**. The defender's signature covers (contract id, sequence, amounts, revocation
 * lock, freeze) — the contract id prevents replay on another channel (BRIEF §2) — and, for an
 * HTLC commitment, also the hash lock, time lock and HTLC amounts (and which HTLCs are shared).
 */
import { encodePayload, sign, verify, type Signature } from '../crypto/index.js';
import type { Height, Msat, Sequence } from '../units.js';

/** Party index inside a channel: 0 or 1, in the order of `between: [a, b]`. */
export type Side = 0 | 1;
export const other = (side: Side): Side => (side === 0 ? 1 : 0);

/** A pair of amounts ordered by side. */
export type Pair = readonly [Msat, Msat];

/**
 * How long the attacker's share stays frozen as a fidelity bond after a unilateral cash:
 * a number of blocks, or block-timestamp seconds.
 */
export type Freeze = { readonly blocks: number } | { readonly seconds: number };

export interface RsmcTerms {
  readonly contractId: string;
  readonly sequence: Sequence;
  /** The settled split, by side. With HTLCs, amounts + HTLC amounts = the total deposit. */
  readonly amounts: Pair;
  /** The attacker's revocation lock for this sequence: a public key, hex. */
  readonly revocationLock: string;
  readonly freeze: Freeze;
}

/** One HTLC of a commitment: `offerer` pays `amountMsat` to the other side if shown R with sha256(R) = hashLock before `timeLock`. */
export interface HtlcTerm {
  readonly offerer: Side;
  readonly amountMsat: Msat;
  /** sha256(preimage), hex. */
  readonly hashLock: string;
  /** Before this height the HTLC pays the receiver with the preimage; at or after it, it refunds the offerer. */
  readonly timeLock: Height;
  /**
   * A Sprites-style HTLC settled by the chain's shared preimage manager: it pays its receiver,
   * whenever claimed, if R was registered in a block below `timeLock`, and refunds its offerer
   * only if R was not (htlcRules.ts). Absent for an ordinary HTLC.
   */
  readonly shared?: true;
}

/**
 * An HTLC commitment (BRIEF §2 cashHtlc). BRIEF's single HTLC is the one-element case: its
 * rsmcAmounts are `amounts` plus the refund, its htlcAmounts `amounts` plus the transfer.
 */
export interface HtlcTerms extends RsmcTerms {
  readonly htlcs: readonly HtlcTerm[];
}

export type Terms = RsmcTerms | HtlcTerms;

export const isHtlc = (terms: Terms): terms is HtlcTerms => 'htlcs' in terms && terms.htlcs.length > 0;

/** One party's copy: the terms plus the defender's signature over them. */
export interface SignedCommitment {
  readonly terms: Terms;
  readonly attacker: Side;
  readonly defenderSignature: Signature;
}

function freezeFields(freeze: Freeze): [string, number] {
  return 'blocks' in freeze ? ['blocks', freeze.blocks] : ['seconds', freeze.seconds];
}

/** The exact bytes the defender signs. */
export function commitmentPayload(terms: Terms): Uint8Array {
  const [freezeUnit, freezeValue] = freezeFields(terms.freeze);
  const base = [terms.contractId, terms.sequence, [terms.amounts[0], terms.amounts[1]], terms.revocationLock, freezeUnit, freezeValue] as const;
  if (!isHtlc(terms)) return encodePayload('pcnsim/rsmc', base);
  const htlcs = terms.htlcs.flatMap((h) => [h.offerer, h.amountMsat, h.hashLock, h.timeLock]);
  // Sheets without shared HTLCs keep their bytes (and every signature made before shared ones
  // existed); a sheet with any is signed under its own tag, with one flag per HTLC.
  if (!terms.htlcs.some((h) => h.shared === true)) return encodePayload('pcnsim/htlc', [...base, terms.htlcs.length, htlcs]);
  const shared = terms.htlcs.map((h) => (h.shared === true ? 1 : 0));
  return encodePayload('pcnsim/htlc-shared', [...base, terms.htlcs.length, htlcs, shared]);
}

/** The exact bytes the revocation lock's private key signs to prove a sequence was revoked. */
export function revocationPayload(contractId: string, sequence: Sequence): Uint8Array {
  return encodePayload('pcnsim/revocation', [contractId, sequence]);
}

/** The exact bytes both parties sign to close cooperatively. */
export function closePayload(contractId: string, amounts: Pair): Uint8Array {
  return encodePayload('pcnsim/close', [contractId, [amounts[0], amounts[1]]]);
}

export function signTerms(defenderSecretKey: Uint8Array, terms: Terms): Signature {
  return sign(defenderSecretKey, commitmentPayload(terms));
}

export function verifyTerms(signature: Signature, terms: Terms, defenderPublicKey: Uint8Array): boolean {
  return verify(signature, commitmentPayload(terms), defenderPublicKey);
}

export function freezeTerms<T extends Terms>(terms: T): T {
  Object.freeze(terms.amounts);
  if (isHtlc(terms)) {
    for (const h of terms.htlcs) Object.freeze(h);
    Object.freeze(terms.htlcs);
  }
  Object.freeze(terms.freeze);
  return Object.freeze(terms);
}

export const sumPair = (pair: Pair): number => pair[0] + pair[1];
