/**
 * Mission control by hand: a failure of 60,000 sat on b→c bounds that direction for 60,000 sat and
 * above (p = 0 at once, 0.3 after one half-life, 0.45 after two), leaves smaller amounts at the
 * a-priori 0.6, and only for the payer that saw it; a success lifts amounts up to it to 0.95. The
 * router avoids a freshly failed direction and comes back to it as the failure fades.
 */
import { buildGraph, findRoute, feeAndLockRisk, MissionControl, type ChannelEdge, type Policy } from './index.js';

const policy: Policy = { feeBaseMsat: 1000, feePpm: 0, cltvDelta: 40, minHtlcMsat: 1, disabled: false };
const HOUR = 3_600_000;

describe('MissionControl', () => {
  test('a failed amount bounds the direction and decays with a one-hour half-life', () => {
    const mc = new MissionControl();
    mc.fail('alice', 'b-c', 'b', 60_000_000, 0);
    expect(mc.probability('alice', 'b-c', 'b', 60_000_000, 0)).toBe(0);
    expect(mc.probability('alice', 'b-c', 'b', 80_000_000, HOUR)).toBeCloseTo(0.3, 12);
    expect(mc.probability('alice', 'b-c', 'b', 60_000_000, 2 * HOUR)).toBeCloseTo(0.45, 12);
    expect(mc.probability('alice', 'b-c', 'b', 59_999_999, 0)).toBe(0.6); // below the failed amount
    expect(mc.probability('alice', 'b-c', 'c', 60_000_000, 0)).toBe(0.6); // the other direction
    expect(mc.probability('carol', 'b-c', 'b', 60_000_000, 0)).toBe(0.6); // another payer
  });

  test('a success lifts smaller amounts to 0.95 and moves the failure bound above it', () => {
    const mc = new MissionControl();
    mc.fail('alice', 'b-c', 'b', 60_000_000, 0);
    mc.succeed('alice', 'b-c', 'b', 70_000_000);
    expect(mc.probability('alice', 'b-c', 'b', 70_000_000, 0)).toBe(0.95);
    expect(mc.probability('alice', 'b-c', 'b', 70_000_001, 0)).toBe(0);
    mc.fail('alice', 'b-c', 'b', 50_000_000, 10);
    expect(mc.probability('alice', 'b-c', 'b', 50_000_000, 10)).toBe(0);
    expect(mc.probability('alice', 'b-c', 'b', 49_999_999, 10)).toBe(0.95);
  });

  test('the router avoids a freshly failed direction, and returns to it once the failure has faded', () => {
    // a→b→c→d is cheaper (1 sat fees) than a→e→f→d (3 sat fees each hop); equal capacities.
    const edge = (id: string, x: string, y: string, fee: number): ChannelEdge => ({ channelId: id, between: [x, y], capacityMsat: 1e9, policies: [{ ...policy, feeBaseMsat: fee }, { ...policy, feeBaseMsat: fee }] });
    const graph = buildGraph([edge('a-b', 'a', 'b', 1000), edge('b-c', 'b', 'c', 1000), edge('c-d', 'c', 'd', 1000), edge('a-e', 'a', 'e', 3000), edge('e-f', 'e', 'f', 3000), edge('f-d', 'f', 'd', 3000)]);
    const mc = new MissionControl();
    const route = (now: number): string => {
      const r = findRoute(graph, { source: 'a', target: 'd', amountMsat: 10_000_000, currentHeight: 0, finalCltvDelta: 18, weight: mc.weight('a', now, feeAndLockRisk()) });
      return [r!.hops[0]!.from, ...r!.hops.map((h) => h.to)].join('>');
    };
    expect(route(0)).toBe('a>b>c>d');
    mc.fail('a', 'b-c', 'b', 10_000_000, 0);
    expect(route(0)).toBe('a>e>f>d');
    expect(route(60_000)).toBe('a>e>f>d'); // p ≈ 0.007 < 1%: still ruled out
    // After 10 hours p ≈ 0.6: the 4 sat saved outweigh the small penalty left.
    expect(route(10 * HOUR)).toBe('a>b>c>d');
  });
});
