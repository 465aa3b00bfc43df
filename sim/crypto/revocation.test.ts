import fc from 'fast-check';
import { fromHex, sha256, toHex } from './bytes.js';
import { encodePayload, sign, verify } from './sign.js';
import { MAX_INDEX, ShachainStore, revealedLock, revocationIndex, revocationLock, revocationSecret, shachainSecret } from './revocation.js';

const zeros = fromHex('00'.repeat(32));
const ones = fromHex('ff'.repeat(32));

describe('BOLT #3 Appendix D: generation tests', () => {
  it.each([
    ['generate_from_seed 0 final node', zeros, 281474976710655, '02a40c85b6f28da08dfdbe0926c53fab2de6d28c10301f8f7c4073d5e42e3148'],
    ['generate_from_seed FF final node', ones, 281474976710655, '7cc854b54e3e0dcdb010d7a3fee464a9687be6e8db3be6854c475621e007a5dc'],
    ['generate_from_seed FF alternate bits 1', ones, 0xaaaaaaaaaaa, '56f4008fb007ca9acf0e15b054d5c9fd12ee06cea347914ddbaed70d1c13a528'],
    ['generate_from_seed FF alternate bits 2', ones, 0x555555555555, '9015daaeb06dba4ccc05b91b2f73bd54405f2be9f217fbacd3c5ac2e62327d31'],
    ['generate_from_seed 01 last nontrivial node', fromHex('01'.repeat(32)), 1, '915c75942a26bb3a433a8ce2cb0427c29ec6c1775cfc78328b57f6ba7bfeaa9c'],
  ])('%s', (_, seed, index, expected) => {
    expect(toHex(shachainSecret(seed, index))).toBe(expected);
  });

  it('index 0 is the seed itself; inputs are checked', () => {
    expect(shachainSecret(ones, 0)).toEqual(ones);
    expect(() => shachainSecret(ones, MAX_INDEX + 1)).toThrow(RangeError);
    expect(() => shachainSecret(ones, -1)).toThrow(RangeError);
    expect(() => shachainSecret(ones, 1.5)).toThrow(RangeError);
    expect(() => shachainSecret(ones.slice(1), 1)).toThrow(RangeError);
  });
});

describe('BOLT #3 Appendix D: storage tests', () => {
  // Seed 0xFF…FF gives the correct secrets; incorrect entries are seeded with 0x00…00.
  const correct: Record<number, string> = {
    281474976710655: '7cc854b54e3e0dcdb010d7a3fee464a9687be6e8db3be6854c475621e007a5dc',
    281474976710654: 'c7518c8ae4660ed02894df8976fa1a3659c1a8b4b5bec0c4b872abeba4cb8964',
    281474976710653: '2273e227a5b7449b6e70f1fb4652864038b1cbf9cd7c043a7d6456b7fc275ad8',
    281474976710652: '27cddaa5624534cb6cb9d7da077cf2b22ab21e9b506fd4998a51d54502e99116',
    281474976710651: 'c65716add7aa98ba7acb236352d665cab17345fe45b55fb879ff80e6bd0c41dd',
    281474976710650: '969660042a28f32d9be17344e09374b379962d03db1574df5a8a5a47e19ce3f2',
    281474976710649: 'a5a64476122ca0925fb344bdc1854c1c0a59fc614298e50a33e331980a220f32',
    281474976710648: '05cde6323d949933f7f7b78776bcc1ea6d9b31447732e3802e1f7ac44b650e17',
  };
  const incorrect: Record<number, string> = {
    281474976710655: '02a40c85b6f28da08dfdbe0926c53fab2de6d28c10301f8f7c4073d5e42e3148',
    281474976710654: 'dddc3a8d14fddf2b68fa8c7fbad2748274937479dd0f8930d5ebb4ab6bd866a3',
    281474976710653: 'c51a18b13e8527e579ec56365482c62f180b7d5760b46e9477dae59e87ed423a',
    281474976710652: 'ba65d7b0ef55a3ba300d4e87af29868f394f8f138d78a7011669c79b37b936f4',
    281474976710651: '631373ad5f9ef654bb3dade742d09504c567edd24320d2fcd68e3cc47e2ff6a6',
    281474976710650: 'b7e76a83668bde38b373970155c868a653304308f9896692f904a23731224bb1',
    281474976710649: 'e7971de736e01da8ed58b94c2fc216cb1dca9e326f3a96e7194fe8ea8af6c0a3',
    281474976710648: 'a7efbc61aac46d34f77778bac22c8a20c6a46ca460addc49009bda875ec88fa4',
  };

  it('the listed secrets are generate_from_seed of 0xFF…FF (correct) and 0x00…00 (incorrect)', () => {
    for (const [i, hex] of Object.entries(correct)) expect(toHex(shachainSecret(ones, Number(i)))).toBe(hex);
    for (const [i, hex] of Object.entries(incorrect)) expect(toHex(shachainSecret(zeros, Number(i)))).toBe(hex);
  });

  // Each case inserts I = 281474976710655, 281474976710654, … in order: 'c' a correct secret,
  // 'w' an incorrect one, with the spec's output (OK or ERROR) for each insertion.
  it.each([
    ['insert_secret correct sequence', 'cccccccc', 'OK OK OK OK OK OK OK OK'],
    ['insert_secret #1 incorrect', 'wc', 'OK ERROR'],
    ['insert_secret #2 incorrect (#1 derived from incorrect)', 'wwcc', 'OK OK OK ERROR'],
    ['insert_secret #3 incorrect', 'ccwc', 'OK OK OK ERROR'],
    ['insert_secret #4 incorrect (1,2,3 derived from incorrect)', 'wwwwcccc', 'OK OK OK OK OK OK OK ERROR'],
    ['insert_secret #5 incorrect', 'ccccwc', 'OK OK OK OK OK ERROR'],
    ['insert_secret #6 incorrect (5 derived from incorrect)', 'ccccwwcc', 'OK OK OK OK OK OK OK ERROR'],
    ['insert_secret #7 incorrect', 'ccccccwc', 'OK OK OK OK OK OK OK ERROR'],
    ['insert_secret #8 incorrect', 'cccccccw', 'OK OK OK OK OK OK OK ERROR'],
  ])('%s', (_, kinds, outputs) => {
    const store = new ShachainStore();
    const got = [...kinds].map((kind, k) => {
      const index = MAX_INDEX - k;
      const secret = fromHex((kind === 'c' ? correct : incorrect)[index]!);
      return store.insert(index, secret) ? 'OK' : 'ERROR';
    });
    expect(got.join(' ')).toBe(outputs);
  });

  it('a refused secret is not stored', () => {
    const store = new ShachainStore();
    expect(store.insert(MAX_INDEX, fromHex(incorrect[MAX_INDEX]!))).toBe(true);
    expect(store.insert(MAX_INDEX - 1, fromHex(correct[MAX_INDEX - 1]!))).toBe(false);
    expect(store.derive(MAX_INDEX - 1)).toBeUndefined();
    expect(store.size).toBe(1);
  });
});

describe('ShachainStore', () => {
  const seed = fromHex('12'.repeat(32));

  it('keeps at most 49 secrets (O(log n)) over thousands of insertions and derives every earlier one', () => {
    const store = new ShachainStore();
    const n = 5000;
    for (let i = 0; i < n; i++) {
      expect(store.insert(MAX_INDEX - i, shachainSecret(seed, MAX_INDEX - i))).toBe(true);
      expect(store.size).toBeLessThanOrEqual(Math.min(49, Math.floor(Math.log2(i + 1)) + 1));
    }
    for (let i = 0; i < n; i++) expect(toHex(store.derive(MAX_INDEX - i)!)).toBe(toHex(shachainSecret(seed, MAX_INDEX - i)));
    expect(store.derive(MAX_INDEX - n)).toBeUndefined();
  });

  it('any start, any count: derives exactly the inserted indexes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.maxSafeNat(), fc.integer({ min: 1, max: 200 }), (s, start, count) => {
        const top = Math.max(start % (MAX_INDEX + 1), count - 1);
        const store = new ShachainStore();
        for (let i = 0; i < count; i++) if (!store.insert(top - i, shachainSecret(s, top - i))) return false;
        for (let i = 0; i < count; i++) if (toHex(store.derive(top - i)!) !== toHex(shachainSecret(s, top - i))) return false;
        // Above the newest index only what a stored prefix covers is derivable, and then correctly.
        const above = top === MAX_INDEX ? undefined : store.derive(top + 1);
        const aboveOk = above === undefined || toHex(above) === toHex(shachainSecret(s, top + 1));
        return store.size <= 49 && aboveOk && (top - count < 0 || store.derive(top - count) === undefined);
      }),
      { seed: 8, numRuns: 60 },
    );
  });

  it('refuses secrets out of descending order, and a different secret for a stored index', () => {
    const store = new ShachainStore();
    expect(store.insert(MAX_INDEX, shachainSecret(seed, MAX_INDEX))).toBe(true);
    expect(store.insert(MAX_INDEX - 2, shachainSecret(seed, MAX_INDEX - 2))).toBe(false); // skips one
    expect(store.insert(MAX_INDEX, shachainSecret(zeros, MAX_INDEX))).toBe(false); // overwrite
    expect(store.insert(MAX_INDEX, shachainSecret(seed, MAX_INDEX))).toBe(true); // same again: no-op
    expect(store.size).toBe(1);
    expect(store.insert(MAX_INDEX - 1, shachainSecret(seed, MAX_INDEX - 1))).toBe(true);
  });

  it('a secret derives the indexes its prefix covers: index 0 (the seed, slot 48) derives everything', () => {
    const store = new ShachainStore();
    expect(store.insert(8, shachainSecret(seed, 8))).toBe(true); // 0b1000 covers 8…15
    expect(store.derive(15)).toEqual(shachainSecret(seed, 15));
    expect(store.derive(16)).toBeUndefined();
    for (const i of [7, 6, 5, 4, 3, 2, 1, 0]) expect(store.insert(i, shachainSecret(seed, i))).toBe(true);
    expect(store.derive(MAX_INDEX)).toEqual(shachainSecret(seed, MAX_INDEX));
    expect(store.insert(0, shachainSecret(zeros, 0))).toBe(false);
  });

  it('keeps its own copies: mutating inputs or outputs changes nothing', () => {
    const store = new ShachainStore();
    const secret = shachainSecret(seed, MAX_INDEX);
    store.insert(MAX_INDEX, secret);
    secret[0] = secret[0]! ^ 1;
    const out = store.derive(MAX_INDEX)!;
    out[1] = out[1]! ^ 1;
    expect(store.derive(MAX_INDEX)).toEqual(shachainSecret(seed, MAX_INDEX));
  });

  it('checks its inputs', () => {
    const store = new ShachainStore();
    expect(() => store.insert(-1, seed)).toThrow(RangeError);
    expect(() => store.insert(MAX_INDEX, seed.slice(1))).toThrow(RangeError);
    expect(() => store.derive(2 ** 48)).toThrow(RangeError);
  });
});

describe('revocation locks of pcnsim sequences', () => {
  const seed = fromHex('34'.repeat(32));

  it('sequence s uses BOLT index 2^48 − 1 − s (BOLT counts down)', () => {
    expect(revocationIndex(1)).toBe(281474976710654);
    expect(revocationSecret(seed, 1)).toEqual(shachainSecret(seed, 281474976710654));
    expect(revocationSecret(seed, 5)).toEqual(shachainSecret(seed, MAX_INDEX - 5));
    for (const bad of [0, -1, 1.5, 2 ** 48]) expect(() => revocationIndex(bad)).toThrow(RangeError);
  });

  it('a seed of another length is hashed to the 32-byte shachain seed first; an empty one is refused', () => {
    const short = fromHex('abcdef');
    expect(revocationSecret(short, 3)).toEqual(revocationSecret(sha256(short), 3));
    expect(() => revocationSecret(new Uint8Array(0), 1)).toThrow(RangeError);
    expect(() => revocationSecret('seed' as unknown as Uint8Array, 1)).toThrow(TypeError);
  });

  it('the lock is the key pair of the sequence secret, distinct per sequence', () => {
    const lock = revocationLock(seed, 7);
    expect(lock.secretKey).toEqual(revocationSecret(seed, 7));
    expect(lock.id).not.toBe(revocationLock(seed, 8).id);
    expect(revocationLock(seed, 7).id).toBe(lock.id);
  });

  it('a defender rebuilds the key of any revealed sequence from O(log n) secrets and proves the revocation (BRIEF §2)', () => {
    const store = new ShachainStore();
    for (let s = 1; s <= 100; s++) expect(store.insert(revocationIndex(s), revocationSecret(seed, s))).toBe(true);
    expect(store.size).toBeLessThanOrEqual(8);
    for (let s = 1; s <= 100; s++) expect(revealedLock(store, s)?.id).toBe(revocationLock(seed, s).id);
    expect(revealedLock(store, 101)).toBeUndefined();

    const proof = sign(revealedLock(store, 42)!.secretKey, encodePayload('pcnsim/revocation', ['alice-bob', 42]));
    expect(verify(proof, encodePayload('pcnsim/revocation', ['alice-bob', 42]), revocationLock(seed, 42).publicKey)).toBe(true);
    expect(verify(proof, encodePayload('pcnsim/revocation', ['alice-bob', 43]), revocationLock(seed, 42).publicKey)).toBe(false);
  });
});
