/**
 * Structural checks of a transaction at submission (STYLE §10: validate once at the boundary).
 * A spec that fails here can never be valid in any block, so `Chain.submit` refuses it as a
 * value; whatever passes is trusted afterwards, and only the chain's state (spent inputs,
 * locks, contract rules) decides later whether it confirms or is dropped.
 *
 * Balance rule (types.ts): sum(inputs) = sum(outputs) + fee + value sent into the called
 * contract. `contractFeeMsat` is not in it: the contract pays that part from its own balance. A transaction without inputs moves no simulated money: it may bid a fee (paid from
 * outside the simulation) and call a contract, but cannot create value-carrying outputs.
 */
import { fail, ok, type Outcome } from '../errors.js';
import type { Msat } from '../units.js';
import { outpointKey } from './ledger.js';
import { DEFAULT_TX_WEIGHT, type OutPoint, type TxSpec } from './types.js';

export interface CheckedSpec {
  readonly weight: number;
  /** Value the transaction sends into its contract (0 without inputs). */
  readonly valueInMsat: Msat;
}

/** What the checks need to know about the chain, kept as two lookups so that this stays pure. */
export interface SpecContext {
  /** Value of an output that exists now or will exist once a waiting parent confirms. */
  inputValue(input: OutPoint): Outcome<number>;
  hasContract(contractId: string): boolean;
}

const wholeAtLeast = (n: unknown, min: number): boolean => Number.isSafeInteger(n) && (n as number) >= min;

export function checkTxSpec(spec: TxSpec, ctx: SpecContext): Outcome<CheckedSpec> {
  const weight = spec.weight ?? DEFAULT_TX_WEIGHT;
  if (!wholeAtLeast(spec.feeMsat, 0)) return fail('negative-fee', 'submit: the fee must be whole msat ≥ 0', '≥ 0', spec.feeMsat);
  if (spec.contractFeeMsat !== undefined) {
    if (!wholeAtLeast(spec.contractFeeMsat, 0)) return fail('negative-fee', "submit: the contract's part of the fee must be whole msat ≥ 0", '≥ 0', spec.contractFeeMsat);
    if (spec.contractFeeMsat > 0 && !spec.call) return fail('fee-without-call', 'submit: only a contract call can have its contract pay part of the fee; add the call or move the fee to feeMsat');
  }
  if (!wholeAtLeast(weight, 1)) return fail('bad-weight', 'submit: the weight must be a positive integer', '> 0', weight);
  if (spec.lockTime) {
    const value = 'height' in spec.lockTime ? spec.lockTime.height : spec.lockTime.timestamp;
    if (!wholeAtLeast(value, 0)) return fail('bad-lock', 'submit: an absolute lock must be a whole height or timestamp ≥ 0', '≥ 0', value);
  }
  const inputs = spec.inputs ?? [];
  const outputs = spec.outputs ?? [];
  for (const o of outputs) {
    if (!wholeAtLeast(o.amountMsat, 0)) return fail('amounts-do-not-balance', 'submit: outputs must be whole msat ≥ 0', '≥ 0', o.amountMsat);
    if (o.relativeLockBlocks !== undefined && !wholeAtLeast(o.relativeLockBlocks, 0)) {
      return fail('bad-lock', 'submit: a relative lock must be a whole number of blocks ≥ 0', '≥ 0', o.relativeLockBlocks);
    }
  }
  if (spec.call && !ctx.hasContract(spec.call.contractId)) return fail('unknown-contract', `submit: no contract ${spec.call.contractId}; register it first`);

  let inMsat = 0;
  for (const input of inputs) {
    const value = ctx.inputValue(input);
    if (!value.ok) return value;
    inMsat += value.value;
  }
  if (new Set(inputs.map(outpointKey)).size !== inputs.length) return fail('input-spent', 'submit: an input appears twice');
  const outMsat = outputs.reduce((sum, o) => sum + o.amountMsat, 0);
  if (inputs.length === 0) {
    // Background traffic or a call paid from outside: no simulated money moves in.
    if (outMsat > 0) return fail('amounts-do-not-balance', 'submit: outputs need inputs to pay for them', 0, outMsat);
    return ok({ weight, valueInMsat: 0 as Msat });
  }
  const valueInMsat = inMsat - outMsat - spec.feeMsat;
  if (valueInMsat < 0) return fail('amounts-do-not-balance', 'submit: inputs do not cover outputs and fee', outMsat + spec.feeMsat, inMsat);
  if (valueInMsat > 0 && !spec.call) {
    return fail('value-without-call', 'submit: inputs exceed outputs and fee, but no contract receives the rest; add a change output', 0, valueInMsat);
  }
  return ok({ weight, valueInMsat: valueInMsat as Msat });
}
