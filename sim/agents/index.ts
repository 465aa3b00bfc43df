/** The agents module: what other modules use of it. */
export { breakEvenBelief, expectedGain, type CheaterSpec } from './cheater.js';
export { callContract } from './contractCall.js';
export type { ReceivePolicy } from './hooks.js';
export type { HopOutcome } from './hop.js';
export { LiveChannel } from './liveChannel.js';
export type { LiveOneWay } from './liveOneWay.js';
export type { MinerSpec } from './miner.js';
export { DEFAULT_MULTIHOP, type MppOptions, type MultiHopOptions } from './multihop.js';
export { Network, routableEdges, type ActionSpec, type ChannelKind, type ChannelSpec, type NetworkSpec, type PaymentRecord, type PaymentSpec } from './network.js';
export { probesNeeded } from './prober.js';
export type { ChannelEvent, ChannelEventKind } from './records.js';
export type { DirectionLimits } from './spec.js';
export { Wallet } from './wallet.js';
export type { WatchtowerSpec } from './watchtower.js';
