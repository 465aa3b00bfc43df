import { rngStream } from '../engine/rng.js';
import { parseScenario, runScenario } from '../scenario/index.js';
import { Availability } from './availability.js';

const chance = (probability: number, seed = 1) => ({ probability, intervalMs: 1000, rng: rngStream(seed, 'availability/x') });

describe('Availability', () => {
  it('scripted windows: offline inside, online outside, merged, and cut short by going online', () => {
    const a = new Availability();
    a.goOffline(10, 20);
    a.goOffline(15, 30);
    expect([a.isOnline(9), a.isOnline(10), a.isOnline(29), a.isOnline(30)]).toEqual([true, false, false, true]);
    expect(a.nextOnline(12)).toBe(30);
    a.goOnline(18);
    expect([a.isOnline(17), a.isOnline(18), a.nextOnline(12)]).toEqual([false, true, 18]);
  });

  it('per-block probability: about p of the intervals, the same answers in any order of questions', () => {
    const a = new Availability(chance(0.3));
    const up = Array.from({ length: 5000 }, (_, k) => a.isOnline(k * 1000 + 500));
    const share = up.filter(Boolean).length / up.length;
    expect(share).toBeGreaterThan(0.27);
    expect(share).toBeLessThan(0.33);
    const b = new Availability(chance(0.3));
    expect([4999, 10, 2500].map((k) => b.isOnline(k * 1000))).toEqual([up[4999], up[10], up[2500]]);
    // nextOnline lands at the start of the next interval in which the party is up.
    const t = 7 * 1000 + 1;
    const next = a.nextOnline(t);
    expect(a.isOnline(next)).toBe(true);
    for (let u = t; u < next; u += 250) expect(a.isOnline(u)).toBe(false);
  });

  it('p = 0 never comes back; p = 1 is always there', () => {
    expect(new Availability(chance(0)).nextOnline(5)).toBe(Number.MAX_SAFE_INTEGER);
    expect(new Availability(chance(1)).isOnline(123_456)).toBe(true);
  });
});

describe('a defender online with a per-block probability (INTERFACE agents.online)', () => {
  const breach = (online: number) =>
    runScenario(
      parseScenario(
        `name: p\nchain: { blockInterval: 600s, fixed: true }\nchannels:\n  - { between: [alice, bob], deposit: [100, 100] }\nagents:\n  bob: { strategy: honest, online: ${online} }\npayments:\n  - { at: 1h, from: alice, to: bob, amount: 10 }\nactions:\n  - { at: 2h, node: alice, do: broadcast, channel: alice-bob, sequence: 1 }\nrun: { until: 3d }\n`,
        'p.yaml',
      ),
    );

  it('at 95% Bob is back well within the 144-block freeze and punishes', () => {
    const run = breach(0.95);
    expect(run.channelEvents.filter((e) => e.kind === 'revoked-broadcast')).toHaveLength(1);
    expect(run.channelEvents.filter((e) => e.kind === 'penalty')).toHaveLength(1);
    expect(run.balances.bob!.endMsat).toBe(200_000);
  });

  it('at 0% Bob never answers: he cannot even sign the payment, so nothing is revoked', () => {
    const run = breach(0);
    expect(run.payments.map((p) => p.reason)).toEqual(['peer-offline']);
    expect(run.channelEvents.filter((e) => e.kind === 'revoked-broadcast')).toHaveLength(0);
  });
});
