/**
 * A fee paid by the called contract out of the money it holds (`TxSpec.contractFeeMsat`): the
 * miner collects it, the mempool ranks by the whole fee, the ledger still balances
 * (supply = unspent + contracts + fees), and a contract cannot pay more than it holds.
 */
import { Engine, rngStream } from '../engine/index.js';
import { InvariantError } from '../errors.js';
import { msat, type Msat } from '../units.js';
import { Chain } from './chain.js';
import type { ChainConfig, ContractHost, TxSpec } from './types.js';
import { stampsOf } from './records.js';

const BLOCK = 600_000;

/** Takes deposits; 'sweep' pays args.amountMsat to 'bob' and the asked fee from what it holds; 'refuse' is rejected. */
const sweeper: ContractHost = {
  execute(call, ctx) {
    if (call.method === 'deposit') return { ok: true, payouts: [] };
    if (call.method === 'sweep') return { ok: true, payouts: [{ owner: 'bob', amountMsat: (call.args as { amountMsat: Msat }).amountMsat }] };
    return { ok: false, code: 'refused', reason: `${call.method} with fee ${ctx.contractFeeMsat}` };
  },
};

function setup(config: Partial<ChainConfig> = {}) {
  const engine = new Engine();
  const chain = new Chain(engine, { blockIntervalMs: BLOCK, fixedInterval: true, startHeight: 0, startTimestamp: 0, ...config }, rngStream(1, 'chain'));
  chain.registerContract('sweeper', sweeper);
  chain.start();
  const mine = (n = 1) => engine.run({ until: engine.now + n * BLOCK });
  const submit = (spec: Partial<TxSpec>) => {
    const r = chain.submit({ kind: 'x', feeMsat: msat(0), ...spec });
    if (!r.ok) throw r.error;
    return r.value;
  };
  const sweep = (amountMsat: number, contractFeeMsat: number, extra: Partial<TxSpec> = {}) =>
    submit({ kind: 'penalty', contractFeeMsat: msat(contractFeeMsat), call: { contractId: 'sweeper', method: 'sweep', args: { amountMsat } }, ...extra });
  // 10 000 msat into the contract, confirmed in block 1.
  const coin = chain.fund('alice', msat(10_000));
  submit({ kind: 'deposit', inputs: [coin], call: { contractId: 'sweeper', method: 'deposit', args: {} } });
  mine();
  return { engine, chain, mine, submit, sweep };
}

describe('a fee paid by the contract', () => {
  it('goes to the miner out of the contract balance; the record shows the whole fee and its contract part', () => {
    const { chain, mine, sweep } = setup();
    const tx = sweep(9_700, 300, { feeMsat: msat(0) });
    mine();
    expect([chain.contractBalance('sweeper'), chain.balanceOf('bob'), chain.feesCollectedMsat]).toEqual([0, 9_700, 300]);
    expect(chain.records.txs.find((r) => r.id === tx.id)).toMatchObject({ feeMsat: 300, contractFeeMsat: 300, confirmedHeight: 2 });
    chain.recount(); // 10 000 funded = 0 unspent elsewhere + 9 700 (bob) + 0 (contract) + 300 (fees)
  });

  it('adds to a fee paid by the inputs; the mempool ranks by the whole fee', () => {
    const { chain, mine, sweep, submit } = setup({ blockTxLimit: 1 });
    const coin = chain.fund('carol', msat(1_000));
    // 100 from carol's coin + 400 from the contract = 500 over 561 WU, against 450 over 561 WU.
    const mixed = sweep(5_000, 400, { feeMsat: msat(100), inputs: [coin], outputs: [{ owner: 'carol', amountMsat: msat(900) }] });
    const rival = submit({ kind: 'background', feeMsat: msat(450) });
    mine();
    expect(chain.blockAt(2)!.txIds).toEqual([mixed.id]);
    expect(chain.records.txs.find((r) => r.id === mixed.id)).toMatchObject({ feeMsat: 500, contractFeeMsat: 400 });
    // carol 900 + bob 5 000 + contract 4 600 + fees 500 (the background fee comes from outside) = 11 000 funded.
    expect([chain.balanceOf('carol'), chain.balanceOf('bob'), chain.contractBalance('sweeper'), chain.feesCollectedMsat]).toEqual([900, 5_000, 4_600, 500]);
    expect(chain.confirmedHeight(rival.id)).toBeUndefined();
    chain.recount();
  });

  it('is counted as simulated money even on a call without inputs (unlike a background fee)', () => {
    const { chain, mine, sweep } = setup();
    sweep(0, 1_000, { feeMsat: msat(50) });
    mine();
    expect([chain.contractBalance('sweeper'), chain.feesCollectedMsat]).toEqual([9_000, 1_000]);
    chain.recount();
  });

  it('moves nothing when the contract rejects the call', () => {
    const { chain, mine, submit } = setup();
    const tx = submit({ contractFeeMsat: msat(300), call: { contractId: 'sweeper', method: 'refuse', args: {} } });
    mine();
    expect(stampsOf(chain.records.txs.find((r) => r.id === tx.id)!).dropped).toBe('contract-rejected');
    expect([chain.contractBalance('sweeper'), chain.feesCollectedMsat]).toEqual([10_000, 0]);
  });

  it('aborts loudly when a contract agrees to pay more than it holds (payouts plus fee)', () => {
    const { mine, sweep } = setup();
    sweep(9_800, 300);
    let error: unknown;
    try {
      mine();
    } catch (e) {
      error = e;
    }
    expect((error as InvariantError).code).toBe('contract-overdrawn');
  });

  it('refuses at submission a contract fee without a call, or not whole msat ≥ 0', () => {
    const { chain } = setup();
    const code = (spec: TxSpec) => {
      const r = chain.submit(spec);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code({ kind: 'x', feeMsat: msat(0), contractFeeMsat: msat(1) })).toBe('fee-without-call');
    const call = { contractId: 'sweeper', method: 'sweep', args: { amountMsat: 0 } };
    expect(code({ kind: 'x', feeMsat: msat(0), contractFeeMsat: msat(-1), call })).toBe('negative-fee');
    expect(code({ kind: 'x', feeMsat: msat(0), contractFeeMsat: msat(1.5), call })).toBe('negative-fee');
    expect(code({ kind: 'x', feeMsat: msat(0), contractFeeMsat: msat(0) })).toBe('ok');
  });
});
