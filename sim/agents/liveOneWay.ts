/**
 * A one-way channel (BRIEF §5 example 5) as its two parties live it. The payer funds it; each
 * payment is a new state signed by the payer, valid on the chain one block earlier than the
 * state before. The honest payee keeps one settlement plan: when the chain reaches the newest
 * state's lock, it submits that state (re-aimed at every payment, since each new state unlocks
 * earlier). The payer reclaims everything with the refund if nothing settled before its lock.
 */
import type { OutPoint, Tx } from '../chain/index.js';
import { constructOneWay, type CryptoMode, type OneWay, oneWayHost, type OneWayHost, type OneWayInput, oneWayPayload, type OneWayTerms, type Pair, type PartySecrets, type Transition, validFrom } from '../channel/index.js';

type OneWayTransition = Transition<OneWay, OneWayInput>;
import { sign, verify, type Signature } from '../crypto/index.js';
import { fail, invariant, ok, type Outcome } from '../errors.js';
import type { Height, Msat } from '../units.js';
import type { ChannelEventInput } from './records.js';
import { rejectedIn, submitCall } from './submit.js';
import { recordEvent, type World } from './world.js';

export interface LiveOneWaySpec {
  readonly id: string;
  /** [payer, payee]. */
  readonly nodes: readonly [string, string];
  readonly depositMsat: Msat;
  readonly refundBlocks: number;
  readonly payer: PartySecrets;
  readonly coin: OutPoint;
  readonly confirmations: number;
  readonly mode: CryptoMode;
  /** Fee each party bids on its channel transactions, paid from its wallet. */
  readonly txFeeMsat?: number;
}

export class LiveOneWay {
  readonly host: OneWayHost;
  /** states[k] is the split of state k; state 0 is the refund. */
  private readonly states: Pair[];
  readonly nodes: readonly [string, string];
  /** full mode: the payer's signature on the newest state, checked by the payee. */
  private newestSignature: Signature | undefined;
  private usable = false;
  private settlePlan: { cancel(): void } | undefined;

  constructor(
    private readonly world: World,
    private readonly spec: LiveOneWaySpec,
  ) {
    const contract = constructOneWay(spec.id, spec.nodes, spec.payer.funding.publicKey, spec.depositMsat, spec.refundBlocks);
    if (!contract.ok) throw contract.error;
    this.host = oneWayHost(contract.value);
    this.host.onTransition((t) => this.record(t));
    this.states = [[spec.depositMsat, 0 as Msat]];
    this.nodes = spec.nodes;
  }

  get id(): string {
    return this.spec.id;
  }

  get isUsable(): boolean {
    return this.usable;
  }

  /** The newest state number. */
  get state(): number {
    return this.states.length - 1;
  }

  get balances(): Pair {
    return this.states[this.state]!;
  }

  open(): void {
    const { chain } = this.world;
    chain.registerContract(this.id, this.host);
    const tx = this.submit(0, 'deposit', { method: 'fund' }, [this.spec.coin]);
    chain.watchConfirmed(tx.id, Math.max(1, this.spec.confirmations), () => {
      this.usable = true;
      this.event({ kind: 'open', node: this.spec.nodes[0], amountMsat: this.spec.depositMsat });
      this.planRefund();
      this.planSettlement();
    });
  }

  /** The payer moves `amountMsat` more to the payee: state k+1, valid one block earlier. */
  pay(payer: string, amountMsat: Msat): Outcome<number> {
    if (payer !== this.spec.nodes[0]) return fail('wrong-direction', `pay: ${this.id} only pays from ${this.spec.nodes[0]} to ${this.spec.nodes[1]}`);
    if (!this.usable) return fail('channel-not-open', `pay: channel ${this.id} is not open`);
    // Only an online, answering party signs (the payer its state, the payee its acknowledgement).
    if (!this.world.availability(payer).isResponsive(this.world.engine.now)) return fail('payer-offline', `pay: ${payer} is offline or not answering`);
    if (!this.world.availability(this.spec.nodes[1]).isResponsive(this.world.engine.now)) return fail('peer-offline', `pay: ${this.spec.nodes[1]} is offline or not answering`);
    if (this.state >= this.spec.refundBlocks) return fail('state-limit', `pay: ${this.id} holds at most ${this.spec.refundBlocks} states`, this.spec.refundBlocks, this.state + 1);
    const [payerShare, payeeShare] = this.balances;
    if (!Number.isSafeInteger(amountMsat) || amountMsat <= 0) return fail('bad-amount', 'pay: the amount must be positive whole msat');
    if (payerShare < amountMsat) return fail('insufficient-balance', `pay: ${payer} has ${payerShare} msat left`, amountMsat, payerShare);
    const next: Pair = Object.freeze([(payerShare - amountMsat) as Msat, (payeeShare + amountMsat) as Msat]) as Pair;
    if (this.spec.mode === 'full') {
      const terms = this.terms(this.state + 1, next);
      const signature = sign(this.spec.payer.funding.secretKey, oneWayPayload(terms));
      invariant(verify(signature, oneWayPayload(terms), this.spec.payer.funding.publicKey), 'bad-own-signature', `${this.id}: payer signature does not verify`);
      this.newestSignature = signature;
    }
    this.states.push(next);
    this.event({ kind: 'pay', node: payer, sequence: this.state, amountMsat });
    this.planSettlement();
    return ok(this.state);
  }

  /** Submits state `k` (default: the newest) with its absolute lock; cheating if k is older. */
  broadcast(node: string, k: number = this.state): Outcome<Tx> {
    const side = node === this.spec.nodes[0] ? 0 : node === this.spec.nodes[1] ? 1 : undefined;
    if (side === undefined) return fail('not-a-party', `broadcast: ${node} is not a party of ${this.id}`);
    const split = this.states[k];
    if (!split) return fail('unknown-sequence', `broadcast: ${this.id} has no state ${k}`, `0..${this.state}`, k);
    const state = this.host.state;
    if (state.phase !== 'Open') return fail('channel-not-open', `broadcast: ${this.id} is ${state.phase}`);
    this.usable = false;
    const terms = this.terms(k, split);
    const payerSignature = k === this.state && this.newestSignature ? this.newestSignature : sign(this.spec.payer.funding.secretKey, oneWayPayload(terms));
    const lockTime = { height: validFrom(state.openHeight, this.spec.refundBlocks, k) as Height };
    return ok(this.submit(side, k === 0 ? 'refund' : 'settle', { method: 'settle', terms, payerSignature }, [], lockTime));
  }

  holdings(node: string): number {
    const side = node === this.spec.nodes[0] ? 0 : node === this.spec.nodes[1] ? 1 : undefined;
    if (side === undefined) return 0;
    switch (this.host.state.phase) {
      case 'Funding':
        return 0; // the payer's coin is still its own on the chain until the funding confirms
      case 'Open':
        return this.balances[side];
      case 'Closed':
        return 0;
    }
  }

  /** The payee settles the newest state as soon as its lock opens (if online then). */
  private planSettlement(): void {
    const state = this.host.state;
    if (state.phase !== 'Open' || this.state === 0) return;
    this.settlePlan?.cancel();
    const at = validFrom(state.openHeight, this.spec.refundBlocks, this.state);
    // Submit when the block before the lock is mined, so the settlement can enter block `at`.
    this.settlePlan = this.world.chain.watchHeight((at - 1) as Height, () => this.whenOnline(1, () => this.broadcast(this.spec.nodes[1])));
  }

  /** The payer reclaims everything once the refund's lock opens, if nothing settled before. */
  private planRefund(): void {
    const state = this.host.state;
    if (state.phase !== 'Open') return;
    const at = validFrom(state.openHeight, this.spec.refundBlocks, 0);
    this.world.chain.watchHeight((at - 1) as Height, () => this.whenOnline(0, () => this.host.state.phase === 'Open' && this.broadcast(this.spec.nodes[0], 0)));
  }

  private whenOnline(side: 0 | 1, action: () => void): void {
    const { engine } = this.world;
    const back = this.world.availability(this.spec.nodes[side]).nextOnline(engine.now);
    if (back > engine.now) engine.scheduleAt(back, () => this.whenOnline(side, action));
    else action();
  }

  private terms(k: number, amounts: Pair): OneWayTerms {
    return Object.freeze({ contractId: this.id, state: k, amounts });
  }

  private submit(side: 0 | 1, kind: string, args: OneWayInput, inputs: readonly OutPoint[] = [], lockTime?: { height: Height }): Tx {
    const sender = this.spec.nodes[side];
    const feeMsat = this.spec.txFeeMsat ?? 0;
    return submitCall(this.world, { contractId: this.id, sender, kind, args, inputs, feeMsat, ...(lockTime ? { lockTime } : {}) }, rejectedIn(this.world));
  }

  private record(t: OneWayTransition): void {
    if (t.input.method !== 'settle' || t.after.phase !== 'Closed') return;
    const { state: k, amounts } = t.input.terms;
    if (k < this.state) {
      // An older state won the race: the payee lost what the newer states had added.
      this.event({ kind: 'cheat-succeeded', node: t.caller, sequence: k, amountMsat: this.balances[1] - amounts[1], height: t.height });
    } else {
      this.event({ kind: k === 0 ? 'refund' : 'settle', node: t.caller, sequence: k, amountMsat: amounts[k === 0 ? 0 : 1], height: t.height });
    }
  }

  private event(e: ChannelEventInput): void {
    recordEvent(this.world, this.id, e);
  }
}
