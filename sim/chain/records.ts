/**
 * The chain's report rows (summaries are computed from these, STYLE §15): one per transaction,
 * stamped when it is submitted, when it enters the mempool, and when it confirms or is dropped;
 * one per block.
 */
import type { Msat } from '../units.js';
import type { Block, BlockRecord, DropReason, Tx, TxRecord } from './types.js';

export class ChainRecords {
  readonly txs: TxRecord[] = [];
  readonly blocks: BlockRecord[] = [];
  private readonly byId = new Map<string, TxRecord>();

  submitted(tx: Tx): void {
    const contractFeeMsat = tx.contractFeeMsat ?? 0;
    const record: TxRecord = {
      id: tx.id,
      kind: tx.kind,
      feeMsat: (tx.feeMsat + contractFeeMsat) as Msat,
      ...(contractFeeMsat > 0 ? { contractFeeMsat: contractFeeMsat as Msat } : {}),
      weight: tx.weight,
      submittedAt: tx.submittedAt,
      ...(tx.sender !== undefined ? { sender: tx.sender } : {}),
    };
    this.txs.push(record);
    this.byId.set(tx.id, record);
  }

  valid(tx: Tx, at: number): void {
    this.byId.get(tx.id)!.validAt = at;
  }

  mined(block: Block, included: readonly Tx[], drops: readonly (readonly [Tx, DropReason])[], mempoolAfter: number): void {
    const { height, time, timestamp, weight, censoring } = block;
    this.blocks.push({ height, time, timestamp, txCount: included.length, weight, mempoolAfter, censoring });
    for (const tx of included) {
      const record = this.byId.get(tx.id)!;
      record.confirmedHeight = height;
      record.confirmedAt = time;
    }
    for (const [tx, reason] of drops) {
      const record = this.byId.get(tx.id)!;
      record.dropped = reason;
      record.droppedAt = time;
    }
  }
}
