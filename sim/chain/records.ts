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
  /** Where each transaction's row is in `txs` (a row is replaced at each step). */
  private readonly at = new Map<string, number>();

  submitted(tx: Tx): void {
    const contractFeeMsat = tx.contractFeeMsat ?? 0;
    this.at.set(tx.id, this.txs.length);
    this.txs.push(
      Object.assign(
        { id: tx.id, kind: tx.kind, feeMsat: (tx.feeMsat + contractFeeMsat) as Msat },
        contractFeeMsat > 0 ? { contractFeeMsat: contractFeeMsat as Msat } : undefined,
        { weight: tx.weight, submittedAt: tx.submittedAt },
        tx.sender !== undefined ? { sender: tx.sender } : undefined,
        { status: 'waiting' as const },
      ),
    );
  }

  valid(tx: Tx, at: number): void {
    this.step(tx, (row) => Object.assign({}, row, { status: 'pending' as const, validAt: at }));
  }

  mined(block: Block, included: readonly Tx[], drops: readonly (readonly [Tx, DropReason])[], mempoolAfter: number): void {
    const { height, time, timestamp, weight, censoring } = block;
    this.blocks.push({ height, time, timestamp, txCount: included.length, weight, mempoolAfter, censoring });
    for (const tx of included) {
      this.step(tx, (row) => {
        if (row.status !== 'pending') throw new InvariantError('confirmed-not-pending', `${tx.id}: confirmed from status ${row.status}`);
        return Object.assign({}, row, { status: 'confirmed' as const, confirmedHeight: height, confirmedAt: time });
      });
    }
    for (const [tx, reason] of drops) this.step(tx, (row) => Object.assign({}, row, { status: 'dropped' as const, dropped: reason, droppedAt: time }));
  }

  /** Rows are copied with Object.assign, not spread: in V8 each spread literal gets a hidden class of its own (62,000 rows on a real snapshot). */
  private step(tx: Tx, next: (row: TxRecord) => TxRecord): void {
    const i = this.at.get(tx.id)!;
    this.txs[i] = next(this.txs[i]!);
  }
}

/** A row's stamps whatever its status (those it does not have yet are undefined): for comparing times. */
export function stampsOf(r: TxRecord): TxSubmitted & { readonly status: TxRecord['status']; readonly validAt?: number; readonly confirmedHeight?: number; readonly confirmedAt?: number; readonly dropped?: DropReason; readonly droppedAt?: number } {
  return r;
}
