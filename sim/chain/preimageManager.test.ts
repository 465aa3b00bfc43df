/**
 * The Sprites preimage manager as a built-in contract: a registration is a transaction like any
 * other (it bids a fee and waits for block space), the first one fixes the height, watchers learn
 * the preimage, and every contract call reads the registry through `registeredAt`.
 */
import { Engine, rngStream } from '../engine/index.js';
import { hashLock, preimageFromSeed } from '../crypto/index.js';
import { msat, type Height } from '../units.js';
import { Chain } from './chain.js';
import { PREIMAGE_MANAGER, registerPreimageCall } from './preimageManager.js';
import type { ChainConfig, TxSpec } from './types.js';
import { stampsOf } from './records.js';

const BLOCK = 600_000;
const R = preimageFromSeed('R');
const H = hashLock(R);

function setup(config: Partial<ChainConfig> = {}) {
  const engine = new Engine();
  const chain = new Chain(engine, { blockIntervalMs: BLOCK, fixedInterval: true, startHeight: 0, startTimestamp: 0, ...config }, rngStream(1, 'chain'));
  chain.start();
  const mine = (n = 1) => engine.run({ until: engine.now + n * BLOCK });
  const submit = (spec: Partial<TxSpec>) => {
    const r = chain.submit({ kind: 'register-preimage', feeMsat: msat(100), ...spec });
    if (!r.ok) throw r.error;
    return r.value;
  };
  const register = (preimage: Uint8Array, feeMsat = 100) => submit({ feeMsat: msat(feeMsat), call: registerPreimageCall(preimage) });
  return { engine, chain, mine, submit, register };
}

describe('the preimage manager', () => {
  it('records the height of the first registration and tells watchers after that block', () => {
    const { engine, chain, mine, register } = setup();
    const seen: string[] = [];
    chain.watchPreimage(H, (preimage, block) => seen.push(`${hashLock(preimage) === H} @${block.height} t=${engine.now}`));
    register(R);
    expect(chain.preimageRegistration(H)).toBeUndefined(); // not before it confirms
    mine();
    expect(chain.preimageRegistration(H)?.height).toBe(1);
    expect(seen).toEqual([`true @1 t=${BLOCK}`]);
  });

  it('keeps the first height when the same preimage is registered again (the second still confirms)', () => {
    const { engine, chain, mine, register } = setup();
    register(R);
    mine();
    const again = register(R);
    mine();
    expect([chain.confirmedHeight(again.id), chain.preimageRegistration(H)?.height]).toEqual([2, 1]);
    const late: string[] = [];
    chain.watchPreimage(H, (_, block) => late.push(`@${block.height} t=${engine.now}`));
    engine.run({ until: engine.now });
    expect(late).toEqual([`@1 t=${2 * BLOCK}`]); // a late watcher learns at once
  });

  it('competes for block space: a registration outbid in a full block waits for the next', () => {
    const { chain, mine, register, submit } = setup({ blockTxLimit: 1 });
    register(R, 100);
    submit({ kind: 'background', feeMsat: msat(900) });
    mine();
    expect(chain.preimageRegistration(H)).toBeUndefined();
    mine();
    expect(chain.preimageRegistration(H)?.height).toBe(2);
  });

  it('rejects a preimage that is not 32 bytes, an unknown method, and value sent to it, moving nothing', () => {
    const { chain, mine, submit } = setup();
    const coin = chain.fund('alice', msat(1_000));
    const short = submit({ call: { contractId: PREIMAGE_MANAGER, method: 'register', args: { method: 'register', preimage: R.slice(1) } } });
    const other = submit({ call: { contractId: PREIMAGE_MANAGER, method: 'withdraw', args: {} } });
    const paying = submit({ inputs: [coin], feeMsat: msat(0), call: registerPreimageCall(R) });
    mine();
    expect([short, other, paying].map((t) => stampsOf(chain.records.txs.find((r) => r.id === t.id)!).dropped)).toEqual(['contract-rejected', 'contract-rejected', 'contract-rejected']);
    expect([chain.balanceOf('alice'), chain.contractBalance(PREIMAGE_MANAGER), chain.preimageRegistration(H)]).toEqual([1_000, 0, undefined]);
    chain.recount();
  });

  it('lets a contract call in the same block see a registration that came before it in the block, not one after', () => {
    const probe = (seen: (Height | undefined)[]) => ({
      execute: (_: unknown, ctx: { registeredAt: (lock: string) => Height | undefined }) => (seen.push(ctx.registeredAt(H)), { ok: true as const, payouts: [] }),
    });
    const order = (registrationFee: number, probeFee: number) => {
      const { chain, mine, register, submit } = setup();
      const seen: (Height | undefined)[] = [];
      chain.registerContract('probe', probe(seen));
      register(R, registrationFee);
      submit({ kind: 'probe', feeMsat: msat(probeFee), call: { contractId: 'probe', method: 'look', args: {} } });
      mine();
      return seen;
    };
    expect(order(900, 100)).toEqual([1]);
    expect(order(100, 900)).toEqual([undefined]);
  });
});
