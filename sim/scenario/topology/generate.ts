/**
 * Seeded topology generators. Capacities are heavy-tailed (lognormal) like the real network's,
 * where a few channels hold most of the capacity; every draw comes from the given stream.
 *
 * - scale-free: Barabási–Albert preferential attachment, `degree` channels per new node (hubs emerge);
 * - random: `nodes × degree / 2` channels between uniformly drawn pairs (Erdős–Rényi G(n, M));
 * - star: one hub (n0) with a channel to every other node;
 * - line / ring: n0 – n1 – … (– n0).
 */
import type { Rng } from '../../engine/index.js';

export type TopologyKind = 'scale-free' | 'random' | 'star' | 'line' | 'ring';

export interface GeneratedChannel {
  readonly between: readonly [string, string];
  readonly capacityMsat: number;
}

export interface GenerateOptions {
  readonly kind: TopologyKind;
  readonly nodes: number;
  /** Channels per new node (scale-free) or average degree (random). */
  readonly degree: number;
  /** Median channel capacity and the spread of its logarithm. */
  readonly capacityMedianMsat: number;
  readonly capacitySigma: number;
}

export function generateTopology(options: GenerateOptions, rng: Rng): { nodes: string[]; channels: GeneratedChannel[] } {
  const names = Array.from({ length: options.nodes }, (_, i) => `n${i}`);
  const pairs = pairsFor(options, rng);
  const capacity = (): number => {
    const sat = Math.round((options.capacityMedianMsat / 1000) * Math.exp(options.capacitySigma * rng.normal()));
    return Math.max(20_000, sat) * 1000; // at least 20 000 sat, whole sat
  };
  return { nodes: names, channels: pairs.map(([a, b]) => ({ between: [names[a]!, names[b]!] as const, capacityMsat: capacity() })) };
}

function pairsFor(o: GenerateOptions, rng: Rng): [number, number][] {
  const n = o.nodes;
  const pairs: [number, number][] = [];
  const seen = new Set<string>();
  const add = (a: number, b: number): boolean => {
    if (a === b) return false;
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (seen.has(key)) return false;
    seen.add(key);
    pairs.push([a, b]);
    return true;
  };
  switch (o.kind) {
    case 'line':
    case 'ring':
      for (let i = 1; i < n; i++) add(i - 1, i);
      if (o.kind === 'ring' && n > 2) add(n - 1, 0);
      return pairs;
    case 'star':
      for (let i = 1; i < n; i++) add(0, i);
      return pairs;
    case 'random': {
      const target = Math.min(Math.floor((n * o.degree) / 2), (n * (n - 1)) / 2);
      while (pairs.length < target) add(rng.int(n), rng.int(n));
      return pairs;
    }
    case 'scale-free': {
      const m = Math.max(1, Math.min(o.degree, n - 1));
      // A list with each node repeated once per channel end: drawing from it is drawing by degree.
      const ends: number[] = [];
      for (let i = 0; i <= m && i < n; i++) for (let j = 0; j < i; j++) if (add(j, i)) ends.push(i, j);
      for (let v = m + 1; v < n; v++) {
        let made = 0;
        while (made < m) {
          const u = ends.length ? ends[rng.int(ends.length)]! : rng.int(v);
          if (add(u, v)) {
            ends.push(u, v);
            made++;
          }
        }
      }
      return pairs;
    }
  }
}
