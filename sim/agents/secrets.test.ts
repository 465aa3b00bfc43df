/**
 * A party's secrets in one channel, its node's part shared: the funding key is the node's in
 * every channel, the revocation seed is the one derived from (scenario seed, channel, node), read
 * once and then kept.
 */
import { lazyKeyPairFromSeed } from '../crypto/index.js';
import { DerivedSecrets, revocationSeed } from './secrets.js';

describe('DerivedSecrets', () => {
  const alice = { funding: lazyKeyPairFromSeed('pcnsim/7/alice/funding'), scenarioSeed: 7, node: 'alice' };

  it('reads the node funding key and derives the channel seed from the scenario seed, channel and node', () => {
    const [c1, c2] = [new DerivedSecrets(alice, 'c1'), new DerivedSecrets(alice, 'c2')];
    expect(c1.funding).toBe(alice.funding);
    expect(c2.funding).toBe(alice.funding);
    expect(c1.revocationSeed).toEqual(revocationSeed(7, 'c1', 'alice'));
    expect(c2.revocationSeed).toEqual(revocationSeed(7, 'c2', 'alice'));
    expect(c1.revocationSeed).not.toEqual(c2.revocationSeed);
    expect(c1.revocationSeed).toBe(c1.revocationSeed); // derived once
    const bob = new DerivedSecrets({ funding: lazyKeyPairFromSeed('pcnsim/7/bob/funding'), scenarioSeed: 7, node: 'bob' }, 'c1');
    expect(bob.revocationSeed).not.toEqual(c1.revocationSeed);
    expect(bob.funding.publicKey).not.toEqual(c1.funding.publicKey);
  });
});
