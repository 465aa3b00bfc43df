/** A generated network has its own seed: the run's seed never redraws it; topology.seed does. */
import { scenarioFromData } from '../load.js';

const doc = (seed: number, topologySeed?: number) => ({
  name: 'net',
  seed,
  topology: { generate: 'random', nodes: 30, degree: 3, balance: 'random', ...(topologySeed !== undefined ? { seed: topologySeed } : {}) },
});
const channels = (d: unknown) => scenarioFromData(d, 'net.yaml').network.channels.map((c) => `${c.id}:${c.deposit.join('/')}`);

describe('topology.seed', () => {
  it('draws the network: the same topology.seed gives the same channels whatever the scenario seed', () => {
    expect(channels(doc(1, 5))).toEqual(channels(doc(2, 5)));
    expect(channels(doc(1, 5))).not.toEqual(channels(doc(1, 6)));
  });

  it("defaults to the scenario's seed", () => {
    expect(channels(doc(5))).toEqual(channels(doc(9, 5)));
    expect(channels(doc(5))).not.toEqual(channels(doc(6)));
  });
});
