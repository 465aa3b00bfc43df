/**
 * The wormhole game against its closed form, played: the pair's gain is (k + 2)·f with hash locks
 * (every honest hop between them earns nothing and gets its HTLC failed back), 2·f when they
 * forward honestly, and −x with point locks, where the handed-over secret opens nothing.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gainSat, type Params } from './game.js';
import { gameParams, play, readGameDoc } from './play.js';
import { colludersGain, routeNodes, wormhole, wormholeStory } from './wormhole.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function playWith(set: Params) {
  const doc = readGameDoc(root, wormhole);
  const params = gameParams(wormhole, doc, set);
  return { run: play(root, wormhole, doc, params, 1), params };
}

describe('wormhole', () => {
  it.each([1, 2, 4])('hash locks, %i honest hop(s): the pair takes all (k + 2)·10 sat of fees, every honest hop earns 0, Alice and Bob see a normal payment', (honest) => {
    const { run, params } = playWith({ honest, attack: 1, ptlc: 0 });
    expect(colludersGain(run)).toBe((honest + 2) * 10);
    expect(colludersGain(run)).toBe(wormhole.outcome.predict!(params));
    for (const h of routeNodes(honest).filter((n) => n.startsWith('h'))) expect(gainSat(run, h)).toBe(0);
    expect(run.payments.map((p) => [p.status, p.payerKnowsR, p.route])).toEqual([['succeeded', true, routeNodes(honest).join('>')]]);
    expect(gainSat(run, 'alice')).toBe(-(1000 + (honest + 2) * 10));
    expect(gainSat(run, 'bob')).toBe(1000);
  });

  it('honest forwarding: each forwarder earns its 10 sat, whatever the locks', () => {
    for (const ptlc of [0, 1]) {
      const { run } = playWith({ honest: 2, attack: 0, ptlc });
      expect(routeNodes(2).slice(1, -1).map((n) => gainSat(run, n))).toEqual([10, 10, 10, 10]);
      expect(run.payments[0]!.status).toBe('succeeded');
    }
  });

  it('point locks: m1 cannot use what m2 hands over and fails Alice back; Bob is paid out of m2 (the pair loses 1,000 sat)', () => {
    const { run, params } = playWith({ honest: 1, attack: 1, ptlc: 1 });
    expect(colludersGain(run)).toBe(-1000);
    expect(wormhole.outcome.predict!(params)).toBe(-1000);
    expect([gainSat(run, 'alice'), gainSat(run, 'h1'), gainSat(run, 'bob')]).toEqual([0, 0, 1000]);
    // The payee was paid, so the payment is succeeded, though Alice never learned R.
    expect(run.payments.map((p) => [p.status, p.payerKnowsR])).toEqual([['succeeded', false]]);
  });

  it('narrates the skipped hop: h1 is failed back while m1 is paid', () => {
    const story = wormholeStory(playWith({ honest: 1, attack: 1, ptlc: 0 }).run);
    expect(story).toContain('  3601.0 s · h1-m2: failed back: h1 gets its 1,010 sat back');
    expect(story).toContain('  3601.1 s · alice-m1: fulfilled: m1 is paid 1,030 sat');
    expect(story.at(-1)).toBe('  forwarders: h1 +0 sat · m1 +1030 sat · m2 -1000 sat');
  });
});
