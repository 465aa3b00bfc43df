import { rngStream } from '../../engine/rng.js';
import { generateTopology, type TopologyKind } from './generate.js';

const gen = (kind: TopologyKind, nodes = 200, degree = 2, seed = 1) =>
  generateTopology({ kind, nodes, degree, capacityMedianMsat: 1_000_000_000, capacitySigma: 1 }, rngStream(seed, 'topology'));

describe('generateTopology', () => {
  it('builds lines, rings and stars exactly', () => {
    expect(gen('line', 4).channels.map((c) => c.between)).toEqual([['n0', 'n1'], ['n1', 'n2'], ['n2', 'n3']]);
    expect(gen('ring', 4).channels).toHaveLength(4);
    expect(gen('star', 5).channels.every((c) => c.between[0] === 'n0')).toBe(true);
  });

  it('is reproducible per seed, with no self-loops or duplicate pairs', () => {
    for (const kind of ['scale-free', 'random'] as const) {
      const a = gen(kind);
      expect(gen(kind)).toEqual(a);
      expect(gen(kind, 200, 2, 2)).not.toEqual(a);
      const keys = a.channels.map((c) => [...c.between].sort().join('|'));
      expect(new Set(keys).size).toBe(keys.length);
      expect(a.channels.every((c) => c.between[0] !== c.between[1] && c.capacityMsat % 1000 === 0 && c.capacityMsat >= 20_000_000)).toBe(true);
    }
  });

  it('scale-free grows hubs: the best-connected tenth holds far more than a tenth of the channel ends', () => {
    const { nodes, channels } = gen('scale-free', 1000, 2);
    expect(channels).toHaveLength(2 * 1000 - 3);
    const degree = new Map(nodes.map((n) => [n, 0]));
    for (const c of channels) for (const n of c.between) degree.set(n, degree.get(n)! + 1);
    const sorted = [...degree.values()].sort((a, b) => b - a);
    const top = sorted.slice(0, 100).reduce((s, d) => s + d, 0);
    expect(top / (2 * channels.length)).toBeGreaterThan(0.25);
  });
});
