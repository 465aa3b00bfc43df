/**
 * The estimators on a hand-drawn graph, every set derived by hand. Policies are per forwarding
 * node (the same on each of its channels); fees are 1,000 msat + ppm.
 *
 *        a — b — c — d — f
 *                 \     /
 *                  e ——— g (e — g too)
 *
 * deltas: b 10, c 20, d 30, e 10, f 10, g 10; d charges 10% on top of its base fee.
 */
import type { ChannelEdge, Policy } from '../router/index.js';
import { cltvBudget, payeeCandidates, payerCandidates } from './estimate.js';
import { forwardedAmount, publicGraph, topHubs } from './graph.js';
import type { HopView } from './records.js';

const policy = (cltvDelta: number, feePpm = 0): Policy => ({ feeBaseMsat: 1000, feePpm, cltvDelta, minHtlcMsat: 1, disabled: false });
const POLICIES: Record<string, Policy> = { a: policy(10), b: policy(10), c: policy(20), d: policy(30, 100_000), e: policy(10), f: policy(10), g: policy(10) };
const channel = (a: string, b: string, capacityMsat = 10_000_000): ChannelEdge => ({ channelId: `${a}-${b}`, between: [a, b], capacityMsat, policies: [POLICIES[a], POLICIES[b]] });
const EDGES = [channel('a', 'b'), channel('b', 'c'), channel('c', 'd'), channel('c', 'e'), channel('d', 'f'), channel('e', 'f'), channel('e', 'g')];
const FINAL = 18;
const HEIGHT = 100;

/** What b sees forwarding `amountMsat` from a to c with `budget` blocks of deltas still to come. */
function viewAtB(budget: number, amountMsat = 100_000): HopView {
  return {
    payment: 'p',
    part: 0,
    payer: 'a',
    payee: '?',
    lock: 'h',
    position: 1,
    node: 'b',
    prev: 'a',
    next: 'c',
    channel: 'a-b',
    incomingMsat: amountMsat + 1000,
    incomingCltv: HEIGHT + FINAL + budget + 10,
    amountMsat,
    outgoingCltv: HEIGHT + FINAL + budget,
    height: HEIGHT,
    time: 0,
  };
}

describe('forwardedAmount', () => {
  it('inverts received = b + base + ⌊b·ppm/10⁶⌋ exactly, and refuses amounts no b gives', () => {
    // d (1,000 msat + 10%): forwarding 10,000 it receives 10,000 + 1,000 + 1,000 = 12,000.
    expect(forwardedAmount(POLICIES.d!, 12_000)).toBe(10_000);
    // 10,009 → 12,009 (⌊1,000.9⌋ = 1,000) and 10,010 → 12,011: no b receives 12,010.
    expect(forwardedAmount(POLICIES.d!, 12_009)).toBe(10_009);
    expect(forwardedAmount(POLICIES.d!, 12_010)).toBeUndefined();
    expect(forwardedAmount(POLICIES.d!, 12_011)).toBe(10_010);
    expect(forwardedAmount(POLICIES.c!, 1_000)).toBeUndefined(); // all fee, nothing forwarded
    // 1 BTC at 1 ppm: 99,999,899,001 + 1,000 + ⌊99,999.899001⌋ = 100,000,000,000.
    expect(forwardedAmount({ ...POLICIES.c!, feePpm: 1 }, 100_000_000_000)).toBe(99_999_899_001);
  });
});

describe('payee candidates', () => {
  const graph = publicGraph(EDGES);

  it('the CLTV budget counts the deltas still to come: 0 → c; 20 (c) → d, e; 30 (c + e) → f, g; 50 → f only', () => {
    expect(cltvBudget(viewAtB(30), FINAL)).toBe(30);
    expect([0, 20, 30, 40, 50].map((b) => payeeCandidates(graph, viewAtB(b), FINAL))).toEqual([
      ['c'],
      ['d', 'e'],
      ['f', 'g'],
      // 40: c e f (20 + 10 + 10) → d; c e g has no way on; c d f would be 50.
      ['d'],
      // 50: c d (20 + 30) → f; c e f d is 20 + 10 + 10 + 30 = 70.
      ['f'],
    ]);
  });

  it('never walks back through the observer or its previous node, and a budget no path sums to leaves nobody', () => {
    expect(payeeCandidates(graph, viewAtB(10), FINAL)).toEqual([]); // c's delta alone is 20
    expect(payeeCandidates(graph, viewAtB(-1), FINAL)).toEqual([]);
  });

  it('the amount must decode at d: with 10% on top, one amount in eleven reaching d is no forwarded amount plus its fee', () => {
    // budget 50 → f through d: c forwards 100,000 − 1,000 = 99,000 to d, d must forward b with b + 1,000 + ⌊b/10⌋ = 99,000.
    expect(forwardedAmount(POLICIES.d!, 99_000)).toBe(89_091); // 89,091 + 1,000 + 8,909 = 99,000
    expect(payeeCandidates(graph, viewAtB(50, 100_000), FINAL)).toEqual(['f']);
    // b = 89,099 gives 99,008 and 89,100 gives 99,010: a payment reaching d with 99,009 (b forwards 100,009) is no payment through d.
    expect(forwardedAmount(POLICIES.d!, 99_009)).toBeUndefined();
    expect(payeeCandidates(graph, viewAtB(50, 100_009), FINAL)).toEqual([]);
    expect(payeeCandidates(graph, viewAtB(50, 100_010), FINAL)).toEqual(['f']);
  });

  it('a channel too small for the amount is no path: d — f at 50,000 msat cuts f at budget 50', () => {
    const small = publicGraph(EDGES.map((e) => (e.channelId === 'd-f' ? { ...e, capacityMsat: 50_000 } : e)));
    expect(payeeCandidates(small, viewAtB(50), FINAL)).toEqual([]);
    expect(payeeCandidates(small, viewAtB(30), FINAL)).toEqual(['f', 'g']);
  });

  it('the payee reads no next channel: it knows it is the payee', () => {
    expect(payeeCandidates(graph, { ...viewAtB(0), next: undefined }, FINAL)).toEqual(['b']);
  });

  it('gives up past its step limit instead of running on (undefined: unknown)', () => {
    expect(payeeCandidates(graph, viewAtB(50), FINAL, 2)).toBeUndefined();
  });
});

describe('payer candidates', () => {
  const graph = publicGraph(EDGES);
  /** c forwards 50,000 msat from b to d. */
  const atC: HopView = { ...viewAtB(0), node: 'c', prev: 'b', next: 'd', channel: 'b-c', incomingMsat: 51_000, amountMsat: 50_000 };

  it('every node with a way into the previous node that avoids the observer and the next node', () => {
    // Into b: from a. Into c's other side (e, g, f) only through c or d: barred.
    expect(payerCandidates(graph, atC)).toEqual(['a', 'b']);
    // Seen from d (prev c, next f): b, a through c; e, g through c; f is the next node.
    expect(payerCandidates(graph, { ...atC, node: 'd', prev: 'c', next: 'f', channel: 'c-d' })).toEqual(['a', 'b', 'c', 'e', 'g']);
  });

  it('capacities count the fees on the way back: a — b must carry 51,000 + b\'s 1,000', () => {
    const cut = (capacityMsat: number) => publicGraph(EDGES.map((e) => (e.channelId === 'a-b' ? { ...e, capacityMsat } : e)));
    expect(payerCandidates(cut(52_000), atC)).toEqual(['a', 'b']);
    expect(payerCandidates(cut(51_999), atC)).toEqual(['b']);
  });
});

describe('top hubs', () => {
  it('most channels first; ties by capacity, then name', () => {
    // c and e have 3 channels; b, d, f 2; a, g 1.
    expect(topHubs(publicGraph(EDGES), 5)).toEqual(['c', 'e', 'b', 'd', 'f']);
  });
});
