import { InvariantError } from '../errors.js';
import { height, msat, type TxId } from '../units.js';
import { Ledger } from './ledger.js';

const op = (txId: string, index = 0) => ({ txId: txId as TxId, index });

function funded(): Ledger {
  const ledger = new Ledger();
  ledger.create(op('fund0'), { owner: 'alice', amountMsat: msat(10_000) }, height(0), true);
  // alice pays 6,000 into a contract, 3,000 to bob, 1,000 fee.
  ledger.spend(op('fund0'), 'tx1' as TxId);
  ledger.create(op('tx1'), { owner: 'bob', amountMsat: msat(3_000) }, height(1));
  ledger.setContractBalance('escrow', 6_000);
  ledger.collectFee(1_000);
  return ledger;
}

const code = (f: () => void): string | undefined => {
  try {
    f();
  } catch (e) {
    if (e instanceof InvariantError) return e.code;
    throw e;
  }
  return undefined;
};

describe('Ledger', () => {
  it('conserves supply = unspent + contracts + fees', () => {
    const ledger = funded();
    expect(code(() => ledger.recount())).toBeUndefined();
    expect([ledger.supplyMsat, ledger.balanceOf('alice'), ledger.balanceOf('bob'), ledger.contractBalance('escrow'), ledger.feesMsat]).toEqual([10_000, 0, 3_000, 6_000, 1_000]);
  });

  it('throws when a total is corrupted', () => {
    const ledger = funded();
    ledger.feesMsat += 1;
    expect(code(() => ledger.check())).toBe('chain-not-conserved');
  });

  it('recount catches an output edited behind the running totals', () => {
    const ledger = funded();
    (ledger.output(op('tx1'))!.spec as { amountMsat: number }).amountMsat = 3_001;
    expect(code(() => ledger.check())).toBeUndefined(); // the O(1) check trusts the totals…
    expect(code(() => ledger.recount())).toBe('ledger-totals'); // …the recount does not
  });

  it('refuses a double spend, a negative contract balance and a fractional output', () => {
    const ledger = funded();
    expect(code(() => ledger.spend(op('fund0'), 'tx2' as TxId))).toBe('double-spend');
    expect(code(() => ledger.setContractBalance('escrow', -1))).toBe('contract-overdrawn');
    expect(code(() => ledger.create(op('tx3'), { owner: 'x', amountMsat: msat(0.5) }, height(1)))).toBe('bad-output');
  });
});
