/**
 * Multi-part payments (BOLT #4 basic MPP, lnd's splitting). The machine of attempt.ts by hand,
 * then whole runs: Alice pays Dave 1,000 sat over a diamond whose two paths each carry at most
 * 588 sat toward Dave (600 sat, less the 1% reserve of 1,200), which the payer does not know:
 * each path fails once for 1,000; with MPP no route is left for 1,000, so the payer halves and
 * two parts of 500 go through. A payee that does not get every part within the MPP timeout
 * fails them all. Latency L = 100 ms: a hop's update and a failure's way back cost 2L each.
 */
import { startParts, stepParts, type MultiPartEvent, type MultiPartState, type SplitRules } from './attempt.js';
import { simulate } from '../testing/world.js';
import type { MppOptions } from './multihop.js';

const RULES: SplitRules = { minShardMsat: 100, maxParts: 16, maxTries: 48 };

/** Feeds the events in order; returns the last state and every action taken. */
function play(total: number, events: readonly MultiPartEvent[], rules = RULES) {
  let { state, actions } = startParts(total);
  const all = [...actions];
  for (const event of events) {
    ({ state, actions } = stepParts(state, event, rules));
    all.push(...actions);
  }
  return { state, actions: all };
}

const routed = (found: boolean, amountMsat: number): MultiPartEvent => ({ type: 'routed', found, amountMsat });
const payee = (amountMsat: number, paid = true): MultiPartEvent => ({ type: 'part-payee', paid, amountMsat });
const payer = (amountMsat: number, outcome: 'fulfilled' | 'failed', reason = '', retry = true): MultiPartEvent => ({ type: 'part-payer', outcome, amountMsat, reason, retry });

describe('the multi-part payment machine', () => {
  test('no route for 1,000: halve, place 500 twice, succeed only once both parts paid and both payer HTLCs are back', () => {
    const { state, actions } = play(1000, [routed(false, 1000), routed(true, 500), routed(true, 500), payee(500), payer(500, 'fulfilled'), payee(500)]);
    expect(actions).toEqual([{ do: 'find-route', amountMsat: 1000 }, { do: 'find-route', amountMsat: 500 }, { do: 'find-route', amountMsat: 500 }]);
    expect(state).toMatchObject({ phase: 'inFlight', paidMsat: 1000, inFlight: 1, payerKnowsR: true });
    const end = stepParts(state, payer(500, 'fulfilled'), RULES);
    expect(end.state).toEqual({ phase: 'succeeded', payerKnowsR: true });
    expect(end.actions).toEqual([{ do: 'record', status: 'succeeded', reason: '', payerKnowsR: true }]);
  });

  test('halving stops at the minimum shard: 1,000 → 500 → 250 < 300 fails with no-route', () => {
    const { state, actions } = play(1000, [routed(false, 1000), routed(false, 500)], { ...RULES, minShardMsat: 300 });
    expect(actions.map((a) => a.do)).toEqual(['find-route', 'find-route', 'record']);
    expect(state).toEqual({ phase: 'failed', reason: 'no-route', payerKnowsR: false });
  });

  test('the last shard takes the remainder: 1,000 as 400 + 400 + 200', () => {
    const { actions, state } = play(1000, [routed(false, 1000), routed(false, 500), routed(true, 250), routed(true, 250), routed(true, 250), routed(true, 250)]);
    expect(actions.map((a) => ('amountMsat' in a ? a.amountMsat : a.do))).toEqual([1000, 500, 250, 250, 250, 250]);
    expect(state).toMatchObject({ phase: 'inFlight', placedMsat: 1000, inFlight: 4 });
    const odd = play(1000, [routed(false, 1000), routed(true, 500), routed(false, 500), routed(true, 250), routed(true, 250)]);
    expect(odd.state).toMatchObject({ phase: 'inFlight', placedMsat: 1000, inFlight: 3 });
  });

  test('a retriable part failure routes that amount again; a second part paid settles it', () => {
    const { state, actions } = play(1000, [routed(false, 1000), routed(true, 500), routed(true, 500), payer(500, 'failed', 'insufficient-balance'), routed(true, 500)]);
    expect(actions.at(-1)).toEqual({ do: 'find-route', amountMsat: 500 });
    expect(state).toMatchObject({ phase: 'inFlight', placedMsat: 1000, inFlight: 2, tries: 3, reason: 'insufficient-balance' });
  });

  test('maxParts reached with money left: the payment drains its parts and fails with what doomed it', () => {
    const rules = { ...RULES, maxParts: 1 };
    const { state } = play(1000, [routed(false, 1000), routed(true, 500)], rules);
    expect(state).toMatchObject({ phase: 'draining', inFlight: 1, reason: 'no-route' });
    expect(stepParts(state, payer(500, 'failed', 'mpp-timeout', false), rules).state).toEqual({ phase: 'failed', reason: 'no-route', payerKnowsR: false });
  });

  test('a non-retriable part failure fails the payment once every other part is back', () => {
    const { state } = play(1000, [routed(false, 1000), routed(true, 500), routed(true, 500), payer(500, 'failed', 'held', false)]);
    expect(state).toMatchObject({ phase: 'draining', inFlight: 1 });
    expect(stepParts(state, payer(500, 'failed', 'mpp-timeout', false), RULES).state).toEqual({ phase: 'failed', reason: 'held', payerKnowsR: false });
  });

  test('the run ends: paid in full is succeeded (payer unaware), anything less is stuck', () => {
    const paid = play(1000, [routed(true, 1000), payee(1000)]).state;
    expect(stepParts(paid, { type: 'run-end' }, RULES).state).toEqual({ phase: 'succeeded', payerKnowsR: false });
    const half = play(1000, [routed(false, 1000), routed(true, 500), routed(true, 500), payee(500)]).state;
    expect(stepParts(half, { type: 'run-end' }, RULES).state).toEqual({ phase: 'stuck' });
  });

  test('final states ignore everything', () => {
    const done: MultiPartState = { phase: 'failed', reason: 'no-route', payerKnowsR: false };
    expect(stepParts(done, payee(1000), RULES)).toEqual({ state: done, actions: [] });
  });
});

const MPP: MppOptions = { minShardMsat: 10_000, maxParts: 16, timeoutMs: 60_000 };

const DIAMOND = [
  { between: ['alice', 'bob'], deposit: [2000, 2000] },
  { between: ['bob', 'dave'], deposit: [600, 600] },
  { between: ['alice', 'carol'], deposit: [2000, 2000] },
  { between: ['carol', 'dave'], deposit: [600, 600] },
] as const;

/** The diamond with Carol's path one hop longer (carol → erin → dave). */
const LONG_SIDE = [...DIAMOND.slice(0, 3), { between: ['carol', 'erin'], deposit: [600, 600] }, { between: ['erin', 'dave'], deposit: [600, 600] }] as const;

function diamond(mpp: MppOptions | undefined, crypto: 'full' | 'lazy' = 'lazy', messageLatencyMs = 100, channels: readonly { between: readonly [string, string]; deposit: readonly [number, number] }[] = DIAMOND) {
  const sim = simulate({
    crypto,
    channels: channels.map((c) => ({ between: [...c.between], deposit: [...c.deposit] })),
    multiHop: { ...(mpp ? { mpp } : {}), messageLatencyMs },
  });
  sim.mineBlocks(3);
  const before = sim.balance('dave');
  sim.send('alice', 'dave', 1000);
  sim.runFor(300_000);
  sim.finish();
  return { sim, received: sim.balance('dave') - before, payments: sim.network.payments };
}

describe('multi-part payments in a run', () => {
  test('1,000 sat over two paths of 588: fails on one path, succeeds in two parts of 500', () => {
    const single = diamond(undefined);
    expect(single.payments.map((p) => [p.status, p.reason, p.attempts, p.parts])).toEqual([['failed', 'insufficient-balance', 2, 0]]);
    expect(single.received).toBe(0);
    const split = diamond(MPP);
    // 1,000 over Bob refused at bob→dave (told at 4L), over Carol (8L); then 500 + 500, paid at 8L + 4L and back by 14L.
    expect(split.payments.map((p) => [p.status, p.parts, p.attempts, p.route, p.hops, p.feeMsat, p.latencyMs])).toEqual([['succeeded', 2, 4, 'alice>bob>dave;alice>carol>dave', 2, 0, 1400]]);
    expect(split.received).toBe(1000);
    expect(split.sim.channel('bob-dave').channel.balances).toEqual([100_000, 1_100_000]);
    expect(split.sim.channel('carol-dave').channel.balances).toEqual([100_000, 1_100_000]);
  });

  test('real onions give the same outcome', () => {
    expect(diamond(MPP, 'full').payments).toEqual(diamond(MPP, 'lazy').payments);
  });

  test('maxParts 1: the first 500 waits at the payee, which fails it after its timeout; the payment fails with its first cause', () => {
    // L = 10 s. 1,000 refused over Bob (told at 40 s) and Carol (80 s); 500 over Bob reaches Dave at
    // 120 s, is failed at 130 s and is back at Alice at 170 s.
    const { payments, received, sim } = diamond({ ...MPP, maxParts: 1, timeoutMs: 10_000 }, 'lazy', 10_000);
    expect(payments.map((p) => [p.status, p.reason, p.parts, p.attempts, p.latencyMs])).toEqual([['failed', 'insufficient-balance', 0, 3, 170_000]]);
    expect(received).toBe(0);
    expect(sim.balance('alice')).toBe(4000);
  });

  test('a part that arrives after the payee gave up on the set: both sets are failed with mpp-timeout', () => {
    // L = 10 s. After both 1,000 tries fail (80 s), 500 over Bob reaches Dave at 120 s and 500 over
    // Carol and Erin at 140 s. Dave gives up on the first at 130 s (the payment is doomed: mpp-timeout),
    // on the second at 150 s, which is back at Alice at 210 s.
    const { payments, received, sim } = diamond({ ...MPP, timeoutMs: 10_000 }, 'lazy', 10_000, LONG_SIDE);
    expect(payments.map((p) => [p.status, p.reason, p.parts, p.attempts, p.latencyMs])).toEqual([['failed', 'mpp-timeout', 0, 4, 210_000]]);
    expect(received).toBe(0);
    expect(sim.balance('alice')).toBe(4000);
  });

  test('the same with the default 60 s timeout: Dave waits for the second part, takes both, and the payment succeeds', () => {
    const { payments, received } = diamond(MPP, 'lazy', 10_000, LONG_SIDE);
    expect(payments.map((p) => [p.status, p.route, p.latencyMs])).toEqual([['succeeded', 'alice>bob>dave;alice>carol>erin>dave', 180_000]]);
    expect(received).toBe(1000);
  });
});
