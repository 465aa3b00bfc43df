/** The virtual module: what other modules use of it. */
export { PerunVirtualChannel } from './perun.js';
export type { PerunEvent, PerunSpec } from './spec.js';
