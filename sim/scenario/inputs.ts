/**
 * Files a scenario reads besides itself (imported graphs, workloads, amount lists): read once,
 * within bounds, decompressed when gzip or zip, and recorded with their SHA-256 for the report's
 * provenance. Every failure is a ScenarioError naming the file and what was expected.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { fsReason, ScenarioError } from '../errors.js';

/** Largest file read from disk, and largest text after decompression (V8 strings stop near 512 MB). */
const MAX_FILE_BYTES = 256 * 1024 * 1024;
const MAX_TEXT_BYTES = 400 * 1024 * 1024;

export interface InputRecord {
  /** As the scenario names it (relative to the scenario file), so reports do not depend on where it runs. */
  readonly path: string;
  readonly sha256: string;
}

export class InputLog {
  readonly records: InputRecord[] = [];

  constructor(private readonly scenarioFile: string) {}

  /**
   * An error met reading a file for scenario field `field`: a problem of the whole file is the
   * field's (named with the file); a problem of one row names the file, the row and the field.
   */
  located(error: ScenarioError, field: string): ScenarioError {
    if (!error.file || error.file === this.scenarioFile) return error.under(field);
    if (!error.path) return new ScenarioError(error.code, `${error.file}: ${error.detail}`, field);
    return new ScenarioError(error.code, `${error.detail} (read for ${field} of ${this.scenarioFile})`, error.path, error.file);
  }

  /** The path a scenario field names, relative to the scenario file. */
  resolve(path: string): string {
    return isAbsolute(path) ? path : join(dirname(this.scenarioFile), path);
  }

  /** Records a file's hash (the scenario's own text, or a file read elsewhere). */
  note(path: string, bytes: Uint8Array | string): void {
    this.records.push({ path, sha256: createHash('sha256').update(bytes).digest('hex') });
  }

  /** A file's text (gzip and zip archives of one file are opened); `form` says what was expected. */
  readText(path: string, form: string): string {
    return this.textOf(this.readBytes(path, form), form);
  }

  /** A file's bytes as stored, within bounds, recorded with their hash. */
  readBytes(path: string, form: string): { readonly full: string; readonly bytes: Buffer; readonly sha256: string } {
    const full = this.resolve(path);
    let bytes: Buffer;
    try {
      const stat = statSync(full);
      if (stat.isDirectory()) throw new ScenarioError('not-a-file', `is a folder; expected ${form}`, '', full);
      if (stat.size > MAX_FILE_BYTES) throw new ScenarioError('file-too-large', `is ${stat.size} bytes; expected at most ${MAX_FILE_BYTES}`, '', full);
      bytes = readFileSync(full);
    } catch (error) {
      if (error instanceof ScenarioError) throw error;
      const code = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing-file' : 'unreadable-file';
      throw new ScenarioError(code, `${fsReason(error)}; expected ${form}`, '', full);
    }
    this.note(path, bytes);
    return { full, bytes, sha256: this.records[this.records.length - 1]!.sha256 };
  }

  /** The text of bytes readBytes returned. */
  textOf(file: { readonly full: string; readonly bytes: Buffer }, form: string): string {
    const text = decode(this.unpacked(file, form), file.full, form);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark
  }

  /** The bytes readBytes returned, decompressed when gzip or zip, within bounds (not decoded). */
  unpacked({ full, bytes }: { readonly full: string; readonly bytes: Buffer }, form: string): Uint8Array {
    const unpacked = unpack(bytes, full, form);
    if (unpacked.length > MAX_TEXT_BYTES) throw new ScenarioError('file-too-large', `is more than ${MAX_TEXT_BYTES} bytes; expected ${form}`, '', full);
    return unpacked;
  }
}

function unpack(bytes: Buffer, file: string, form: string): Uint8Array {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes, { maxOutputLength: MAX_TEXT_BYTES });
    } catch (error) {
      const tooBig = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      throw new ScenarioError('bad-import', tooBig ? `decompresses to more than ${MAX_TEXT_BYTES} bytes; expected ${form}` : `is not a valid gzip file; expected ${form}`, '', file);
    }
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    let entries: Record<string, Uint8Array>;
    let names: string[] = [];
    try {
      // Only the first JSON (or CSV) file, and only if its declared size is within bounds.
      entries = unzipSync(bytes, {
        filter: (f) => {
          if (names.length > 0 || /\/$/.test(f.name) || /(^|\/)__MACOSX\//.test(f.name)) return false;
          if (f.originalSize > MAX_TEXT_BYTES) throw new ScenarioError('bad-import', `${f.name} in the archive is ${f.originalSize} bytes; expected at most ${MAX_TEXT_BYTES}`, '', file);
          names = [f.name];
          return true;
        },
      });
    } catch (error) {
      if (error instanceof ScenarioError) throw error;
      throw new ScenarioError('bad-import', `is not a valid zip archive; expected ${form}`, '', file);
    }
    const first = names[0] === undefined ? undefined : entries[names[0]];
    if (!first) throw new ScenarioError('bad-import', `the zip archive holds no file; expected ${form}`, '', file);
    return first;
  }
  return bytes;
}

function decode(bytes: Uint8Array, file: string, form: string): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  if (text.includes('\u0000')) throw new ScenarioError('bad-import', `is binary, not text; expected ${form}`, '', file);
  return text;
}
