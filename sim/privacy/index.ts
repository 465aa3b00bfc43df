/** The privacy module: what other modules use of it. */
export type { PaymentInference } from './coalition.js';
export { cltvBudget, payeeCandidates, payerCandidates } from './estimate.js';
export type { CoalitionSpec, HopView, PrivacyRecords, PrivacySpec } from './records.js';
export { PrivacyWatch } from './watch.js';
