export { Chain } from './chain.js';
export { byFeeRateThenArrival } from './mempool.js';
export type { WatchHandle } from './watch.js';
export * from './types.js';
export { PREIMAGE_MANAGER, registerPreimageCall, type PreimageRegistration } from './preimageManager.js';
export { stampsOf } from './records.js';
export { Chains, DEFAULT_CHAIN, DEFAULT_INTERVAL_MS, type NamedChain } from './registry.js';
