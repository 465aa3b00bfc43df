/**
 * Background traffic: ordinary on-chain transactions from the rest of the world, arriving as a
 * Poisson process with seeded fees. They compete with channel transactions for block space.
 */
import type { Chain } from '../chain/index.js';
import type { Engine, Rng } from '../engine/index.js';
import { invariant } from '../errors.js';
import type { Msat } from '../units.js';
import type { Traffic } from './resolve.js';

export function startTraffic(engine: Engine, chain: Chain, traffic: Traffic, rng: Rng): void {
  const meanGapMs = 1000 / traffic.ratePerSecond;
  const { min, max } = traffic.feeMsat;
  const next = (): void => {
    const at = engine.now + Math.round(rng.exponential(meanGapMs));
    if (at > traffic.untilMs) return;
    engine.scheduleAt(at, () => {
      const feeMsat = (min + rng.int(max - min + 1)) as Msat;
      const result = chain.submit({ kind: 'background', feeMsat, weight: traffic.weight });
      invariant(result.ok, 'traffic-refused', 'the chain refused a background transaction');
      next();
    }, { label: 'traffic' });
  };
  next();
}
