/**
 * The off-chain RSMC protocol between the two parties of one channel (BRIEF §3).
 *
 * Each update from sequence N to N+1:
 *   1. both sides draw their revocation locks for N+1 (public keys from their own seeds);
 *   2. each side, as **defender**, signs the other side's copy of N+1 (the defender signs first
 *      and may refuse a sheet: amounts that are negative or do not sum to the deposit);
 *   3. each side checks the signature it received on its own copy;
 *   4. both hand over the secrets of their sequence-N locks, revoking N; each side stores the
 *      other's secrets in a shachain store (O(log n) space) and checks them against the locks
 *      it signed.
 *
 * Crypto modes: `full` does all of the above on every update. `lazy` only records the sheet:
 * signatures are deterministic (RFC 6979) and secrets derive from the parties' seeds, so a copy
 * built when it is about to reach the chain is byte-identical to the one `full` would have kept.
 *
 * The channel validates an update completely before changing anything, so a rejected update
 * leaves it untouched.
 */
import {
  keyPairFromSecret,
  revocationLock,
  revocationSecret,
  sign,
  ShachainStore,
  toHex,
  type KeyPair,
  type Signature,
} from '../crypto/index.js';
import { fail, invariant, ok, type Outcome } from '../errors.js';
import { sequence as toSequence, type Msat, type Sequence } from '../units.js';
import {
  closePayload,
  freezeTerms,
  other,
  revocationPayload,
  signTerms,
  sumPair,
  verifyTerms,
  type Freeze,
  type HtlcTerm,
  type Pair,
  type Side,
  type SignedCommitment,
  type Terms,
} from './commitment.js';
import { checkChannel } from './invariants.js';

export type CryptoMode = 'full' | 'lazy';

/** What only one party knows. */
export interface PartySecrets {
  /** Signs commitments (as defender) and cooperative closes. */
  readonly funding: KeyPair;
  /** Seed of the party's revocation secrets (BOLT #3 shachain). */
  readonly revocationSeed: Uint8Array;
}

/** A sheet: the settled amounts of one sequence and the HTLCs in flight (amounts + HTLCs = deposit). */
export interface Sheet {
  readonly amounts: Pair;
  readonly htlcs?: readonly HtlcTerm[];
}

export interface ChannelConfig {
  readonly id: string;
  readonly nodes: readonly [string, string];
  readonly deposits: Pair;
  readonly freeze: Freeze;
  readonly secrets: readonly [PartySecrets, PartySecrets];
  readonly mode: CryptoMode;
  /**
   * Whether the parties keep the sheets of revoked sequences (default true). A party that may
   * cheat keeps them, to broadcast one; honest parties need only the newest, as real nodes do,
   * and a long run that drops them keeps its memory flat.
   */
  readonly keepRevoked?: boolean;
}

export class Channel {
  readonly id: string;
  readonly nodes: readonly [string, string];
  readonly deposits: Pair;
  readonly freeze: Freeze;
  readonly mode: CryptoMode;
  readonly totalMsat: number;
  private readonly secrets: readonly [PartySecrets, PartySecrets];
  private newest: Sheet;
  private seq: Sequence = toSequence(1);
  /** The sheets of revoked sequences, kept when a party may cheat: revoked[s - 1] is sequence s. */
  private readonly revoked: Sheet[] | undefined;
  /** full mode: each side's verified copy of the newest sequence. */
  private copies: readonly [SignedCommitment, SignedCommitment] | undefined;
  /** full mode: the secrets each side received from the other (revealed[i] holds the other's); lazy mode keeps none. */
  private readonly revealed: readonly [ShachainStore, ShachainStore] | undefined;

  constructor(config: ChannelConfig) {
    this.id = config.id;
    this.nodes = config.nodes;
    this.deposits = config.deposits;
    this.freeze = config.freeze;
    this.mode = config.mode;
    this.secrets = config.secrets;
    this.totalMsat = sumPair(config.deposits);
    this.newest = { amounts: config.deposits };
    this.revoked = config.keepRevoked === false ? undefined : [];
    this.revealed = this.mode === 'full' ? [new ShachainStore(), new ShachainStore()] : undefined;
    if (this.mode === 'full') this.copies = this.signBoth(toSequence(1));
  }

  /** The newest sequence (only it is valid). */
  get sequence(): Sequence {
    return this.seq;
  }

  /** The newest sheet's amounts, by side. */
  get balances(): Pair {
    return this.newest.amounts;
  }

  sideOf(node: string): Side | undefined {
    return this.nodes[0] === node ? 0 : this.nodes[1] === node ? 1 : undefined;
  }

  /** The sheet of `seq`: the newest, or a revoked one if the parties keep them. */
  sheet(seq: Sequence): Sheet | undefined {
    return seq === this.seq ? this.newest : this.revoked?.[seq - 1];
  }

  /** Revoked: older than the newest; both sides hold the other's secret for it. */
  isRevoked(seq: Sequence): boolean {
    return seq >= 1 && seq < this.sequence;
  }

  /** An RSMC payment of `amountMsat` from side `payer` to the other side: one new sequence. */
  pay(payer: Side, amountMsat: Msat): Outcome<Sequence> {
    if (!Number.isSafeInteger(amountMsat) || amountMsat <= 0) return fail('bad-amount', 'pay: the amount must be positive whole msat', '> 0', amountMsat);
    const current = this.balances;
    if (current[payer] < amountMsat) return fail('insufficient-balance', `pay: ${this.nodes[payer]} has ${current[payer]} msat`, amountMsat, current[payer]);
    const amounts: [Msat, Msat] = [current[0], current[1]];
    amounts[payer] = (amounts[payer] - amountMsat) as Msat;
    amounts[other(payer)] = (amounts[other(payer)] + amountMsat) as Msat;
    // HTLCs in flight stay as they are: a direct payment only moves settled balance.
    const htlcs = this.newest.htlcs;
    return this.update(htlcs ? { amounts, htlcs } : { amounts });
  }

  /** Moves to a new sheet (sequence + 1) by the four steps above. */
  update(next: Sheet): Outcome<Sequence> {
    // A loop, not arrays of the parts: every hop of every payment updates two sheets.
    const a = next.amounts[0];
    const b = next.amounts[1];
    let sum = a + b;
    let whole = isAmount(a) && isAmount(b);
    const htlcs = next.htlcs ?? [];
    for (let i = 0; i < htlcs.length; i++) {
      sum += htlcs[i]!.amountMsat;
      whole &&= isAmount(htlcs[i]!.amountMsat);
    }
    if (!whole || sum !== this.totalMsat) {
      return fail('amounts-mismatch', `update: the sheet must be whole msat summing to ${this.totalMsat}`, this.totalMsat, sum);
    }
    const from = this.sequence;
    const to = toSequence(from + 1);
    const copies = this.mode === 'full' ? this.signBoth(to, next) : undefined;
    if (copies && this.revealed) {
      // Step 4: revoke `from`. Each side checks the secret it receives against the lock it signed.
      for (const side of [0, 1] as const) {
        const secret = revocationSecret(this.secrets[side].revocationSeed, from);
        const lock = toHex(keyPairFromSecret(secret).publicKey);
        invariant(lock === this.lockOf(side, from), 'revocation-mismatch', `channel ${this.id}: revealed secret does not match the lock`);
        const stored = this.revealed[other(side)].insert(revocationIndex(from), secret);
        invariant(stored, 'shachain-inconsistent', `channel ${this.id}: ${this.nodes[side]}'s secrets are inconsistent`);
      }
    }
    this.revoked?.push(this.newest);
    this.newest = freezeSheet(next);
    this.seq = to;
    this.copies = copies;
    checkChannel(this.id, next.amounts, sum - sumPair(next.amounts), this.totalMsat);
    return ok(to);
  }

  /**
   * Side `attacker`'s copy of sequence `seq`, signed by the other side as defender: what the
   * attacker would submit to cashRsmc / cashHtlc. Any sequence the attacker ever held is
   * available, revoked or not: a cheater keeps its old copies.
   */
  copy(attacker: Side, seq: Sequence): SignedCommitment | undefined {
    const sheet = this.sheet(seq);
    if (!sheet) return undefined;
    if (this.copies && seq === this.sequence) return this.copies[attacker];
    const terms = this.terms(attacker, seq, sheet);
    return Object.freeze({ terms, attacker, defenderSignature: signTerms(this.secrets[other(attacker)].funding.secretKey, terms) });
  }

  /**
   * The defender's proof that the attacker revoked `seq`: a signature over (contract id,
   * sequence) by the attacker's revocation lock, rebuilt from the secret the attacker revealed.
   * Undefined when `seq` has not been revoked (no secret was handed over).
   */
  revocationProof(defender: Side, seq: Sequence): Signature | undefined {
    if (!this.isRevoked(seq)) return undefined;
    const attacker = other(defender);
    const secret =
      this.revealed
        ? this.revealed[defender].derive(revocationIndex(seq))
        : revocationSecret(this.secrets[attacker].revocationSeed, seq);
    invariant(secret !== undefined, 'missing-revocation-secret', `channel ${this.id}: no secret for revoked sequence ${seq}`);
    return sign(keyPairFromSecret(secret).secretKey, revocationPayload(this.id, seq));
  }

  /** Side `side`'s signature on a cooperative close at the newest balances. */
  closeSignature(side: Side, amounts: Pair = this.balances): Signature {
    return sign(this.secrets[side].funding.secretKey, closePayload(this.id, amounts));
  }

  private lockOf(side: Side, seq: Sequence): string {
    return toHex(revocationLock(this.secrets[side].revocationSeed, seq).publicKey);
  }

  private terms(attacker: Side, seq: Sequence, sheet: Sheet): Terms {
    const base = { contractId: this.id, sequence: seq, amounts: sheet.amounts, revocationLock: this.lockOf(attacker, seq), freeze: this.freeze };
    return freezeTerms(sheet.htlcs && sheet.htlcs.length > 0 ? { ...base, htlcs: sheet.htlcs } : base);
  }

  /** Steps 1–3: both copies of `seq`, each signed by its defender and checked by its attacker. */
  private signBoth(seq: Sequence, sheet: Sheet = this.newest): readonly [SignedCommitment, SignedCommitment] {
    return ([0, 1] as const).map((attacker) => {
      const defender = other(attacker);
      const terms = this.terms(attacker, seq, sheet);
      const defenderSignature = signTerms(this.secrets[defender].funding.secretKey, terms);
      invariant(
        verifyTerms(defenderSignature, terms, this.secrets[defender].funding.publicKey),
        'bad-own-signature',
        `channel ${this.id}: ${this.nodes[defender]}'s signature on sequence ${seq} does not verify`,
      );
      return Object.freeze({ terms, attacker, defenderSignature });
    }) as unknown as readonly [SignedCommitment, SignedCommitment];
  }
}

const isAmount = (msat: number): boolean => Number.isSafeInteger(msat) && msat >= 0;

/** BOLT #3 counts commitment numbers down from 2^48 − 1; pcnsim's sequences count up from 1. */
export function revocationIndex(seq: Sequence): number {
  return 2 ** 48 - 1 - seq;
}

function freezeSheet(sheet: Sheet): Sheet {
  Object.freeze(sheet.amounts);
  if (sheet.htlcs) Object.freeze(sheet.htlcs.map((h) => Object.freeze(h)));
  return Object.freeze(sheet);
}
