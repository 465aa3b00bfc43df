/** The channel module: what other modules use of it. */
export { freezeTerms, isHtlc, other, revocationPayload, signTerms, type Freeze, type HtlcTerm, type Pair, type Side, type SignedCommitment, type Terms } from './commitment.js';
export { construct, freezeEnd, step, type CallContext, type ContractInput, type ContractRules, type Parties, type Step, type TowerReward, type VirtualBank } from './contract.js';
export { PureContractHost, oneWayHost, virtualBankHost, type HostContext, type HostPayout, type OneWayHost, type Transition, type VirtualBankHost, type VirtualBankTransition } from './host.js';
export { DEFAULT_LIMITS, addHtlc, failHtlc, fulfillHtlc, htlcsOf, reserveMsat, type HtlcLimits } from './htlc.js';
export type { RegisteredAt } from './htlcRules.js';
export { constructOneWay, oneWayPayload, validFrom, type OneWay, type OneWayInput, type OneWayTerms } from './oneWay.js';
export { Channel, type ChannelConfig, type CryptoMode, type PartySecrets } from './protocol.js';
export { fundSide, heldMsat, payoutsOf, unfunded } from './twoPartyFunding.js';
export { weightOf, type ChannelTxKind } from './weights.js';
