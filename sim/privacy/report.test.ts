/**
 * The privacy report end to end: the game's comb graph (every figure by hand, see
 * games/privacy.ts), the bundled study (each coalition's sets only shrink as members join, and no
 * set misses the truth), determinism, and nothing at all for a scenario without `privacy:`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../scenario/load.js';
import { runScenario } from '../scenario/run.js';
import { summarize } from '../report/summary.js';
import { reportFiles } from '../report/write.js';
import type { RunRecords } from '../report/records.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const run = (file: string): RunRecords => runScenario(loadScenario(join(root, 'scenarios', file)));
const file = (r: RunRecords, name: string): string | undefined => reportFiles(r, summarize(r)).find(([n]) => n === name)?.[1]();

describe('privacy report', () => {
  const game = run('games/privacy.yaml');

  it("report.json's privacy block: the spy h2 sees the one payment, bob among 3 payees, alice among 4 payers", () => {
    expect(summarize(game).privacy).toEqual({
      hopViews: 4,
      finalCltvDelta: 18,
      coalitions: [
        {
          name: 'spy',
          members: ['h2'],
          payments: 1,
          own: 0,
          seen: 1,
          seenShare: 1,
          payee: { identified: 0, identifiedShare: 0, identifiedShareOfSeen: 0, missed: 0, anonymitySet: { mean: 3, median: 3, max: 3 } },
          payer: { identified: 0, identifiedShare: 0, identifiedShareOfSeen: 0, missed: 0, anonymitySet: { mean: 4, median: 4, max: 4 } },
          searchesGivenUp: 0,
        },
      ],
    });
  });

  it('hop-views.csv and privacy.csv hold what each hop read and what the coalition concluded', () => {
    expect(file(game, 'hop-views.csv')!.split('\n').slice(0, 3)).toEqual([
      'time_ms,height,payment,part,node,prev,next,channel,incoming_msat,incoming_cltv,amount_msat,outgoing_cltv,cltv_budget,payer,payee,position',
      '3600200,6,p0,0,h1,alice,h2,alice-h1,1030000,144,1020000,104,80,alice,bob,1',
      '3600400,6,p0,0,h2,h1,h3,h1-h2,1020000,104,1010000,64,40,alice,bob,2',
    ]);
    expect(file(game, 'privacy.csv')).toBe(
      'coalition,payment,payer,payee,own,observers,payee_candidates,payee_identified,payee_in_set,payee_set,payer_candidates,payer_identified,payer_in_set,payer_set\n' +
        'spy,p0,alice,bob,0,h2,3,0,1,bob;h3-leaf1;h3-leaf2,4,0,1,alice;h1;h1-leaf1;h1-leaf2\n',
    );
    expect(file(game, 'report.md')).toContain('| spy | h2 | 1 of 1 (100.0%) | 0 (0.0%) | 0 (0.0%) | 3.0 / 3 | 4.0 / 4 |');
    const html = file(game, 'report.html')!;
    expect(html).toContain('<h2>Privacy</h2>');
    expect(html).toMatch(/<td>spy<\/td><td>h2<\/td><td class="n">1 of 1 \(100\.0%\)<\/td>/);
    expect(html).toContain('<a href="hop-views.csv">hop-views.csv</a>');
  });

  it('the bundled study: the top 5 hubs hold the top hub, so every set of theirs is inside its set; no set misses the truth', () => {
    const study = run('studies/privacy-top-hubs.yaml');
    const [five, one] = study.privacy!.coalitions;
    expect(five!.members).toContain(one!.members[0]);
    const byPayment = new Map(study.privacy!.inferences.filter((r) => r.coalition === one!.name).map((r) => [r.payment, r]));
    let compared = 0;
    for (const r of study.privacy!.inferences.filter((x) => x.coalition === five!.name && !x.own)) {
      const alone = byPayment.get(r.payment)!;
      if (alone.payees === undefined || r.payees === undefined) continue;
      expect(r.payees.every((n) => alone.payees!.includes(n))).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
    for (const c of summarize(study).privacy!.coalitions) expect([c.name, c.payee.missed, c.payer.missed, c.searchesGivenUp]).toEqual([c.name, 0, 0, 0]);
    // Deterministic: the same scenario and seed give the same report.
    expect(JSON.stringify(summarize(run('studies/privacy-top-hubs.yaml')).privacy)).toBe(JSON.stringify(summarize(study).privacy));
  });

  it('full crypto: the payee and every forwarder peel real Sphinx layers, and read the same', () => {
    const full = runScenario(loadScenario(join(root, 'scenarios', 'games/privacy.yaml')), { crypto: 'full' });
    expect(full.privacy!.views).toEqual(game.privacy!.views);
  });

  it('a scenario without privacy: records nothing and writes no privacy key or file', () => {
    const plain = run('games/wormhole.yaml');
    expect(plain.privacy).toBeUndefined();
    expect('privacy' in summarize(plain)).toBe(false);
    expect(reportFiles(plain, summarize(plain)).map(([n]) => n).filter((n) => n.includes('privacy') || n.includes('hop-views'))).toEqual([]);
    expect(file(plain, 'report.html')).not.toContain('Privacy');
  });
});
