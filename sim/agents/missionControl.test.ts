/**
 * Failures travel back and payers learn from them. Alice pays Dave twice over a diamond: the cheap
 * path alice→bob→dave has 1 sat on bob's side toward dave; the dear one alice→carol→dave has.
 * Without mission control each payment first tries bob and fails there (2 attempts each); with
 * it, the second payment goes straight through carol (1 attempt), because Bob's failure message
 * (temporary_channel_failure for 10 sat) bounded bob→dave. The same in full crypto (real onions
 * and error onions) and lazy mode.
 */
import { DEFAULT_MISSION_CONTROL } from '../router/index.js';
import { simulate } from '../testing/world.js';

function run(missionControl: boolean, crypto: 'full' | 'lazy' = 'lazy') {
  const sim = simulate({
    crypto,
    channels: [
      { between: ['alice', 'bob'], deposit: [100, 100], policy: { feeBase: 0 } },
      { between: ['bob', 'dave'], deposit: [1, 199], policy: { feeBase: 0 } },
      { between: ['alice', 'carol'], deposit: [100, 100], policy: { feeBase: 0 } },
      { between: ['carol', 'dave'], deposit: [100, 100], policy: { feeBase: 2 } },
    ],
    multiHop: missionControl ? { missionControl: DEFAULT_MISSION_CONTROL } : {},
  });
  sim.mineBlocks(3);
  sim.send('alice', 'dave', 10);
  sim.runFor(5_000);
  sim.send('alice', 'dave', 10);
  sim.runFor(5_000);
  return sim.network.payments.map((p) => ({ status: p.status, attempts: p.attempts, route: p.route }));
}

describe('failure messages and mission control', () => {
  test('without mission control every payment tries the dry channel first', () => {
    expect(run(false)).toEqual([
      { status: 'succeeded', attempts: 2, route: 'alice>carol>dave' },
      { status: 'succeeded', attempts: 2, route: 'alice>carol>dave' },
    ]);
  });
  test('with it the second payment avoids bob→dave at once', () => {
    expect(run(true)).toEqual([
      { status: 'succeeded', attempts: 2, route: 'alice>carol>dave' },
      { status: 'succeeded', attempts: 1, route: 'alice>carol>dave' },
    ]);
  });
  test('real onions and error onions give the same outcomes', () => {
    expect(run(true, 'full')).toEqual(run(true, 'lazy'));
  });
});
