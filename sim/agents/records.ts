/**
 * What the agents layer records for reports: one row per channel event. Reports compute every
 * summary from these rows (STYLE §15); nothing is tallied on the side.
 */
export type ChannelEventKind =
  | 'open' // both deposits confirmed deep enough: the channel is usable
  | 'pay' // an off-chain RSMC update
  | 'pay-failed'
  | 'cash' // a commitment confirmed: defender paid, attacker's bond frozen
  | 'revoked-broadcast' // the cashed commitment had been revoked (cheating)
  | 'penalty' // the defender took the bond with the revocation proof
  | 'tower-justice' // a watchtower submitted the penalty for its offline client
  | 'withdraw' // the attacker took its bond after the freeze
  | 'cheat-succeeded' // … and the commitment it cashed had been revoked
  | 'cooperative-close'
  | 'settle' // one-way channel: the payee settled the newest state
  | 'refund' // one-way channel: the payer took everything back after the refund lock
  | 'rejected' // a transaction the contract refused (e.g. a penalty that arrived too late)
  | 'htlc-add' // an HTLC offered off-chain (amount locked)
  | 'htlc-settle' // an HTLC fulfilled or failed off-chain (amount unlocked)
  | 'htlc-claim' // a pending HTLC claimed on chain with its preimage
  | 'htlc-timeout'; // a pending HTLC refunded to its offerer on chain after its expiry

export interface ChannelEvent {
  readonly time: number;
  readonly height: number;
  readonly channel: string;
  readonly kind: ChannelEventKind;
  /** The acting node (payer, attacker, defender, closer). */
  readonly node: string;
  readonly sequence?: number;
  readonly amountMsat?: number;
  /** For a penalty: the part of `amountMsat` that was the attacker's bond (the rest: pending HTLCs). */
  readonly bondMsat?: number;
  readonly detail?: string;
  /** For an HTLC: the height at which it expires. */
  readonly expiryHeight?: number;
}

/**
 * Rows as they are produced, in order: kept in memory (games, tests, small runs) and/or handed
 * to listeners (streaming writers and the report's accumulators, so a run of a million payments
 * keeps memory flat).
 */
export class RowLog<T> {
  private readonly kept: T[] = [];
  private readonly listeners: ((row: T) => void)[] = [];
  /** Keep rows in memory (default); off, they only reach the listeners. */
  keep = true;

  listen(listener: (row: T) => void): void {
    this.listeners.push(listener);
  }

  push(row: T): void {
    if (this.keep) this.kept.push(row);
    for (const listener of this.listeners) listener(row);
  }

  /** The rows kept so far (empty when not keeping). */
  get rows(): readonly T[] {
    return this.kept;
  }
}

export class Recorder extends RowLog<ChannelEvent> {
  override push(event: ChannelEvent): void {
    super.push(Object.freeze(event));
  }

  get events(): readonly ChannelEvent[] {
    return this.rows;
  }
}
