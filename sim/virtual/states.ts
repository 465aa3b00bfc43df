/**
 * The off-chain states of a Perun virtual channel (BRIEF's source §6.2) and of the two ledger
 * channels it stands on, each a version signed by its two parties (no revocation: a higher
 * version outranks a lower one before the adjudicator).
 *
 * Alice–Bob (ledger α) and Bob–Carol (ledger β) are ledger channels on chain. Alice and Carol open
 * the virtual channel γ by installing a *virtual lock* in both: in α Alice locks her γ deposit
 * xA and Bob locks xC (standing in for Carol); in β Bob locks xA (standing in for Alice) and Carol
 * locks xC. With γ's final balances (a, c), a + c = xA + xC, each lock splits the same way: the
 * ledger's side 0 takes a, side 1 takes c. So Alice ends with a (α), Carol with c (β), and Bob with
 * c in α plus a in β = xA + xC, exactly what he locked: the intermediary neither gains nor loses,
 * whatever Alice and Carol paid each other.
 */
import { encodePayload, sign, verify, type KeyPair, type Signature } from '../crypto/index.js';

/** A state of γ: Alice's and Carol's balances. */
export interface VirtualVersion {
  readonly virtualId: string;
  readonly version: number;
  readonly balances: readonly [number, number];
  /** Alice's and Carol's signatures. */
  readonly signatures: readonly [Signature, Signature];
}

export interface VirtualLock {
  readonly virtualId: string;
  /** What the ledger's side 0 and side 1 locked: (xA, xC) in both ledgers. */
  readonly deposits: readonly [number, number];
  /** Block timestamp at which γ ends; its final state is settled from then on. */
  readonly validUntil: number;
  /** Alice's and Carol's public keys: only versions both signed count. */
  readonly endKeys: readonly [Uint8Array, Uint8Array];
}

/** A state of a ledger channel: the free balances and, while γ lives, its lock. */
export interface LedgerVersion {
  readonly ledgerId: string;
  readonly version: number;
  readonly balances: readonly [number, number];
  readonly lock?: VirtualLock;
  readonly signatures: readonly [Signature, Signature];
}

export const lockTotal = (l: VirtualLock | undefined): number => (l ? l.deposits[0] + l.deposits[1] : 0);
export const ledgerTotal = (v: Pick<LedgerVersion, 'balances' | 'lock'>): number => v.balances[0] + v.balances[1] + lockTotal(v.lock);

function virtualPayload(virtualId: string, version: number, balances: readonly [number, number]): Uint8Array {
  return encodePayload('pcnsim/perun-virtual', [virtualId, version, balances[0], balances[1]]);
}

function ledgerPayload(v: Omit<LedgerVersion, 'signatures'>): Uint8Array {
  const l = v.lock;
  return encodePayload('pcnsim/perun-ledger', [v.ledgerId, v.version, v.balances[0], v.balances[1], l?.virtualId ?? '', l?.deposits[0] ?? 0, l?.deposits[1] ?? 0, l?.validUntil ?? 0, l ? l.endKeys[0] : new Uint8Array(), l ? l.endKeys[1] : new Uint8Array()]);
}

export function signVirtual(virtualId: string, version: number, balances: readonly [number, number], ends: readonly [KeyPair, KeyPair]): VirtualVersion {
  const p = virtualPayload(virtualId, version, balances);
  return Object.freeze({ virtualId, version, balances, signatures: [sign(ends[0].secretKey, p), sign(ends[1].secretKey, p)] as const });
}

export function signLedger(v: Omit<LedgerVersion, 'signatures'>, parties: readonly [KeyPair, KeyPair]): LedgerVersion {
  const p = ledgerPayload(v);
  return Object.freeze({ ...v, signatures: [sign(parties[0].secretKey, p), sign(parties[1].secretKey, p)] as const });
}

export function virtualSigned(v: VirtualVersion, keys: readonly [Uint8Array, Uint8Array]): boolean {
  const p = virtualPayload(v.virtualId, v.version, v.balances);
  return verify(v.signatures[0], p, keys[0]) && verify(v.signatures[1], p, keys[1]);
}

export function ledgerSigned(v: LedgerVersion, keys: readonly [Uint8Array, Uint8Array]): boolean {
  const p = ledgerPayload(v);
  return verify(v.signatures[0], p, keys[0]) && verify(v.signatures[1], p, keys[1]);
}

/** What each side of a ledger takes: its free balance plus its share of γ's lock by γ's standing balances. */
export function ledgerPayouts(v: Pick<LedgerVersion, 'balances' | 'lock'>, gamma: readonly [number, number] | undefined): readonly [number, number] {
  const split = v.lock ? gamma ?? v.lock.deposits : [0, 0];
  return [v.balances[0] + split[0]!, v.balances[1] + split[1]!];
}
