/** What a Perun virtual channel is given (scenario `virtualChannels:`) and what it records. */
export type { PerunPayment, PerunEvent, PerunRecord } from '../report/index.js';
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



