/**
 * The story against the recorded rows it is told from: every block in order, each included
 * transaction under its block with who sent it, each contract step under its block with its actor
 * and amount, the tower named when it acted, censoring blocks that held back a penalty shown,
 * off-chain HTLC resolutions said fulfilled or failed as the rows say. Checked for every game's
 * default play and the variants that exercise a tower, censors and expired HTLCs.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunRecords } from '../scenario/run.js';
import { amountOf } from '../report/records.js';
import type { Params } from './game.js';
import { findGame, GAMES } from './index.js';
import { narrate, sat } from './narrate.js';
import { gameParams, play, readGameDoc } from './play.js';
import { stampsOf } from '../chain/records.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const PLAYS: readonly [string, Params][] = [
  ...GAMES.map((g): [string, Params] => [g.name, {}]),
  ['breach', { tower: 1, away: 10 }],
  ['offline', { tower: 1, reward: 0.01 }],
  ['censorship', { share: 0.9, freeze: 4 }],
  ['mass-exit', { channels: 7, perBlock: 2, deadline: 2 }],
  ['htlc-race', { margin: 2, delay: 4 }],
];

/** The story's lines grouped under the block they belong to (a header "block N · …"). */
function byBlock(story: readonly string[]): Map<number, string[]> {
  const blocks = new Map<number, string[]>();
  let current: string[] | undefined;
  for (const line of story) {
    const header = /^block (\d+) · /.exec(line);
    if (header) blocks.set(Number(header[1]), (current = [line]));
    else if (/^blocks? \d+/.test(line)) current = undefined;
    else if (line.startsWith('  ') && current) current.push(line);
  }
  return blocks;
}

/** Every line's time: a block's, or the clock a timestamped line starts with. */
function times(story: readonly string[], run: RunRecords): number[] {
  const blockTime = new Map(run.chain.blocks.map((b) => [Number(b.height), b.time]));
  const out: number[] = [];
  for (const line of story) {
    const block = /^blocks? (\d+)/.exec(line);
    const stamp = /^(\d+)h(\d\d)m(\d\d)s  /.exec(line);
    if (block) out.push(blockTime.get(Number(block[1]))!);
    else if (stamp) out.push(((Number(stamp[1]) * 60 + Number(stamp[2])) * 60 + Number(stamp[3])) * 1000);
  }
  return out;
}

describe.each(PLAYS)('the story of %s %j', (name, set) => {
  const game = findGame(name)!;
  const doc = readGameDoc(root, game);
  const run = play(root, game, doc, gameParams(game, doc, set), 1);
  const players = game.players.map((p) => p.node);
  const story = narrate(run, players, true);
  const blocks = byBlock(story);
  const under = (height: number): string => (blocks.get(height) ?? [`(no block ${height} in the story)`]).join('\n');

  it('tells every block once, in order, and every line in time order', () => {
    const heights = story.flatMap((l) => {
      const m = /^blocks? (\d+)(?:–(\d+))?/.exec(l);
      return m ? [[Number(m[1]), Number(m[2] ?? m[1])]] : [];
    });
    expect(heights.flatMap(([a, b]) => Array.from({ length: b! - a! + 1 }, (_, i) => a! + i))).toEqual(run.chain.blocks.map((b) => b.height));
    const t = times(story, run);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]!);
  });

  it('puts each included transaction under its block, with who sent it', () => {
    const towers = run.channelEvents.filter((e) => e.kind === 'tower-justice');
    for (const tx of run.chain.txs.filter((t) => t.status === 'confirmed').filter((t) => t.kind !== 'background')) {
      const tower = towers.find((e) => tx.kind === 'penalty' && e.time === tx.submittedAt && e.client === tx.sender);
      expect(under(tx.confirmedHeight)).toContain(`included: the ${tx.kind} of ${tower ? `watchtower ${tower.node} (for ${tx.sender})` : tx.sender}`);
      // The client did not broadcast what its tower did.
      if (tower) expect(story.join('\n')).not.toContain(`${tx.sender} broadcasts the penalty`);
    }
  });

  it("puts each contract step under its block, with its actor and amount in sat", () => {
    for (const e of run.channelEvents.filter((x) => ['cash', 'penalty', 'withdraw', 'htlc-claim', 'htlc-timeout', 'cheat-succeeded'].includes(x.kind))) {
      const text = under(e.height);
      expect(text).toContain(e.node);
      const amount = amountOf(e);
      if (amount !== undefined) expect(text).toContain(sat(amount));
    }
    expect(story.join('\n')).not.toMatch(/\d msat/);
  });

  it('says each off-chain HTLC resolution fulfilled or failed, as the rows say', () => {
    const adds = run.channelEvents.filter((e) => e.kind === 'htlc-add');
    for (const e of run.channelEvents.filter((x) => x.kind === 'htlc-settle')) {
      // The offerer settles a failed HTLC (it gets its amount back); the receiver one it fulfils.
      const add = adds.find((a) => a.channel === e.channel && a.hashLock === e.hashLock)!;
      expect(e.outcome).toBe(e.node === add.node ? 'failed' : 'fulfilled');
      const line = story.find((l) => l.includes(`the HTLC ${e.hashLock.slice(0, 8)}… in ${e.channel} is `))!;
      expect(line).toContain(e.outcome);
    }
  });

  it('shows each censoring block that held back a waiting penalty', () => {
    for (const b of run.chain.blocks.filter((x) => x.censoring)) {
      const waiting = run.chain.txs.some((t) => t.kind === 'penalty' && t.submittedAt < b.time && !((stampsOf(t).confirmedAt ?? Infinity) <= b.time) && !((stampsOf(t).droppedAt ?? Infinity) <= b.time));
      if (waiting) expect(under(b.height)).toMatch(/mined by the censoring miners[\s\S]*leaves out the penalty of/);
    }
  });
});

it('names the refund of an HTLC that expired before its payee got on chain', () => {
  const game = findGame('mass-exit')!;
  const doc = readGameDoc(root, game);
  const run = play(root, game, doc, gameParams(game, doc, { channels: 7, perBlock: 2, deadline: 2 }), 1);
  const story = narrate(run, ['hub'], false).join('\n');
  // Blocks 53 and 54 take 4 of the 7 closures in time; r5–r7 confirm at or after expiry (55).
  for (const r of ['r5', 'r6', 'r7']) expect(story).toMatch(new RegExp(`accepts ${r}'s copy[^\\n]*of 100 sat had expired at block 55: it goes back to hub`));
});
