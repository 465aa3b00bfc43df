/**
 * Test vocabulary for the pure virtual-bank contract (channel/contract.ts): Alice (side 0) and
 * Bob (side 1) with fixed keys and revocation seeds, a contract funded 100 000 + 100 000 msat,
 * signed copies of any sheet, revocation proofs, and call contexts at a given height.
 */
import { keyPairFromSeed, revocationLock, sign, toHex } from '../crypto/index.js';
import type { Outcome } from '../errors.js';
import { type CallContext, construct, type ContractRules, freezeTerms, type HtlcTerm, type Pair, type RegisteredAt, revocationPayload, type Side, type SignedCommitment, signTerms, step, type Step, type Terms, type VirtualBank } from '../channel/index.js';
import { height, msat, sequence, type Msat, type UnixSeconds } from '../units.js';

export const alice = keyPairFromSeed('alice');
export const bob = keyPairFromSeed('bob');
export const keys = [alice, bob] as const;
export const revocationSeeds = [new TextEncoder().encode('alice-rev'), new TextEncoder().encode('bob-rev')] as const;
export const parties = { nodes: ['alice', 'bob'] as const, keys: [alice.publicKey, bob.publicKey] as const };
export const pair = (a: number, b: number): Pair => [msat(a), msat(b)];

export interface CallOptions {
  readonly valueInMsat?: number;
  readonly contractFeeMsat?: number;
  readonly registeredAt?: RegisteredAt;
}

/** A call by `caller` in the block at height `h` (timestamps 600 s apart). */
export function ctx(caller: string, h = 100, options: CallOptions = {}): CallContext {
  return {
    caller,
    height: height(h),
    timestamp: (1_700_000_000 + h * 600) as UnixSeconds,
    valueInMsat: msat(options.valueInMsat ?? 0),
    ...(options.contractFeeMsat !== undefined ? { contractFeeMsat: msat(options.contractFeeMsat) } : {}),
    ...(options.registeredAt ? { registeredAt: options.registeredAt } : {}),
  };
}

export function expectOk(outcome: Outcome<Step>): Step {
  if (!outcome.ok) throw new Error(`expected ok, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

export function expectCode(outcome: Outcome<unknown>, code: string): void {
  expect(outcome.ok ? 'ok' : outcome.error.code).toBe(code);
}

export function funding(id = 'alice-bob', rules: ContractRules = 'virtual-bank'): VirtualBank {
  const c = construct(id, parties, pair(100_000, 100_000), rules);
  if (!c.ok) throw c.error;
  return c.value;
}

/** Both deposits paid in block 1. */
export function running(id = 'alice-bob', rules: ContractRules = 'virtual-bank'): VirtualBank {
  let state = funding(id, rules);
  state = expectOk(step(state, { method: 'deposit' }, ctx('alice', 1, { valueInMsat: 100_000 }))).state;
  return expectOk(step(state, { method: 'deposit' }, ctx('bob', 1, { valueInMsat: 100_000 }))).state;
}

export interface CopyOptions {
  readonly id?: string;
  readonly freezeBlocks?: number;
  readonly htlcs?: readonly HtlcTerm[];
}

/** `attacker`'s copy of sequence `seq`, signed by the defender. */
export function signedCopy(attacker: Side, seq: number, amounts: Pair, options: CopyOptions = {}): SignedCommitment {
  const terms: Terms = freezeTerms({
    contractId: options.id ?? 'alice-bob',
    sequence: sequence(seq),
    amounts,
    revocationLock: toHex(revocationLock(revocationSeeds[attacker], sequence(seq)).publicKey),
    freeze: { blocks: options.freezeBlocks ?? 144 },
    ...(options.htlcs ? { htlcs: options.htlcs.map((h) => ({ ...h })) } : {}),
  });
  return { terms, attacker, defenderSignature: signTerms(keys[attacker === 0 ? 1 : 0].secretKey, terms) };
}

/** The proof that `attacker` revoked sequence `seq`: a signature by that sequence's revocation key. */
export const revocationProof = (attacker: Side, seq: number, id = 'alice-bob') =>
  sign(revocationLock(revocationSeeds[attacker], sequence(seq)).secretKey, revocationPayload(id, sequence(seq)));

/** An HTLC term: `offerer` pays `amountMsat` under `lock` until `timeLock`. */
export const htlc = (offerer: Side, amountMsat: number, lock: string, timeLock: number, shared = false): HtlcTerm => ({
  offerer,
  amountMsat: amountMsat as Msat,
  hashLock: lock,
  timeLock: height(timeLock),
  ...(shared ? { shared: true as const } : {}),
});
