import { readLndGraph } from '../scenario/topology/lnd.js';
import { buildGraph, type ChannelEdge, type Policy } from './graph.js';
import { computeHops, totalFees } from './hops.js';
import { findRoute, withSuccessProbability, feeAndLockRisk } from './findRoute.js';
import { sharedFile } from '../testing/shared.js';

const BTC = 100_000_000_000; // msat
const policy = (p: Partial<Policy> = {}): Policy => ({ feeBaseMsat: 1000, feePpm: 1, cltvDelta: 40, minHtlcMsat: 0, disabled: false, ...p });
const channel = (a: string, b: string, capacityMsat: number, p: Partial<Policy> = {}, id = `${a}-${b}`): ChannelEdge => ({
  channelId: id,
  between: [a, b],
  capacityMsat,
  policies: [policy(p), policy(p)],
});

describe('BRIEF §5 example 3: four hops with fees', () => {
  // Every node charges 0.001 BTC and wants 1 block of delta; the payee's final delta is 7.
  const fee = { feeBaseMsat: 0.001 * BTC, feePpm: 0, cltvDelta: 1 };
  const names = ['alice', 'bob', 'carol', 'diana', 'eric'];
  const graph = buildGraph(names.slice(1).map((to, i) => channel(names[i]!, to, 4 * BTC, fee)));

  it('offers 1.003 / 1.002 / 1.001 / 1.000 BTC locked until +10 / +9 / +8 / +7', () => {
    const route = findRoute(graph, { source: 'alice', target: 'eric', amountMsat: 1 * BTC, currentHeight: 500, finalCltvDelta: 7 });
    expect(route).not.toBeNull();
    expect(route!.hops.map((h) => [h.from, h.to, h.amountMsat / BTC, h.expiryHeight - 500])).toEqual([
      ['alice', 'bob', 1.003, 10],
      ['bob', 'carol', 1.002, 9],
      ['carol', 'diana', 1.001, 8],
      ['diana', 'eric', 1.0, 7],
    ]);
    expect(route!.feeMsat).toBe(0.003 * BTC);
    // Each intermediary earns 0.001 BTC.
    expect(route!.hops.slice(0, 3).map((h) => h.feeMsat)).toEqual([0.001 * BTC, 0.001 * BTC, 0.001 * BTC]);
    expect(route!.totalCltv).toBe(10);
  });

  it('Sprites-style locks do not grow with the path', () => {
    const route = findRoute(graph, { source: 'alice', target: 'eric', amountMsat: 1 * BTC, currentHeight: 500, finalCltvDelta: 7, style: 'sprites' });
    expect(new Set(route!.hops.map((h) => h.expiryHeight))).toEqual(new Set([500 + 7 + 4]));
  });
});

describe('computeHops', () => {
  it('matches the DEFAULTS.md lock comparison: 690·v for Lightning, 225·v for Sprites (ℓ=5, δ=40, m=18)', () => {
    const path = ['a', 'b', 'c', 'd', 'e', 'f'].slice(1).map((to, i) => ({ channelId: `c${i}`, from: String.fromCharCode(97 + i), to, policy: policy({ feeBaseMsat: 0, feePpm: 0, cltvDelta: 40 }) }));
    const lockBlocks = (style: 'lightning' | 'sprites', finalCltvDelta: number) => computeHops(path, { amountMsat: 1, currentHeight: 0, finalCltvDelta, style }).reduce((s, h) => s + h.expiryHeight, 0);
    // Hop k from the payee waits final + δ·k (k = 0 … ℓ−1): ℓ·final + δ·ℓ(ℓ−1)/2.
    expect(lockBlocks('lightning', 18)).toBe(5 * 18 + 40 * 10);
    // DEFAULTS' ℓ·m + δ·ℓ(ℓ+1)/2 counts δ on the payee's hop too: final = m + δ.
    expect(lockBlocks('lightning', 18 + 40)).toBe(690);
    // Sprites: every hop waits Δ + ℓ with Δ = δ.
    expect(lockBlocks('sprites', 18)).toBe(225);
  });

  it('charges base + amount × ppm / 1e6 per intermediary', () => {
    const path = [
      { channelId: 'x', from: 'a', to: 'b', policy: policy() },
      { channelId: 'y', from: 'b', to: 'c', policy: policy({ feeBaseMsat: 1000, feePpm: 100 }) },
    ];
    const hops = computeHops(path, { amountMsat: 1_000_000, currentHeight: 0, finalCltvDelta: 18 });
    expect(hops.map((h) => h.amountMsat)).toEqual([1_000_000 + 1000 + 100, 1_000_000]);
    expect(totalFees(hops)).toBe(1100);
  });
});

describe('findRoute', () => {
  it('prefers the cheaper path and breaks ties deterministically', () => {
    const graph = buildGraph([
      channel('s', 'x', BTC, { feeBaseMsat: 5000 }),
      channel('x', 't', BTC, { feeBaseMsat: 5000 }),
      channel('s', 'y', BTC, { feeBaseMsat: 1000 }),
      channel('y', 't', BTC, { feeBaseMsat: 1000 }),
    ]);
    const route = findRoute(graph, { source: 's', target: 't', amountMsat: 1_000_000, currentHeight: 0, finalCltvDelta: 18 });
    expect(route!.hops.map((h) => h.to)).toEqual(['y', 't']);
    const a = findRoute(graph, { source: 's', target: 't', amountMsat: 1_000_000, currentHeight: 0, finalCltvDelta: 18, weight: () => 1 });
    const b = findRoute(graph, { source: 's', target: 't', amountMsat: 1_000_000, currentHeight: 0, finalCltvDelta: 18, weight: () => 1 });
    expect(a).toEqual(b);
  });

  it('returns null when there is no path, the amount exceeds capacity, or locks exceed the maximum', () => {
    const graph = buildGraph([channel('s', 'x', 1_000_000), channel('x', 't', 1_000_000), channel('u', 'v', BTC)]);
    const q = { source: 's', target: 't', currentHeight: 0, finalCltvDelta: 18 };
    expect(findRoute(graph, { ...q, amountMsat: 500_000 })).not.toBeNull();
    expect(findRoute(graph, { ...q, target: 'v', amountMsat: 1 })).toBeNull();
    expect(findRoute(graph, { ...q, amountMsat: 2_000_000 })).toBeNull();
    expect(findRoute(graph, { ...q, amountMsat: 1, maxTotalCltv: 50 })).toBeNull();
    expect(findRoute(graph, { ...q, source: 'nobody', amountMsat: 1 })).toBeNull();
  });

  it('avoids excluded channels (retries after a failure) and disabled directions', () => {
    const graph = buildGraph([channel('s', 'x', BTC), channel('x', 't', BTC), channel('s', 'y', BTC, { feeBaseMsat: 9000 }), channel('y', 't', BTC)]);
    const q = { source: 's', target: 't', amountMsat: 1000, currentHeight: 0, finalCltvDelta: 18 };
    expect(findRoute(graph, q)!.hops[0]!.to).toBe('x');
    expect(findRoute(graph, { ...q, excludeChannels: new Set(['x-t']) })!.hops[0]!.to).toBe('y');
    const disabled = buildGraph([{ channelId: 'st', between: ['s', 't'], capacityMsat: BTC, policies: [policy({ disabled: true }), policy()] }]);
    expect(findRoute(disabled, q)).toBeNull();
    expect(findRoute(disabled, { ...q, source: 't', target: 's' })).not.toBeNull();
  });

  it("respects the sender's knowledge of its own spendable balance", () => {
    const graph = buildGraph([channel('s', 't', BTC, {}, 'direct'), channel('s', 'x', BTC), channel('x', 't', BTC)]);
    const route = findRoute(graph, { source: 's', target: 't', amountMsat: 5000, currentHeight: 0, finalCltvDelta: 18, spendableMsat: (id) => (id === 'direct' ? 100 : undefined) });
    expect(route!.hops.map((h) => h.channelId)).toEqual(['s-x', 'x-t']);
  });

  it('can weigh success probability: it steers large payments toward bigger channels', () => {
    const graph = buildGraph([channel('s', 'x', 2_000_000, { feeBaseMsat: 0 }), channel('x', 't', 2_000_000, { feeBaseMsat: 0 }), channel('s', 'y', 100 * BTC, { feeBaseMsat: 2000 }), channel('y', 't', 100 * BTC, { feeBaseMsat: 2000 })]);
    const q = { source: 's', target: 't', amountMsat: 1_900_000, currentHeight: 0, finalCltvDelta: 18 };
    expect(findRoute(graph, q)!.hops[0]!.to).toBe('x');
    expect(findRoute(graph, { ...q, weight: withSuccessProbability(feeAndLockRisk()) })!.hops[0]!.to).toBe('y');
  });
});

describe('routing on the real 2019 snapshot (../shared/data)', () => {
  it('imports 3,648 nodes and finds routes between well-connected nodes', () => {
    const lnd = readLndGraph(sharedFile('data', 'lnd-describegraph-2019-03-09.json.gz'));
    expect(lnd.nodes.length).toBeGreaterThan(3000);
    expect(lnd.channels.length).toBeGreaterThan(30_000);
    const graph = buildGraph(lnd.channels);
    // The five best-connected nodes route to each other.
    const hubs = [...graph.nodes()].sort((a, b) => graph.degree(b) - graph.degree(a) || (a < b ? -1 : 1)).slice(0, 5);
    let found = 0;
    for (const source of hubs) for (const target of hubs) {
      if (source === target) continue;
      const route = findRoute(graph, { source, target, amountMsat: 10_000_000, currentHeight: 560_000, finalCltvDelta: 18 });
      if (route) {
        found++;
        expect(route.hops[0]!.from).toBe(source);
        expect(route.hops[route.hops.length - 1]!.to).toBe(target);
        expect(route.totalCltv).toBeLessThanOrEqual(2016);
      }
    }
    expect(found).toBeGreaterThanOrEqual(18);
  });
});
