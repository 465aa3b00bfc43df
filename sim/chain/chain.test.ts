import fc from 'fast-check';
import { runs } from '../testing/runs.js';
import { Engine, rngStream } from '../engine/index.js';
import { height, msat, type Blocks, type Msat, type TxId, type UnixSeconds } from '../units.js';
import { Chain } from './chain.js';
import type { ChainConfig, ContractHost, Tx } from './types.js';
import { stampsOf } from './records.js';

const BLOCK = 600_000;

function setup(config: Partial<ChainConfig> = {}, seed = 1) {
  const engine = new Engine();
  const chain = new Chain(engine, { blockIntervalMs: BLOCK, fixedInterval: true, startHeight: 0, startTimestamp: 1_700_000_000, ...config }, rngStream(seed, 'chain'));
  chain.start();
  const mine = (n = 1) => engine.run({ until: engine.now + n * BLOCK });
  const background = (feeMsat: number, weight = 500) => {
    const r = chain.submit({ kind: 'background', feeMsat: msat(feeMsat), weight });
    if (!r.ok) throw r.error;
    return r.value;
  };
  return { engine, chain, mine, background };
}

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: Error }): T => {
  if (!r.ok) throw r.error;
  return r.value;
};
const code = (r: ReturnType<Chain['submit']>) => (r.ok ? 'ok' : r.error.code);

describe('block production', () => {
  it('mines at fixed intervals with heights and timestamps', () => {
    const { chain, mine } = setup({ startHeight: 100 });
    mine(3);
    expect(chain.blocks().map((b) => [b.height, b.time, b.timestamp])).toEqual([
      [100, 0, 1_700_000_000],
      [101, 600_000, 1_700_000_600],
      [102, 1_200_000, 1_700_001_200],
      [103, 1_800_000, 1_700_001_800],
    ]);
  });

  it('mines at exponential intervals: reproducible per seed, with about the right mean', () => {
    const times = (seed: number) => {
      const { engine, chain } = setup({ fixedInterval: false }, seed);
      engine.run({ until: 2_000 * BLOCK });
      return chain.blocks().map((b) => b.time);
    };
    const a = times(1);
    expect(times(1)).toEqual(a);
    expect(times(2)).not.toEqual(a);
    const mean = a[a.length - 1]! / (a.length - 1);
    expect(mean).toBeGreaterThan(0.9 * BLOCK);
    expect(mean).toBeLessThan(1.1 * BLOCK);
  });
});

describe('mempool and block space', () => {
  it('confirms by fee rate, then arrival, within the transaction limit', () => {
    const { chain, mine, background } = setup({ blockTxLimit: 2 });
    const low = background(100);
    const high = background(900);
    const mid1 = background(500);
    const mid2 = background(500);
    mine();
    expect(chain.blocks()[1]!.txIds).toEqual([high.id, mid1.id]);
    mine();
    expect(chain.blocks()[2]!.txIds).toEqual([mid2.id, low.id]);
  });

  it('compares fee rates per weight unit', () => {
    const { chain, mine, background } = setup({ blockTxLimit: 1 });
    const big = background(1000, 1000); // 1 msat/WU
    const small = background(600, 400); // 1.5 msat/WU
    mine();
    expect(chain.blocks()[1]!.txIds).toEqual([small.id]);
    expect(chain.confirmations(big.id)).toBe(0);
  });

  it('fills blocks up to a weight limit, letting smaller transactions fit', () => {
    const { chain, mine, background } = setup({ blockWeightLimit: 1000 });
    const a = background(900, 600);
    const b = background(800, 600);
    const c = background(100, 400);
    mine();
    expect(chain.blocks()[1]!.txIds).toEqual([a.id, c.id]);
    expect(chain.confirmedHeight(b.id)).toBeUndefined();
  });

  it('records the peak mempool and confirmation delays', () => {
    const { chain, mine, background } = setup({ blockTxLimit: 1 });
    for (let i = 0; i < 3; i++) background(100);
    mine(3);
    expect(chain.peakMempool).toBe(3);
    expect(chain.records.txs.map((r) => stampsOf(r).confirmedHeight)).toEqual([1, 2, 3]);
    expect(chain.records.blocks.map((b) => b.mempoolAfter)).toEqual([2, 1, 0]);
  });

  it('confirms in fee-rate order under congestion (property)', () => {
    // Every confirmed transaction pays at least the fee rate of every transaction that was
    // waiting and eligible (its height lock reached) when its block was mined and was left out;
    // and a block leaves an eligible transaction out only when it is full.
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            fee: fc.integer({ min: 0, max: 10_000 }),
            weight: fc.integer({ min: 100, max: 1_000 }),
            at: fc.integer({ min: 0, max: 5 * BLOCK }),
            lockHeight: fc.option(fc.integer({ min: 1, max: 8 }), { freq: 3 }),
          }),
          { minLength: 1, maxLength: 80 },
        ),
        fc.integer({ min: 1, max: 5 }),
        (txs, limit) => {
          const { engine, chain } = setup({ blockTxLimit: limit });
          const submitted: Tx[] = [];
          for (const t of txs) {
            const lockTime = t.lockHeight === null ? {} : { lockTime: { height: height(t.lockHeight) } };
            engine.scheduleAt(t.at, () => submitted.push(ok(chain.submit({ kind: 'background', feeMsat: msat(t.fee), weight: t.weight, ...lockTime }))));
          }
          engine.run({ until: 40 * BLOCK });
          const atLeastAsGood = (a: Tx, b: Tx) => BigInt(a.feeMsat) * BigInt(b.weight) >= BigInt(b.feeMsat) * BigInt(a.weight);
          const eligibleAt = (tx: Tx, h: number) => !tx.lockTime || !('height' in tx.lockTime) || tx.lockTime.height <= h;
          for (const block of chain.blocks().slice(1)) {
            const included = block.txIds.map((id) => chain.getTx(id)!);
            // A block is mined before anything else that happens at its instant, so "waiting"
            // means submitted earlier.
            const leftOut = submitted.filter((tx) => tx.submittedAt < block.time && eligibleAt(tx, block.height) && !((chain.confirmation(tx.id)?.height ?? Infinity) <= block.height));
            for (const inc of included) for (const out of leftOut) expect(atLeastAsGood(inc, out)).toBe(true);
            if (leftOut.length > 0) expect(included).toHaveLength(limit);
          }
          expect(chain.mempoolSize).toBe(0);
        },
      ),
      { seed: 11, numRuns: runs(60) },
    );
  });

  it('builds a backlog when blocks are full by weight', () => {
    const { chain, mine, background } = setup({ blockWeightLimit: 1_000 });
    for (let i = 0; i < 7; i++) background(100, 500);
    mine(4);
    expect(chain.records.blocks.map((b) => [b.txCount, b.weight, b.mempoolAfter])).toEqual([
      [2, 1_000, 5],
      [2, 1_000, 3],
      [2, 1_000, 1],
      [1, 500, 0],
    ]);
    expect(chain.records.txs.map((r) => stampsOf(r).confirmedAt)).toEqual([1, 1, 2, 2, 3, 3, 4].map((n) => n * BLOCK));
  });
});

describe('value, locks and conflicts', () => {
  it('moves money between outputs, collects the fee, and conserves funds', () => {
    const { chain, mine } = setup();
    const coin = chain.fund('alice', msat(10_000));
    const tx = ok(chain.submit({ kind: 'pay', sender: 'alice', inputs: [coin], outputs: [{ owner: 'bob', amountMsat: msat(7_000) }, { owner: 'alice', amountMsat: msat(2_500) }], feeMsat: msat(500) }));
    mine();
    expect(chain.confirmations(tx.id)).toBe(1);
    expect([chain.balanceOf('alice'), chain.balanceOf('bob'), chain.feesCollectedMsat]).toEqual([2_500, 7_000, 500]);
    chain.recount();
  });

  it('refuses impossible transactions as values', () => {
    const { chain } = setup();
    const coin = chain.fund('alice', msat(1_000));
    expect(code(chain.submit({ kind: 'x', inputs: [{ txId: 'nope' as TxId, index: 0 }], feeMsat: msat(0) }))).toBe('unknown-input');
    expect(code(chain.submit({ kind: 'x', inputs: [coin], outputs: [{ owner: 'b', amountMsat: msat(2_000) }], feeMsat: msat(0) }))).toBe('amounts-do-not-balance');
    expect(code(chain.submit({ kind: 'x', inputs: [coin], outputs: [], feeMsat: msat(10) }))).toBe('value-without-call');
    expect(code(chain.submit({ kind: 'x', feeMsat: msat(-1) }))).toBe('negative-fee');
    expect(code(chain.submit({ kind: 'x', feeMsat: msat(0), call: { contractId: 'none', method: 'm', args: {} } }))).toBe('unknown-contract');
    expect(code(chain.submit({ kind: 'x', outputs: [{ owner: 'b', amountMsat: msat(1) }], feeMsat: msat(0) }))).toBe('amounts-do-not-balance');
  });

  it('drops a double spend as a conflict and tells its watchers', () => {
    const { chain, mine, engine } = setup();
    const coin = chain.fund('alice', msat(1_000));
    const first = ok(chain.submit({ kind: 'a', inputs: [coin], outputs: [{ owner: 'bob', amountMsat: msat(1_000) }], feeMsat: msat(0) }));
    const second = ok(chain.submit({ kind: 'b', inputs: [coin], outputs: [{ owner: 'carol', amountMsat: msat(1_000) }], feeMsat: msat(0) }));
    const seen: string[] = [];
    chain.watchDropped(second.id, (_, reason) => seen.push(`${reason}@${engine.now}`));
    chain.watchSpent(coin, (spender) => seen.push(`spent by ${spender.id}`));
    mine();
    expect(chain.confirmations(first.id)).toBe(1);
    expect(seen).toEqual([`spent by ${first.id}`, `conflict@${BLOCK}`]);
    expect(chain.balanceOf('carol')).toBe(0);
  });

  it('holds a transaction until its absolute height or timestamp lock', () => {
    const { chain, mine } = setup();
    const byHeight = ok(chain.submit({ kind: 'h', feeMsat: msat(1), lockTime: { height: height(3) } }));
    const byTime = ok(chain.submit({ kind: 't', feeMsat: msat(1), lockTime: { timestamp: (1_700_000_000 + 1_500) as UnixSeconds } }));
    mine(2);
    expect([chain.confirmedHeight(byHeight.id), chain.confirmedHeight(byTime.id)]).toEqual([undefined, undefined]);
    mine();
    expect([chain.confirmedHeight(byHeight.id), chain.confirmedHeight(byTime.id)]).toEqual([3, 3]);
  });

  it('holds a spend until the relative lock of its input has passed', () => {
    const { chain, mine } = setup();
    const coin = chain.fund('alice', msat(1_000));
    const lockTx = ok(chain.submit({ kind: 'lock', inputs: [coin], outputs: [{ owner: 'alice', amountMsat: msat(1_000), relativeLockBlocks: 5 as never }], feeMsat: msat(0) }));
    mine(); // confirmed at height 1
    const spend = ok(chain.submit({ kind: 'spend', inputs: [{ txId: lockTx.id, index: 0 }], outputs: [{ owner: 'bob', amountMsat: msat(1_000) }], feeMsat: msat(0) }));
    mine(4); // height 5: 4 blocks since
    expect(chain.confirmedHeight(spend.id)).toBeUndefined();
    mine(); // height 6: 5 blocks since
    expect(chain.confirmedHeight(spend.id)).toBe(6);
  });

  it('evicts a conflict as soon as the competing spend confirms, even from a full block\'s backlog', () => {
    const { chain, mine, background, engine } = setup({ blockTxLimit: 1 });
    const coin = chain.fund('alice', msat(10_000));
    const winner = ok(chain.submit({ kind: 'a', inputs: [coin], outputs: [{ owner: 'bob', amountMsat: msat(5_000) }], feeMsat: msat(5_000) }));
    const loser = ok(chain.submit({ kind: 'b', inputs: [coin], outputs: [{ owner: 'carol', amountMsat: msat(9_999) }], feeMsat: msat(1) }));
    const orphan = ok(chain.submit({ kind: 'c', inputs: [{ txId: loser.id, index: 0 }], outputs: [{ owner: 'dave', amountMsat: msat(9_999) }], feeMsat: msat(0) }));
    for (let i = 0; i < 3; i++) background(1_000);
    const seen: string[] = [];
    chain.watchDropped(loser.id, (_, reason) => seen.push(`${reason}@${engine.now}`));
    chain.watchDropped(orphan.id, (_, reason) => seen.push(`${reason}@${engine.now}`));
    mine();
    expect(chain.blocks()[1]!.txIds).toEqual([winner.id]);
    expect(seen).toEqual([`conflict@${BLOCK}`, `missing-input@${BLOCK}`]);
    expect(chain.records.blocks[0]!.mempoolAfter).toBe(3);
    expect(code(chain.submit({ kind: 'd', inputs: [{ txId: loser.id, index: 0 }], feeMsat: msat(0) }))).toBe('unknown-input');
  });

  it('drops the child of a transaction that lost a double spend in the same block', () => {
    const { chain, mine } = setup();
    const coin = chain.fund('alice', msat(1_000));
    const parent = ok(chain.submit({ kind: 'p', inputs: [coin], outputs: [{ owner: 'bob', amountMsat: msat(1_000) }], feeMsat: msat(0) }));
    const child = ok(chain.submit({ kind: 'c', inputs: [{ txId: parent.id, index: 0 }], outputs: [{ owner: 'carol', amountMsat: msat(900) }], feeMsat: msat(100) }));
    const rival = ok(chain.submit({ kind: 'r', inputs: [coin], outputs: [{ owner: 'dave', amountMsat: msat(500) }], feeMsat: msat(500) }));
    mine();
    const fate = (id: string) => chain.records.txs.find((r) => r.id === id)!;
    expect([stampsOf(fate(rival.id)).confirmedHeight, stampsOf(fate(parent.id)).dropped, stampsOf(fate(child.id)).dropped]).toEqual([1, 'conflict', 'missing-input']);
    expect([chain.balanceOf('dave'), chain.balanceOf('carol'), chain.feesCollectedMsat]).toEqual([500, 0, 500]);
  });

  it('refuses malformed locks', () => {
    const { chain } = setup();
    const coin = chain.fund('alice', msat(1_000));
    expect(code(chain.submit({ kind: 'x', feeMsat: msat(0), lockTime: { height: height(-1) } }))).toBe('bad-lock');
    expect(code(chain.submit({ kind: 'x', feeMsat: msat(0), lockTime: { timestamp: 1.5 as UnixSeconds } }))).toBe('bad-lock');
    expect(code(chain.submit({ kind: 'x', inputs: [coin], outputs: [{ owner: 'a', amountMsat: msat(1_000), relativeLockBlocks: -2 as Blocks }], feeMsat: msat(0) }))).toBe('bad-lock');
    expect(code(chain.submit({ kind: 'x', feeMsat: msat(0), weight: 0 }))).toBe('bad-weight');
  });

  it('lets a child follow its parent into the same block', () => {
    const { chain, mine } = setup();
    const coin = chain.fund('alice', msat(1_000));
    const parent = ok(chain.submit({ kind: 'p', inputs: [coin], outputs: [{ owner: 'bob', amountMsat: msat(1_000) }], feeMsat: msat(0) }));
    const child = ok(chain.submit({ kind: 'c', inputs: [{ txId: parent.id, index: 0 }], outputs: [{ owner: 'carol', amountMsat: msat(1_000) }], feeMsat: msat(0) }));
    mine();
    expect([chain.confirmedHeight(parent.id), chain.confirmedHeight(child.id)]).toEqual([1, 1]);
  });
});

describe('watches', () => {
  it('fire at the requested depth, height and timestamp, after the block, and can be cancelled', () => {
    const { chain, mine, background, engine } = setup();
    const tx = background(1);
    const seen: string[] = [];
    chain.watchConfirmed(tx.id, 3, (_, block) => seen.push(`depth3@${block.height}`));
    chain.watchHeight(2, (block) => seen.push(`height2@${block.height}`));
    chain.watchTimestamp(1_700_000_000 + 1_000, (block) => seen.push(`ts@${block.height}`));
    const cancelled = chain.watchHeight(2, () => seen.push('cancelled'));
    cancelled.cancel();
    mine(4);
    expect(seen).toEqual(['height2@2', 'ts@2', 'depth3@3']);
    chain.watchHeight(1, (block) => seen.push(`past@${block.height}@${engine.now}`));
    engine.run({ until: engine.now });
    expect(seen[seen.length - 1]).toBe(`past@4@${4 * BLOCK}`);
  });

  it('report where a transaction confirmed, and fire at once for a depth already reached', () => {
    const { chain, mine, background, engine } = setup();
    const tx = background(1);
    mine(3);
    expect(chain.confirmation(tx.id)).toEqual({ height: 1, block: chain.blockAt(1) });
    expect(chain.confirmations(tx.id)).toBe(3);
    expect(chain.confirmation('tx999')).toBeUndefined();
    const seen: string[] = [];
    chain.watchConfirmed(tx.id, 2, (_, block) => seen.push(`depth2@${block.height}@${engine.now}`));
    chain.watchConfirmed(tx.id, 6, (_, block) => seen.push(`depth6@${block.height}`));
    engine.run({ until: engine.now });
    expect(seen).toEqual([`depth2@3@${3 * BLOCK}`]);
    mine(3);
    expect(seen).toEqual([`depth2@3@${3 * BLOCK}`, 'depth6@6']);
  });

  it('fire at once for a spend or a drop that already happened', () => {
    const { chain, mine, engine } = setup();
    const coin = chain.fund('alice', msat(1_000));
    const spend = ok(chain.submit({ kind: 'a', inputs: [coin], outputs: [{ owner: 'bob', amountMsat: msat(1_000) }], feeMsat: msat(0) }));
    const rival = ok(chain.submit({ kind: 'b', inputs: [coin], outputs: [{ owner: 'carol', amountMsat: msat(1_000) }], feeMsat: msat(0) }));
    mine(2);
    const seen: string[] = [];
    chain.watchSpent(coin, (spender, block) => seen.push(`spent by ${spender.id}@${block.height}`));
    chain.watchDropped(rival.id, (tx, reason) => seen.push(`${tx.id} ${reason}`));
    chain.watchSpent({ txId: spend.id, index: 0 }, () => seen.push('not spent yet'));
    engine.run({ until: engine.now });
    expect(seen).toEqual([`spent by ${spend.id}@1`, `${rival.id} conflict`]);
  });
});

describe('contracts', () => {
  /** A toy escrow: accepts deposits, pays everything to 'bob' on 'release', rejects anything else. */
  function escrow(): ContractHost & { state: 'open' | 'released' } {
    return {
      state: 'open',
      execute(call, ctx) {
        if (this.state === 'open' && call.method === 'deposit') return { ok: true, payouts: [] };
        if (this.state === 'open' && call.method === 'release') {
          this.state = 'released';
          return { ok: true, payouts: [{ owner: 'bob', amountMsat: (ctx.balanceMsat + ctx.valueInMsat) as Msat }] };
        }
        return { ok: false, code: 'nope', reason: `${call.method} refused while ${this.state}` };
      },
    };
  }

  it('moves value into a contract and out through its payouts, firing contract watches', () => {
    const { chain, mine } = setup();
    chain.registerContract('escrow', escrow());
    const coin = chain.fund('alice', msat(5_000));
    const seen: string[] = [];
    chain.watchContract('escrow', (tx) => seen.push(tx.kind));
    ok(chain.submit({ kind: 'deposit', inputs: [coin], feeMsat: msat(0), call: { contractId: 'escrow', method: 'deposit', args: {} } }));
    mine();
    expect(chain.contractBalance('escrow')).toBe(5_000);
    ok(chain.submit({ kind: 'release', feeMsat: msat(0), call: { contractId: 'escrow', method: 'release', args: {} } }));
    mine();
    expect([chain.contractBalance('escrow'), chain.balanceOf('bob')]).toEqual([0, 5_000]);
    expect(seen).toEqual(['deposit', 'release']);
    chain.recount();
  });

  it('drops a rejected call with nothing moved and the contract untouched', () => {
    const { chain, mine, engine } = setup();
    const host = escrow();
    chain.registerContract('escrow', host);
    const coin = chain.fund('alice', msat(5_000));
    const seen: string[] = [];
    chain.watchContract('escrow', (tx) => seen.push(tx.kind));
    const tx = ok(chain.submit({ kind: 'bad', inputs: [coin], outputs: [{ owner: 'alice', amountMsat: msat(4_000) }], feeMsat: msat(0), call: { contractId: 'escrow', method: 'steal', args: {} } }));
    chain.watchDropped(tx.id, (_, reason) => seen.push(`${reason}@${engine.now}`));
    mine();
    expect(stampsOf(chain.records.txs.find((r) => r.id === tx.id)!).dropped).toBe('contract-rejected');
    expect([chain.balanceOf('alice'), chain.contractBalance('escrow'), chain.feesCollectedMsat, host.state]).toEqual([5_000, 0, 0, 'open']);
    expect(chain.output(coin)?.spentBy).toBeUndefined();
    expect(seen).toEqual([`contract-rejected@${BLOCK}`]);
  });

  it('aborts loudly when a contract pays out more than it holds', () => {
    const { chain, mine } = setup();
    chain.registerContract('leaky', { execute: () => ({ ok: true, payouts: [{ owner: 'x', amountMsat: msat(1) }] }) });
    ok(chain.submit({ kind: 'leak', feeMsat: msat(0), call: { contractId: 'leaky', method: 'm', args: {} } }));
    expect(() => mine()).toThrow(/this is a bug/);
  });
});

describe('censorship', () => {
  const setupCensored = (share: number) => {
    const s = setup({}, 3);
    s.chain.setMinerPolicy({ share, excludes: (tx) => tx.kind === 'penalty' });
    const target = ok(s.chain.submit({ kind: 'penalty', feeMsat: msat(1) }));
    return { ...s, target };
  };

  it('share 1 excludes the chosen transactions forever; others still confirm', () => {
    const { chain, mine, target, background } = setupCensored(1);
    const other = background(1);
    mine(50);
    expect(chain.confirmedHeight(target.id)).toBeUndefined();
    expect(chain.confirmedHeight(other.id)).toBe(1);
  });

  it('share 0 includes them at once', () => {
    const { chain, mine, target } = setupCensored(0);
    mine();
    expect(chain.confirmedHeight(target.id)).toBe(1);
  });

  it('share q delays them: over many runs about q of first blocks censor', () => {
    let delayed = 0;
    const runs = 400;
    for (let seed = 0; seed < runs; seed++) {
      const s = setup({}, seed);
      s.chain.setMinerPolicy({ share: 0.7, excludes: (tx) => tx.kind === 'penalty' });
      const t = ok(s.chain.submit({ kind: 'penalty', feeMsat: msat(1) }));
      s.mine(1);
      if (s.chain.confirmedHeight(t.id) === undefined) delayed++;
    }
    expect(delayed / runs).toBeGreaterThan(0.6);
    expect(delayed / runs).toBeLessThan(0.8);
  });
});
