/**
 * Streaming writers for the row files: payments.csv and (with --trace) events.ndjson are written
 * as the run produces rows, so a long run keeps memory flat. The lines are the same as the
 * in-memory writers' (csv.ts), so both ways give identical files.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelEvent, PaymentRecord, RunRecords } from './records.js';
import { eventLine, PAYMENTS_HEADER, paymentLine, txLines } from './csv.js';

/** Appends lines to a file in chunks of about 64 kB. */
class LineFile {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(line: string): void {
    this.buffer.push(line);
    this.size += line.length + 1;
    if (this.size >= 65_536) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join('\n') + '\n');
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export class StreamedRows {
  private readonly payments: LineFile;
  private readonly events: LineFile | undefined;

  /** Opens `dir`/payments.csv (and events.ndjson when tracing). */
  constructor(dir: string, options: { trace: boolean }) {
    mkdirSync(dir, { recursive: true });
    this.payments = new LineFile(join(dir, 'payments.csv'));
    this.payments.write(PAYMENTS_HEADER.join(','));
    this.events = options.trace ? new LineFile(join(dir, 'events.ndjson')) : undefined;
  }

  readonly onPayment = (row: PaymentRecord): void => this.payments.write(paymentLine(row));

  readonly onEvent = (row: ChannelEvent): void => this.events?.write(eventLine(row));

  /** After the run: the transactions (final only now) close events.ndjson; both files are closed. */
  finish(run: RunRecords): void {
    this.payments.close();
    if (!this.events) return;
    for (const line of txLines(run)) this.events.write(line);
    this.events.close();
  }
}
