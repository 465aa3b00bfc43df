/** Crypto for pcnsim: keys, signatures over canonical payloads, hash locks, revocation secrets. */
export { fromHex, sha256, toHex } from './bytes.js';
export { keyPairFromSecret, keyPairFromSeed, lazyKeyPairFromSeed, publicKeysOf, type KeyPair } from './keys.js';
export { encodePayload, sign, verify, type PayloadField, type Signature } from './sign.js';
export { hashLock, opens, preimageFromSeed, type HashLock, type Preimage } from './hashlock.js';
export {
  MAX_INDEX,
  ShachainStore,
  revealedLock,
  revocationIndex,
  revocationLock,
  revocationSecret,
  shachainSecret,
} from './revocation.js';
export { concat, equalBytes, utf8 } from './bytes.js';
