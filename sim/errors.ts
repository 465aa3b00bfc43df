/**
 * The three ways pcnsim says no (STYLE §7). Each carries a stable `code`; tests check the code,
 * never the wording.
 *
 * - ScenarioError: bad input (scenario file, flag, argument). The CLI prints one line and exits 2.
 * - ProtocolError: an update or contract call that the rules reject. It is usually returned as a
 *   value (see `Outcome`), not thrown: a rejected update is a normal simulation result.
 * - InvariantError: something that must never happen did (funds not conserved, …). A bug: the
 *   run aborts loudly and the CLI exits 1.
 */

import type { InputErrorCode, ProtocolErrorCode } from './errorCodes.js';

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    readonly code: InputErrorCode,
    /** What was wrong and what was expected, without the location. */
    readonly detail: string,
    /** Dotted path of the offending field, e.g. `channels[2].deposit[0]`; '' for the whole file. */
    readonly path = '',
    /** The file it came from, when known. */
    readonly file?: string,
  ) {
    super(printable(formatLocation(file, path) + detail));
  }

  /** The same error, located in a file (the loader knows the file, the parsers do not). */
  inFile(file: string): ScenarioError {
    return new ScenarioError(this.code, this.detail, this.path, file);
  }

  /** The same error with `prefix` prepended to its field path. */
  under(prefix: string): ScenarioError {
    const path = prefix && this.path ? joinPath(prefix, this.path) : prefix || this.path;
    return new ScenarioError(this.code, this.detail, path, this.file);
  }
}

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
    readonly expected?: unknown,
    readonly actual?: unknown,
  ) {
    super(message);
  }
}

export class InvariantError extends Error {
  override readonly name = 'InvariantError';
  constructor(
    readonly code: string,
    message: string,
    readonly expected?: unknown,
    readonly actual?: unknown,
  ) {
    const numbers = expected === undefined && actual === undefined ? '' : `: expected ${show(expected)}, got ${show(actual)}`;
    super(`${message}${numbers} (this is a bug)`);
  }
}

function show(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A result that is either a value or a named protocol failure: outcomes are values (STYLE §6). */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: ProtocolErrorCode; readonly error: ProtocolError };

/**
 * A refusal as a value. Its ProtocolError (a stack trace) is made only when asked for: an
 * expected refusal on a payment's path (no balance, a peer offline) is read by its code alone,
 * and capturing the stack was most of its cost.
 */
class Refusal {
  readonly ok = false;
  private made: ProtocolError | undefined;

  constructor(
    readonly code: ProtocolErrorCode,
    private readonly message: string,
    private readonly expected: unknown,
    private readonly actual: unknown,
  ) {}

  get error(): ProtocolError {
    return (this.made ??= new ProtocolError(this.code, this.message, this.expected, this.actual));
  }
}

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = <T = never>(code: ProtocolErrorCode, message: string, expected?: unknown, actual?: unknown): Outcome<T> => new Refusal(code, message, expected, actual);

/** Throws an InvariantError unless `condition` holds. */
export function invariant(condition: boolean, code: string, message: string, expected?: unknown, actual?: unknown): asserts condition {
  if (!condition) throw new InvariantError(code, message, expected, actual);
}

/** `a` + `b` → `a.b`, `a` + `[2]` → `a[2]`. */
export function joinPath(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  if (key.startsWith('[')) return prefix + key;
  return prefix ? `${prefix}.${key}` : key;
}

/**
 * Text from a user's file, safe for a terminal on one line: control characters, line and
 * paragraph separators and bidirectional overrides become visible escapes (\x1b, \u202e).
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Why a filesystem call failed, in words (a permission problem is never "no such file"). */
export function fsReason(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const reasons: Readonly<Record<string, string>> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOENT: 'no such file or folder',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'is a folder',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    ENAMETOOLONG: 'the name is too long',
    EEXIST: 'already exists',
    ELOOP: 'too many symbolic links',
    EMFILE: 'too many open files',
  };
  if (typeof code === 'string') return reasons[code] ?? code;
  return error instanceof Error ? error.message : String(error);
}

function formatLocation(file: string | undefined, path: string): string {
  return (file ? `${file}: ` : '') + (path ? `${path}: ` : '');
}
