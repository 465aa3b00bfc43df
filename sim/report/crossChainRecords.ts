/**
 * The rows and records of the protocols beyond one chain's payment channels — atomic swaps (on
 * chain and over Lightning), the malleability stories, generalized state channels and Perun
 * virtual channels — as the runner hands them to the report (CrossChainRecords). They live here,
 * with the other records, so that report/ depends on no protocol module.
 */

/** How an HTLC ended at one hop: fulfilled or failed off chain; claimed, timed out or taken on chain. */
export type HtlcOutcome = 'fulfilled' | 'failed' | 'claimed' | 'timedOut' | 'taken';

/** A generalized state channel's contract phase (statechannel/adjudicator.ts). */
export type StateChannelPhase = 'Funding' | 'Open' | 'Disputed' | 'Closed';

export type SwapStep = 'agree' | 'lock' | 'claim' | 'refund' | 'learn-secret' | 'stop' | 'decline' | 'claim-refused';

export interface SwapEvent {
  readonly time: number;
  readonly swap: string;
  readonly node: string;
  readonly chain: string;
  readonly step: SwapStep;
  /** TX1 … TX4, when the step is a transaction. */
  readonly tx?: 'TX1' | 'TX2' | 'TX3' | 'TX4';
  readonly detail?: string;
}

export type SwapOutcome = 'completed' | 'unwound' | 'initiator-took-both' | 'responder-took-both' | 'pending';

export interface SwapRecord {
  readonly id: string;
  readonly initiator: string;
  readonly responder: string;
  readonly outcome: SwapOutcome;
  /** TX1's and TX3's final phase (contract.ts). */
  readonly tx1: string;
  readonly tx3: string;
  /** Price of one responder-coin msat in initiator-coin msat, where the initiator decided (or the swap ended). */
  readonly valuationPrice: number;
  /** Each side's gain valued in the initiator's coin at `valuationPrice`, msat (fees included). */
  readonly initiatorGainMsat: number;
  readonly responderGainMsat: number;
}

/**
 * 'refused': the payer's HTLC was failed back (or could not be offered) before anything moved;
 * 'exchange-lost': the payee was paid and the payer refunded; 'payer-lost': the reverse (an
 * exchange that kept both); 'pending': a leg still locked at the end, or not started.
 */
export type LightningSwapOutcome = 'completed' | 'unwound' | 'refused' | 'exchange-lost' | 'payer-lost' | 'pending';

/** invoice: the payee draws R; offer: an HTLC is offered; refuse/stop: the exchange does not forward; withhold: the payee keeps R; settle: R travels back; resolved: a leg ended. */
export type LightningStep = 'invoice' | 'offer' | 'refuse' | 'stop' | 'withhold' | 'settle' | 'resolved';

export interface LightningSwapEvent {
  readonly time: number;
  readonly swap: string;
  readonly chain: string;
  readonly node: string;
  readonly step: LightningStep;
  readonly what: string;
}

export interface LightningSwapRecord {
  readonly id: string;
  readonly payer: string;
  readonly exchange: string;
  readonly payee: string;
  readonly outcome: LightningSwapOutcome;
  readonly payMsat: number;
  readonly receiveMsat: number;
  /** Each leg's HTLC expiry, in its chain's blocks, and when that block is due (fixed intervals). */
  readonly payExpiryHeight: number;
  readonly receiveExpiryHeight: number;
  readonly payExpiryDueMs: number;
  readonly receiveExpiryDueMs: number;
  /** How each leg's HTLC ended ('none': never offered). */
  readonly payLeg: HtlcOutcome | 'none' | 'locked';
  readonly receiveLeg: HtlcOutcome | 'none' | 'locked';
}

export interface MalleabilityEvent {
  readonly time: number;
  readonly node: string;
  readonly what: string;
}

export interface StateChannelEvent {
  readonly time: number;
  readonly channel: string;
  readonly node: string;
  readonly what: string;
}

export interface StateChannelRecord {
  readonly id: string;
  readonly phase: StateChannelPhase;
  /** The version the channel closed on and how it got there. */
  readonly finalVersion: number | undefined;
  readonly closedBy: 'conclude' | 'finalize' | undefined;
  readonly onChainMoves: number;
  readonly disputes: number;
  /** What the adjudicator paid each party, and the fees each paid for its calls (funding included). */
  readonly paidMsat: Readonly<Record<string, number>>;
  readonly feesMsat: Readonly<Record<string, number>>;
}

export interface PerunPayment {
  readonly atMs: number;
  readonly from: string;
  readonly to: string;
  readonly amountMsat: number;
  readonly ok: boolean;
  readonly latencyMs: number;
  readonly reason?: string;
}

export interface PerunEvent {
  readonly time: number;
  readonly channel: string;
  readonly node: string;
  readonly what: string;
}

export interface PerunRecord {
  readonly id: string;
  readonly opened: boolean;
  readonly finalVersion: number | undefined;
  readonly finalBalances: Readonly<Record<string, number>>;
  readonly paymentsSucceeded: number;
  readonly paymentsFailed: number;
  readonly paidWhileIntermediaryOffline: number;
  readonly alphaClosedBy: 'off-chain' | 'chain' | 'open';
  readonly betaClosedBy: 'off-chain' | 'chain' | 'open';
  /** What Bob locks for γ (xC in α plus xA in β), and that times how long, in msat·s. */
  readonly intermediaryCollateralMsat: number;
  readonly intermediaryLockedMsatSeconds: number;
  /** Each node's money in ledger channels still open on chain (free balance + its part of a lock). */
  readonly ledgerMsat: Readonly<Record<string, number>>;
  readonly feesMsat: Readonly<Record<string, number>>;
  readonly payments: readonly PerunPayment[];
}
