/**
 * Submitting a contract call from a party, and recording a refusal: shared by the live channel
 * kinds. A structurally impossible transaction is a bug in pcnsim (the runtime builds them),
 * so `submit` refusing one throws; a call the contract rejects at inclusion is an outcome.
 */
import { type AbsoluteLock, type ContractCall, type DropReason, type OutPoint, PREIMAGE_MANAGER, registerPreimageCall, type Tx } from '../chain/index.js';
import { weightOf } from '../channel/index.js';
import { InvariantError } from '../errors.js';
import type { Msat } from '../units.js';
import { recordEvent, type World } from './world.js';

export interface CallSpec {
  readonly contractId: string;
  readonly sender: string;
  /** Report label: 'deposit', 'cash-rsmc', 'penalty', … */
  readonly kind: string;
  readonly args: { readonly method: string };
  readonly inputs?: readonly OutPoint[];
  readonly lockTime?: AbsoluteLock;
  /** Public data revealed on confirmation (e.g. a preimage). */
  readonly data?: unknown;
  /** Fee bid, paid from the sender's wallet; if the wallet is short the call goes without a fee. */
  readonly feeMsat?: number;
  /** Whose wallet pays the fee, if not the sender's (a watchtower broadcasting for its client). */
  readonly feePayer?: string;
  /**
   * More fee, paid by the contract out of the money the call takes from it (chain
   * `TxSpec.contractFeeMsat`): an altruist tower's justice fee comes out of the swept funds.
   */
  readonly contractFeeMsat?: number;
  /** Weight units (sim/channel/weights.ts `weightOf`); default: the chain's DEFAULT_TX_WEIGHT. */
  readonly weight?: number;
}

const NONE: readonly never[] = Object.freeze([]);

export function submitCall(world: World, spec: CallSpec, onDropped: (tx: Tx, reason: DropReason) => void): Tx {
  const wallet = world.wallet(spec.feePayer ?? spec.sender);
  const paid = spec.feeMsat ? wallet.take(spec.feeMsat) : undefined;
  const result = world.chain.submit({
    kind: spec.kind,
    sender: spec.sender,
    // No new lists when the wallet pays nothing (every deposit): transactions are never changed.
    inputs: paid ? [...(spec.inputs ?? []), ...paid.inputs] : spec.inputs ?? NONE,
    outputs: paid?.change ? [paid.change] : NONE,
    feeMsat: (paid ? spec.feeMsat : 0) as Msat,
    call: callOf(spec),
    // The chain reads an undefined field as an absent one.
    lockTime: spec.lockTime || undefined,
    data: spec.data,
    contractFeeMsat: (spec.contractFeeMsat || undefined) as Msat | undefined,
    weight: spec.weight,
  });
  // The message is built only on failure (this runs for every transaction).
  if (!result.ok) throw new InvariantError('submit-refused', `${spec.contractId}: the chain refused a ${spec.kind} transaction: ${result.error.message}`);
  // Without coins to release, the caller's callback is the watch itself (no closure per deposit).
  world.chain.watchDropped(
    result.value.id,
    paid
      ? (tx, reason) => {
          wallet.release(paid.inputs);
          onDropped(tx, reason);
        }
      : onDropped,
  );
  return result.value;
}

let lastCall: ContractCall | undefined;

/**
 * The same call as the last submission's when it is equal (same contract, same arguments object):
 * a channel's two deposits, submitted one after the other, share one (1.5 MB on a real snapshot).
 * Calls are never changed.
 */
function callOf(spec: CallSpec): ContractCall {
  if (lastCall !== undefined && lastCall.contractId === spec.contractId && lastCall.args === spec.args) return lastCall;
  return (lastCall = { contractId: spec.contractId, method: spec.args.method, args: spec.args });
}

const rejections = new WeakMap<World, (tx: Tx, reason: DropReason) => void>();

/**
 * Records a dropped call into a channel's contract as that channel's 'rejected' event: one
 * callback per world, not a closure per submission (a real snapshot's opening submits 62,000).
 */
export function rejectedIn(world: World): (tx: Tx, reason: DropReason) => void {
  let rejected = rejections.get(world);
  if (!rejected) rejections.set(world, (rejected = (tx, reason) => recordEvent(world, tx.call!.contractId, { kind: 'rejected', node: tx.sender!, txKind: tx.kind, code: reason })));
  return rejected;
}

/**
 * `node` registers `preimage` with the chain's preimage manager (Sprites): once confirmed below a
 * shared HTLC's time lock, it settles that HTLC at every hop. Registered once per lock; everyone
 * learns R when the registration confirms.
 */
export function registerPreimage(world: World, node: string, preimage: Uint8Array, lock: string, feeMsat: number): void {
  if (!world.preimages.startRegistering(lock) || world.chain.preimageRegistration(lock)) return;
  submitCall(world, { contractId: PREIMAGE_MANAGER, sender: node, kind: 'register-preimage', args: registerPreimageCall(preimage).args as { method: string }, feeMsat, weight: weightOf('register-preimage') }, () =>
    world.preimages.stopRegistering(lock),
  );
  world.chain.watchPreimage(lock, (shown) => world.preimages.publish(shown, lock, world.chain.height));
}

/** How a live channel submits a call into its contract (liveChannel.ts `submit`). */
export interface SubmitOptions {
  readonly inputs?: readonly OutPoint[];
  readonly lockTime?: AbsoluteLock;
  /** Whose wallet pays the fee, if not the sender's (a reward watchtower). */
  readonly feePayer?: string;
  /** Fee bid from the payer's wallet; default: the channel's `txFee`. */
  readonly feeMsat?: number;
  /** Fee paid by the contract from the funds the call sweeps (an altruist tower's justice fee). */
  readonly contractFeeMsat?: number;
  /** HTLC outputs the transaction carries or sweeps (its weight). */
  readonly htlcs?: number;
  readonly onDropped?: () => void;
}
