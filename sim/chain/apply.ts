/**
 * Applying an includable transaction to the ledger and, for a contract call, to its contract:
 * inputs spent, outputs and contract payouts created, fees collected. The contract sees the value
 * the call sends it, its own balance, the fee it is asked to pay from its funds (a justice
 * transaction's) and the preimage manager's registrations (Sprites). Nothing changes unless the
 * answer is 'include'.
 */
import type { Height, Msat, UnixSeconds } from '../units.js';
import type { Ledger } from './ledger.js';
import type { ContractHost, OutputSpec, Tx } from './types.js';

export function applyTx(tx: Tx, height: Height, timestamp: UnixSeconds, ledger: Ledger, hosts: ReadonlyMap<string, ContractHost>, registeredAt: RegisteredAt): 'include' | 'contract-rejected' {
  // Loops, not reduce/spread closures: every transaction comes here (62,000 deposits in one genesis block).
  const inputs = tx.inputs ?? NONE;
  const outputs = tx.outputs ?? NONE;
  const background = inputs.length === 0;
  let inMsat = 0;
  for (const input of inputs) inMsat += ledger.output(input)!.spec.amountMsat;
  const outMsat = sumOf(outputs);
  const valueInMsat = background ? 0 : inMsat - outMsat - tx.feeMsat;
  const contractFeeMsat = tx.contractFeeMsat ?? 0;
  let payouts: readonly OutputSpec[] = NONE;
  if (tx.call) {
    const host = hosts.get(tx.call.contractId)!;
    const balanceMsat = ledger.contractBalance(tx.call.contractId);
    const ctx = { height, timestamp, tx, valueInMsat: valueInMsat as Msat, balanceMsat: balanceMsat as Msat, contractFeeMsat: contractFeeMsat as Msat, registeredAt };
    const result = host.execute(tx.call, ctx);
    if (!result.ok) return 'contract-rejected';
    payouts = result.payouts;
    // A contract that pays more than it holds (fee included) is a bug: the ledger aborts.
    ledger.setContractBalance(tx.call.contractId, balanceMsat + valueInMsat - sumOf(payouts) - contractFeeMsat);
  }
  for (const input of inputs) ledger.spend(input, tx.id);
  for (let i = 0; i < outputs.length; i++) ledger.create({ txId: tx.id, index: i }, outputs[i]!, height);
  for (let i = 0; i < payouts.length; i++) ledger.create({ txId: tx.id, index: outputs.length + i }, payouts[i]!, height);
  // A background transaction's own fee comes from outside the simulation; a contract's part is simulated money.
  ledger.collectFee((background ? 0 : tx.feeMsat) + contractFeeMsat);
  return 'include';
}

/** The preimage manager's first registration height of a lock (made once per chain, not per call). */
export type RegisteredAt = (lock: string) => Height | undefined;

const NONE: readonly never[] = Object.freeze([]);

function sumOf(outputs: readonly OutputSpec[]): number {
  let sum = 0;
  for (const o of outputs) sum += o.amountMsat;
  return sum;
}
