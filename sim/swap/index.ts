/** The swap module: what other modules use of it. */
export { LightningSwap, type ChainSide } from './lightning.js';
export type { LightningSwapEvent, LightningSwapSpec } from './lightningSpec.js';
export { lightningSwapStory } from './lightningStory.js';
export { freeOptionValue } from './price.js';
export type { SwapEvent, SwapSide, SwapSpec } from './spec.js';
export { clock, swapStory } from './story.js';
export { AtomicSwap } from './swap.js';
