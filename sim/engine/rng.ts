/**
 * Seeded random streams. Every component and agent draws from its own stream, derived from the
 * scenario seed and a stable name, so adding an agent does not shift anyone else's draws
 * (STYLE §2). Built on seedrandom's Alea generator (fast, good enough for simulation).
 */
import seedrandom from 'seedrandom';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Exponentially distributed with the given mean. */
  exponential(mean: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

/** The stream named `name` under `seed`. Same (seed, name) ⇒ same sequence of draws. */
export function rngStream(seed: number | string, name: string): Rng {
  const prng = seedrandom.alea(`pcnsim/${seed}/${name}`);
  const next = (): number => prng();
  return {
    next,
    int(n) {
      if (!(n > 0)) throw new RangeError(`Rng.int: n must be positive, got ${n}`);
      return Math.floor(next() * n);
    },
    chance(p) {
      return p >= 1 ? true : p <= 0 ? false : next() < p;
    },
    exponential(mean) {
      // 1 - u is in (0, 1], so the log is finite.
      return -mean * Math.log(1 - next());
    },
    normal() {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('Rng.pick: empty list');
      return items[Math.floor(next() * items.length)]!;
    },
  };
}

/** A factory of named streams under one seed; hand it to components instead of the raw seed. */
export class RngStreams {
  constructor(readonly seed: number | string) {}

  stream(name: string): Rng {
    return rngStream(this.seed, name);
  }
}
