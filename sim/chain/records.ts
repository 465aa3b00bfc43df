/**
 * The chain's report rows (summaries are computed from these, STYLE §15): one per transaction,
 * stamped when it is submitted, when it enters the mempool, and when it confirms or is dropped;
 * one per block.
 */
import type { Msat } from '../units.js';
import { InvariantError } from '../errors.js';
import type { Block, BlockRecord, DropReason, Tx, TxRecord, TxSubmitted } from './types.js';

export class ChainRecords {
  readonly txs: TxRecord[] = [];
  readonly blocks: BlockRecord[] = [];
  /**
   * Where the row of each transaction still waiting or pending is in `txs`. A confirmed or dropped
   * row never changes again, so its entry goes: a real snapshot's 62,000 deposits otherwise keep a
   * 1.8 MB table alive for the whole run.
   */
  private readonly at = new Map<string, number>();

  submitted(tx: Tx): void {
    const contractFeeMsat = tx.contractFeeMsat ?? 0;
    this.at.set(tx.id, this.txs.length);
    // The common row (a sender, no contract fee: every deposit) as one literal, its fields inside
    // the object: built field by field they went to a separate store, 16 bytes more per row.
    this.txs.push(
      contractFeeMsat === 0 && tx.sender !== undefined
        ? { id: tx.id, kind: tx.kind, feeMsat: tx.feeMsat, weight: tx.weight, submittedAt: tx.submittedAt, sender: tx.sender, status: 'waiting' }
        : Object.assign(
            { id: tx.id, kind: tx.kind, feeMsat: (tx.feeMsat + contractFeeMsat) as Msat },
            contractFeeMsat > 0 ? { contractFeeMsat: contractFeeMsat as Msat } : undefined,
            { weight: tx.weight, submittedAt: tx.submittedAt },
            tx.sender !== undefined ? { sender: tx.sender } : undefined,
            { status: 'waiting' as const },
          ),
    );
  }

  valid(tx: Tx, at: number): void {
    this.step(tx, { status: 'pending', validAt: at });
  }

  mined(block: Block, included: readonly Tx[], drops: readonly (readonly [Tx, DropReason])[], mempoolAfter: number): void {
    const { height, time, timestamp, weight, censoring } = block;
    this.blocks.push({ height, time, timestamp, txCount: included.length, weight, mempoolAfter, censoring });
    for (const tx of included) {
      const status = this.rowOf(tx)?.status ?? 'final';
      if (status !== 'pending') throw new InvariantError('confirmed-not-pending', `${tx.id}: confirmed from status ${status}`);
      this.step(tx, { status: 'confirmed', confirmedHeight: height, confirmedAt: time });
      this.at.delete(tx.id);
    }
    for (const [tx, reason] of drops) {
      this.step(tx, { status: 'dropped', dropped: reason, droppedAt: time });
      this.at.delete(tx.id);
    }
  }

  /** The row of a transaction not yet confirmed or dropped. */
  private rowOf(tx: Tx): TxRecord | undefined {
    const i = this.at.get(tx.id);
    return i === undefined ? undefined : this.txs[i];
  }

  /**
   * A row is changed in place, its new fields after the old (as a copy with Object.assign would
   * have them): a copy per step left 62,000 pending rows of a real snapshot's deposits as garbage
   * old enough to be promoted, about 7 MB. Rows are only read once the run is over.
   */
  private step(tx: Tx, changes: object): void {
    const row = this.rowOf(tx);
    if (!row) throw new InvariantError('final-row-changed', `${tx.id}: already confirmed or dropped`);
    Object.assign(row, changes);
  }
}

/** A row's stamps whatever its status (those it does not have yet are undefined): for comparing times. */
export function stampsOf(r: TxRecord): TxSubmitted & { readonly status: TxRecord['status']; readonly validAt?: number; readonly confirmedHeight?: number; readonly confirmedAt?: number; readonly dropped?: DropReason; readonly droppedAt?: number } {
  return r;
}
