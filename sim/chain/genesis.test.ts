import { Engine, rngStream } from '../engine/index.js';
import { msat } from '../units.js';
import { Chain } from './chain.js';
import type { OutPoint } from './types.js';

const BLOCK = 600_000;

/**
 * Three payments and their watches, confirmed by the genesis block or by an ordinary first block:
 * the callbacks must run in the same order; the genesis block fires them in one event per level.
 */
function confirm(genesis: boolean): { log: string[]; events: number } {
  const engine = new Engine();
  const chain = new Chain(engine, { blockIntervalMs: BLOCK, fixedInterval: true, startHeight: 0, startTimestamp: 1_700_000_000 }, rngStream(1, 'chain'));
  const log: string[] = [];
  const coins: OutPoint[] = ['a', 'b', 'c'].map((owner) => chain.fund(owner, msat(1_000)));
  coins.forEach((coin, i) => {
    const r = chain.submit({ kind: 'pay', sender: 'x', inputs: [coin], outputs: [{ owner: 'z', amountMsat: msat(1_000) }], feeMsat: msat(0) });
    if (!r.ok) throw r.error;
    chain.watchConfirmed(r.value.id, 1, () => {
      log.push(`confirmed ${i}`);
      // Fired at once (the height is reached) from inside a batch: waits for the next one, or is cancelled.
      const handle = chain.watchHeight(1, () => log.push(`reached ${i}`));
      if (i === 1) handle.cancel();
    });
    chain.watchSpent(coin, () => log.push(`spent ${i}`));
  });
  chain.watchHeight(1, () => log.push('height 1'));
  if (genesis) chain.mineGenesis(() => true);
  chain.start();
  engine.run({ until: genesis ? 0 : BLOCK });
  return { log, events: engine.eventsProcessed };
}

describe('the genesis block', () => {
  it('fires its watches in the order an ordinary block does, in one trigger event per level', () => {
    const ordinary = confirm(false);
    const genesis = confirm(true);
    expect(ordinary.log).toEqual(['spent 0', 'spent 1', 'spent 2', 'height 1', 'confirmed 0', 'confirmed 1', 'confirmed 2', 'reached 0', 'reached 2']);
    expect(genesis.log).toEqual(ordinary.log);
    // The block, 3 spent, 1 height, 3 confirmation watches asking for the height, 3 confirmed, 2 reached (one cancelled).
    expect(ordinary.events).toBe(1 + 3 + 1 + 3 + 3 + 2);
    // One batch per level: the watches, the heights they ask for, the heights asked from there.
    expect(genesis.events).toBe(3);
  });
});
