/**
 * Where on-chain money is: unspent outputs and contract balances, plus the fees collected by
 * miners. Conservation: supply (money that entered through `fund`) = unspent outputs +
 * contract balances + fees collected. Running totals make the check O(1) after every block;
 * `recount()` verifies the totals against the items themselves.
 */
import { InvariantError, invariant } from '../errors.js';
import type { Height, Msat, TxId } from '../units.js';
import type { OutPoint, OutputSpec } from './types.js';

export interface LedgerOutput {
  readonly outpoint: OutPoint;
  readonly spec: OutputSpec;
  /** Height of the block that confirmed the creating transaction. */
  readonly createdHeight: Height;
  spentBy?: TxId;
}

export const outpointKey = (o: OutPoint): string => `${o.txId}:${o.index}`;

export class Ledger {
  private readonly outputs = new Map<string, LedgerOutput>();
  private readonly unspentByOwner = new Map<string, Set<string>>();
  private readonly contracts = new Map<string, number>();
  supplyMsat = 0;
  feesMsat = 0;
  private unspentMsat = 0;
  private contractMsat = 0;

  output(outpoint: OutPoint): LedgerOutput | undefined {
    return this.outputs.get(outpointKey(outpoint));
  }

  /** Adds an output (money moved, or entering through `fund` when `mint` is true). */
  create(outpoint: OutPoint, spec: OutputSpec, createdHeight: Height, mint = false): void {
    const key = outpointKey(outpoint);
    // Messages built only on failure: these run for every output, spend and contract call.
    if (!(Number.isSafeInteger(spec.amountMsat) && spec.amountMsat >= 0)) throw new InvariantError('bad-output', `output ${key} amount must be whole msat ≥ 0`, '≥ 0', spec.amountMsat);
    // spentBy declared at once: a field added later lives in a separate property array (62,000 spent coins on a real snapshot).
    this.outputs.set(key, { outpoint, spec, createdHeight, spentBy: undefined });
    let owned = this.unspentByOwner.get(spec.owner);
    if (!owned) this.unspentByOwner.set(spec.owner, (owned = new Set()));
    owned.add(key);
    this.unspentMsat += spec.amountMsat;
    if (mint) this.supplyMsat += spec.amountMsat;
  }

  spend(outpoint: OutPoint, by: TxId): void {
    const key = outpointKey(outpoint);
    const out = this.outputs.get(key);
    if (out === undefined || out.spentBy !== undefined) throw new InvariantError('double-spend', `output ${key} is missing or already spent`);
    out.spentBy = by;
    this.unspentByOwner.get(out.spec.owner)?.delete(key);
    this.unspentMsat -= out.spec.amountMsat;
  }

  contractBalance(id: string): number {
    return this.contracts.get(id) ?? 0;
  }

  setContractBalance(id: string, balanceMsat: number): void {
    if (!(Number.isSafeInteger(balanceMsat) && balanceMsat >= 0)) throw new InvariantError('contract-overdrawn', `contract ${id} would hold ${balanceMsat} msat`, '≥ 0', balanceMsat);
    this.contractMsat += balanceMsat - this.contractBalance(id);
    this.contracts.set(id, balanceMsat);
  }

  collectFee(feeMsat: number): void {
    this.feesMsat += feeMsat;
  }

  unspentOf(owner: string): OutPoint[] {
    return [...(this.unspentByOwner.get(owner) ?? [])].map((key) => this.outputs.get(key)!.outpoint);
  }

  balanceOf(owner: string): Msat {
    let sum = 0;
    for (const key of this.unspentByOwner.get(owner) ?? []) sum += this.outputs.get(key)!.spec.amountMsat;
    return sum as Msat;
  }

  /** Throws InvariantError unless supply = unspent + contracts + fees (running totals). */
  check(): void {
    const held = this.unspentMsat + this.contractMsat + this.feesMsat;
    invariant(held === this.supplyMsat, 'chain-not-conserved', 'on-chain funds not conserved: supply ≠ unspent + contracts + fees', this.supplyMsat, held);
  }

  /** Recomputes the totals from every output and contract, and checks them. */
  recount(): void {
    let unspent = 0;
    for (const out of this.outputs.values()) if (out.spentBy === undefined) unspent += out.spec.amountMsat;
    let contracts = 0;
    for (const balance of this.contracts.values()) contracts += balance;
    invariant(unspent === this.unspentMsat && contracts === this.contractMsat, 'ledger-totals', 'ledger running totals disagree with a recount', [this.unspentMsat, this.contractMsat], [unspent, contracts]);
    this.check();
  }
}
