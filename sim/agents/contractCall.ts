/**
 * A party's call into a contract on the chain, paying its fee (and any value it puts in) from
 * its wallet; the coins are released if the transaction is dropped. Shared by the stories that
 * drive pure contracts (sim/statechannel, sim/virtual).
 */
import type { Wallet } from './wallet.js';
import type { Msat, UnixSeconds } from '../units.js';
import type { Chain } from '../chain/index.js';

export interface CallOutcome {
  /** Set when the call could not even be broadcast (wallet short, refused by the mempool). */
  readonly refused?: string;
  readonly txId?: string;
}

export function callContract(
  chain: Chain,
  wallet: Wallet,
  contractId: string,
  input: { readonly kind: string },
  feeMsat: Msat,
  opts: { readonly valueMsat?: number; readonly notBefore?: number; readonly kindPrefix: string; readonly onConfirmed?: () => void; readonly onDropped?: (reason: string) => void },
): CallOutcome {
  const coins = wallet.take((opts.valueMsat ?? 0) + feeMsat);
  if (!coins) return { refused: `cannot ${input.kind}: wallet too small` };
  const sent = chain.submit({
    kind: `${opts.kindPrefix}-${input.kind}`,
    sender: wallet.owner,
    inputs: coins.inputs,
    outputs: coins.change ? [coins.change] : [],
    feeMsat,
    ...(opts.notBefore !== undefined ? { lockTime: { timestamp: opts.notBefore as UnixSeconds } } : {}),
    call: { contractId, method: input.kind, args: input },
  });
  if (!sent.ok) return { refused: `${input.kind} refused: ${sent.error.message}` };
  if (opts.onConfirmed) chain.watchConfirmed(sent.value.id, 1, () => opts.onConfirmed!());
  chain.watchDropped(sent.value.id, (_, reason) => {
    wallet.release(coins.inputs);
    opts.onDropped?.(reason);
  });
  return { txId: sent.value.id };
}
