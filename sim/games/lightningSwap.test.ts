/**
 * The lightning-swap game against its closed form, played on both chains: the exchange loses
 * W = 100,000 sat only when it forwards with its HTLC due after Alice's and Bob claims late;
 * every other profile completes or unwinds at 0. Numbers as in scenarios/README.md.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Params } from './game.js';
import { lightningGainSat, lightningSwap } from './lightningSwap.js';
import { gameParams, play, readGameDoc } from './play.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function playWith(set: Params) {
  const doc = readGameDoc(root, lightningSwap);
  const params = gameParams(lightningSwap, doc, set);
  const run = play(root, lightningSwap, doc, params, 1);
  return { run, params, gains: ['alice', 'xchg', 'bob'].map((n) => lightningGainSat(run, n)) };
}

describe('lightning-swap game', () => {
  it.each(lightningSwap.profiles.map((p) => [p.label, p.set] as const))('%s: the exchange’s gain is the closed form', (_label, set) => {
    const { run, params } = playWith(set);
    expect(lightningGainSat(run, 'xchg')).toBe(lightningSwap.outcome.predict!(params));
  });

  it('honest: Alice −100,000 sat, Bob +2,000,000 alt-sat = +100,000 sat at the rate, the exchange 0', () => {
    expect(playWith({ payee: 0, careless: 0 }).gains).toEqual([-100_000, 0, 100_000]);
  });

  it('wrong order, careless exchange, late Bob: the story shows Alice’s refund in btc block 49 before Bob’s claim in alt block 214', () => {
    const { run, params, gains } = playWith({ receiveExpiry: 7, payee: 1, careless: 1 });
    expect(gains).toEqual([0, -100_000, 100_000]);
    const story = lightningSwap.story!(run, false, params);
    const at = (text: string): number => story.findIndex((l) => l.includes(text));
    expect(at('btc block 49 · 8h10m00s')).toBeGreaterThan(0);
    expect(story[at('btc block 49 · 8h10m00s') + 1]).toContain('a commitment with the swap’s HTLC in it');
    expect(at('alt block 214 · 8h55m00s')).toBeGreaterThan(at('btc block 49 · 8h10m00s'));
    expect(story.at(-1)).toContain('swap lnswap1: exchange-lost');
  });

  it('the sweep over X’s expiry: the exchange loses once its HTLC is due after Alice’s (T_recv ≥ 6h with Bob late and X careless)', () => {
    const losses = [3, 5, 6, 7].map((t) => lightningSwap.outcome.predict!({ ...gameParams(lightningSwap, readGameDoc(root, lightningSwap), { receiveExpiry: t, payee: 1, careless: 1 }) }));
    // T_recv = 6h: h2 = 48 + 144 = 192, Bob's claim in block 190 at 7h 55min < 8h: X still settles in time.
    expect(losses).toEqual([0, 0, 0, -100_000]);
    expect(playWith({ receiveExpiry: 6, payee: 1, careless: 1 }).gains).toEqual([-100_000, 0, 100_000]);
  });
});
