/**
 * The privacy game against its closed forms on the comb graph (alice > h1 > h2 > h3 > bob, ℓ leaf
 * channels on each forwarder): payee candidates 1 for a spy at h3, ℓ + 1 before; payer candidates
 * 1 + (i − 1)·(ℓ + 1). And the hop views it narrates are what the hops read from their onions.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Params } from './game.js';
import { gameParams, play, readGameDoc } from './play.js';
import { predictedPayees, predictedPayers, privacy, privacyStory } from './privacy.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function playWith(set: Params) {
  const doc = readGameDoc(root, privacy);
  const params = gameParams(privacy, doc, set);
  return { run: play(root, privacy, doc, params, 1), params };
}

describe('privacy', () => {
  it('reads its defaults from the scenario file: the spy h2, two leaves per forwarder', () => {
    expect(gameParams(privacy, readGameDoc(root, privacy), {})).toEqual({ spy: 2, leaves: 2 });
  });

  it.each([
    [1, 0, 1, 1],
    [1, 3, 4, 1],
    [2, 2, 3, 4],
    [2, 5, 6, 7],
    [3, 2, 1, 7],
    [3, 4, 1, 11],
  ])('spy at h%i with %i leaves: %i payee candidate(s), %i payer candidate(s), as the closed forms say', (spy, leaves, payees, payers) => {
    const { run, params } = playWith({ spy, leaves });
    const row = run.privacy!.inferences[0]!;
    expect([row.observers, row.payees!.length, row.payers!.length]).toEqual([[`h${spy}`], payees, payers]);
    expect([predictedPayees(params), predictedPayers(params)]).toEqual([payees, payers]);
    expect(privacy.outcome.measure(run, params)).toBe(payees);
    // Every set holds the truth.
    expect([row.payees!.includes('bob'), row.payers!.includes('alice')]).toEqual([true, true]);
  });

  it('each hop read from its onion what the route says: 10 sat and 40 blocks less at each forwarder, from height 6', () => {
    const views = playWith({}).run.privacy!.views;
    expect(views.map((v) => [v.node, v.prev, v.next, v.incomingMsat, v.incomingCltv, v.amountMsat, v.outgoingCltv, v.height])).toEqual([
      ['h1', 'alice', 'h2', 1_030_000, 144, 1_020_000, 104, 6],
      ['h2', 'h1', 'h3', 1_020_000, 104, 1_010_000, 64, 6],
      ['h3', 'h2', 'bob', 1_010_000, 64, 1_000_000, 24, 6],
      // The payee's payload names no next channel; it must receive 1,000 sat locked until 6 + 18.
      ['bob', 'h3', undefined, 1_000_000, 24, 1_000_000, 24, 6],
    ]);
  });

  it('narrates each hop\'s view, the budget arithmetic and what it cannot know', () => {
    const story = privacyStory(playWith({}).run);
    expect(story).toContain('  h1: an HTLC of 1,030 sat from alice, locked until block 144; its onion says: forward 1,020 sat to h2, locked until block 104 (its fee: 10 sat).');
    expect(story).toContain('      remaining CLTV budget: 104 − height 6 − final delta 18 = 80 blocks: 2 more forwarders of 40 blocks, so the payee is 2 hops past h2.');
    expect(story).toContain('      payee candidates 3: bob, h3-leaf1, h3-leaf2; payer candidates 1: alice (alice has no other channel: it cannot have forwarded).');
    expect(story).toContain('      remaining CLTV budget: 24 − height 6 − final delta 18 = 0 blocks: no forwarder left, bob is the payee.');
    expect(story).toContain('      it cannot know: which candidate is paid, and so how much of the fees are still to come.');
    expect(story).toContain('      it cannot know: whether h1 paid or forwarded, and how many hops came before it; which candidate is paid, and so how much of the fees are still to come.');
    expect(story.at(-1)).toBe('  The spy (h2): payee 3 candidates, payer 4 candidates.');
  });
});
