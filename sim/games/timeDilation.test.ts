/**
 * The time-dilation game against its closed forms, played: Bob, eclipsed, loses the breach iff
 * delay ≥ freeze − 1 and the HTLC iff delay ≥ min(margin, deadline). Each threshold is checked
 * on both sides, for several parameters, and the whole sweep over the delay; a run that sets no
 * delay is the run with delay 0, record for record.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../scenario/run.js';
import { scenarioFromData } from '../scenario/load.js';
import { gainSat, type Params, type ScenarioDoc } from './game.js';
import { gameDocWith, gameParams, play, readGameDoc } from './play.js';
import { bobGain, breachWindow, htlcWindow, timeDilation, timeDilationStory } from './timeDilation.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function playWith(set: Params) {
  const doc = readGameDoc(root, timeDilation);
  const params = gameParams(timeDilation, doc, set);
  return { run: play(root, timeDilation, doc, params, 1), params };
}

/** What each theft did, read from the run: the breach by Mallory's end balance, the HTLC by Alice's. */
function thefts(set: Params): { breach: boolean; htlc: boolean; bob: number; predicted: number } {
  const { run, params } = playWith(set);
  return {
    breach: run.balances.mallory!.endMsat === 100_000, // she withdrew Δ + b_new; punished she ends with 0
    htlc: gainSat(run, 'alice') === 0, // Alice took her 500 sat back, though Carol was paid
    bob: gainSat(run, 'bob', 3_000_000),
    predicted: bobGain(params),
  };
}

describe('time-dilation', () => {
  it('windows by hand: freeze 6 → 5 blocks; margin 3, deadline 12 → 3; margin 8, deadline 2 → 2', () => {
    expect(breachWindow(6)).toBe(5);
    expect(htlcWindow(3, 12)).toBe(3);
    expect(htlcWindow(8, 2)).toBe(2);
  });

  it('the sweep over the delay: Bob keeps both until 3 blocks, loses the HTLC from 3, the breach too from 5', () => {
    const bob = [0, 1, 2, 3, 4, 5, 6, 7].map((delay) => thefts({ delay }));
    // 90 sat from Mallory's payment, + 10 (her b_new, punished) or 0, + 1 (the fee) or − 500.
    expect(bob.map((b) => b.bob)).toEqual([101, 101, 101, -400, -400, -500, -500, -500]);
    expect(bob.map((b) => b.predicted)).toEqual(bob.map((b) => b.bob));
  });

  it.each([
    [3, 3, 12],
    [9, 3, 12],
    [6, 5, 12],
    [6, 8, 2],
  ])('freeze %i, margin %i, deadline %i: each theft fails one block below its window and succeeds at it', (freeze, margin, deadline) => {
    const wb = breachWindow(freeze);
    const wh = htlcWindow(margin, deadline);
    for (const [delay, expected] of [
      [wb - 1, false],
      [wb, true],
    ] as const) {
      const t = thefts({ delay, freeze, margin, deadline });
      expect(t.breach).toBe(expected);
      expect(t.bob).toBe(t.predicted);
    }
    for (const [delay, expected] of [
      [wh - 1, false],
      [wh, true],
    ] as const) {
      const t = thefts({ delay, freeze, margin, deadline });
      expect(t.htlc).toBe(expected);
      expect(t.bob).toBe(t.predicted);
    }
  });

  it('the story tells what the chain says and what Bob sees: Mallory’s cash in block 8 reaches him at block 13', () => {
    const { run, params } = playWith({ delay: 5 });
    const story = timeDilationStory(run, false, params);
    expect(story[0]).toBe('The chain moves on; Bob, eclipsed, sees each block 5 block(s) late.');
    expect(story.find((l) => l.startsWith('block 8 ·'))).toMatch(/· Bob sees block 3$/);
    expect(story).toContain("blocks 9–13: nothing for the channels · Bob sees blocks 4–8; at block 13 he sees block 8: only now does he see Mallory's revoked cash and punish");
    expect(story.find((l) => l.startsWith('block 28 ·'))).toMatch(/· Bob sees block 23; at block 28 he sees block 23: only now does he read R in Carol's claim$/);
    expect(story.some((l) => l.includes('refuses bob') && l.includes('penalty'))).toBe(true);
  });

  it('a run that sets no delay is the run with delay 0, record for record', () => {
    const doc = readGameDoc(root, timeDilation);
    const withZero = gameDocWith(timeDilation, doc, gameParams(timeDilation, doc, { delay: 0 }));
    const without: ScenarioDoc = structuredClone(withZero);
    delete (without.agents as Record<string, Record<string, unknown>>).bob!.chainDelay;
    const records = (d: ScenarioDoc): string => {
      const run = runScenario(scenarioFromData(d, 'time-dilation.yaml'), { seed: 1 });
      return JSON.stringify([run.chain, run.channelEvents, run.payments, run.balances, run.balanceSeries]);
    };
    expect(records(without)).toBe(records(withZero));
  });
});
