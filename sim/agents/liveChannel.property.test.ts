/**
 * Properties of BRIEF §3 on the simulated chain, for random payment sequences and a random
 * broadcast of any sequence:
 * - a watched cheater (revoked sequence, defender online) always loses its whole bond;
 * - an honest broadcast (the newest sequence) pays both sides their newest balances;
 * - funds are conserved throughout: on-chain coins + channel holdings = what was deposited.
 */
import fc from 'fast-check';
import { runs } from '../testing/runs.js';
import { simulate } from '../testing/world.js';

const payment = fc.record({ fromAlice: fc.boolean(), amount: fc.integer({ min: 1, max: 60 }) });

describe('RSMC channel on the chain (property)', () => {
  it('watched cheaters lose the bond, honest broadcasts pay the newest balances, funds are conserved', () => {
    fc.assert(
      fc.property(
        fc.array(payment, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.boolean(),
        fc.constantFrom('full' as const, 'lazy' as const),
        (payments, pick, aliceBroadcasts, crypto) => {
          const sim = simulate({ channels: [{ between: ['alice', 'bob'], deposit: [100, 100] }], crypto });
          sim.mineBlocks(3);
          for (const p of payments) {
            sim.pay(p.fromAlice ? 'alice' : 'bob', p.fromAlice ? 'bob' : 'alice', p.amount); // may fail: insufficient balance
            expect(sim.balance('alice') + sim.balance('bob')).toBe(200);
          }
          const live = sim.channel('alice-bob');
          const newest = live.channel.sequence;
          const newestBalances = live.channel.balances.map((m) => m / 1000);
          const seq = 1 + (pick % newest);
          const [attacker, defender] = aliceBroadcasts ? ['alice', 'bob'] : ['bob', 'alice'];
          const attackerSide = aliceBroadcasts ? 0 : 1;
          const revokedShare = live.channel.sheet(seq as never)!.amounts[attackerSide] / 1000;

          expect(sim.cheat(attacker, 'alice-bob', seq).ok).toBe(true);
          sim.mineBlocks(1);
          expect(sim.balance('alice') + sim.balance('bob')).toBe(200);
          sim.mineBlocks(200);
          expect(sim.balance('alice') + sim.balance('bob')).toBe(200);
          expect(sim.chain.balanceOf('alice') + sim.chain.balanceOf('bob')).toBe(200_000);

          if (seq < newest) {
            // Watched cheater: the defender ends with everything, the attacker with nothing.
            expect(sim.balance(attacker)).toBe(0);
            expect(sim.balance(defender)).toBe(200);
            expect(sim.events('penalty')).toEqual([expect.objectContaining({ node: defender, amountMsat: revokedShare * 1000 })]);
          } else {
            expect([sim.balance('alice'), sim.balance('bob')]).toEqual(newestBalances);
            expect(sim.events('penalty')).toHaveLength(0);
          }
        },
      ),
      { seed: 20261123, numRuns: runs(40) },
    );
  });
});
