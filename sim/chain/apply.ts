/**
 * Applying an includable transaction to the ledger and, for a contract call, to its contract:
 * inputs spent, outputs and contract payouts created, fees collected. The contract sees the value
 * the call sends it, its own balance, the fee it is asked to pay from its funds (a justice
 * transaction's) and the preimage manager's registrations (Sprites). Nothing changes unless the
 * answer is 'include'.
 */
import type { Height, Msat, UnixSeconds } from '../units.js';
import type { Ledger } from './ledger.js';
import type { PreimageManager } from './preimageManager.js';
import type { ContractHost, OutputSpec, Tx } from './types.js';

export function applyTx(tx: Tx, height: Height, timestamp: UnixSeconds, ledger: Ledger, hosts: ReadonlyMap<string, ContractHost>, preimages: PreimageManager): 'include' | 'contract-rejected' {
  const inputs = tx.inputs ?? [];
  const outputs = tx.outputs ?? [];
  const background = inputs.length === 0;
  const inMsat = inputs.reduce((sum, i) => sum + ledger.output(i)!.spec.amountMsat, 0);
  const outMsat = outputs.reduce((sum, o) => sum + o.amountMsat, 0);
  const valueInMsat = background ? 0 : inMsat - outMsat - tx.feeMsat;
  const contractFeeMsat = tx.contractFeeMsat ?? 0;
  let payouts: readonly OutputSpec[] = [];
  if (tx.call) {
    const host = hosts.get(tx.call.contractId)!;
    const balanceMsat = ledger.contractBalance(tx.call.contractId);
    const registeredAt = (lock: string): Height | undefined => preimages.registration(lock)?.height;
    const ctx = { height, timestamp, tx, valueInMsat: valueInMsat as Msat, balanceMsat: balanceMsat as Msat, contractFeeMsat: contractFeeMsat as Msat, registeredAt };
    const result = host.execute(tx.call, ctx);
    if (!result.ok) return 'contract-rejected';
    payouts = result.payouts;
    const paid = payouts.reduce((sum, o) => sum + o.amountMsat, 0);
    // A contract that pays more than it holds (fee included) is a bug: the ledger aborts.
    ledger.setContractBalance(tx.call.contractId, balanceMsat + valueInMsat - paid - contractFeeMsat);
  }
  for (const input of inputs) ledger.spend(input, tx.id);
  [...outputs, ...payouts].forEach((spec, index) => ledger.create({ txId: tx.id, index }, spec, height));
  // A background transaction's own fee comes from outside the simulation; a contract's part is simulated money.
  ledger.collectFee((background ? 0 : tx.feeMsat) + contractFeeMsat);
  return 'include';
}
