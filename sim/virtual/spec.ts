/** What a Perun virtual channel is given (scenario `virtualChannels:`) and what it records. */
export interface PerunSpec {
  readonly id: string;
  /** Alice, Bob (the intermediary), Carol. */
  readonly nodes: readonly [string, string, string];
  /** Deposits of α (Alice, Bob) and β (Bob, Carol). */
  readonly alpha: readonly [number, number];
  readonly beta: readonly [number, number];
  /** γ's deposits (xA, xC). */
  readonly virtual: readonly [number, number];
  readonly openAtMs: number;
  /** γ's validity period, after which it is settled through α and β. */
  readonly validForMs: number;
  readonly challengeSeconds: number;
  /** One-way latency of an off-chain message. */
  readonly messageMs: number;
  readonly payments: readonly { readonly atMs: number; readonly from: string; readonly amountMsat: number }[];
  readonly offline: readonly { readonly node: string; readonly fromMs: number; readonly untilMs: number }[];
  /**
   * Who cheats at the close, on α: Bob registers α's locked version with no γ version (the
   * opening split), or Alice registers it and shows γ's version 0 (what she had before paying).
   */
  readonly cheat: string | undefined;
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
