/**
 * A JSON object read member by member from its UTF-8 bytes, the elements of its big lists parsed
 * one at a time when asked for. The 2019 describegraph is 29 MB of UTF-8, a 56 MB JavaScript
 * string (one emoji makes every character two bytes) and a 17 MB tree; read this way neither the
 * string nor the tree exists, and each row is garbage before the next is parsed (`node --trace-gc`:
 * the full collection during the import kept 94 MB live before, 17 to 32 MB now).
 *
 * Only the structure between members and elements is checked here; each member and element is
 * parsed by JSON.parse itself. Anything this reader does not expect (a top level that is not an
 * object, a byte out of place, a truncated file) returns undefined, and so does a row JSON.parse
 * rejects (`JsonRows.forEach` calls `invalid`): the caller then parses the whole text as before,
 * which reports the error as it always did.
 */

/** The elements of one top-level list, parsed as they are visited. */
export class JsonRows {
  constructor(
    private readonly bytes: Buffer,
    /** Start and end (exclusive) of each element. */
    private readonly bounds: readonly number[],
    private readonly invalid: () => never,
  ) {}

  get length(): number {
    return this.bounds.length / 2;
  }

  forEach(visit: (row: unknown, index: number) => void): void {
    for (let i = 0; i < this.bounds.length; i += 2) {
      let row: unknown;
      try {
        row = JSON.parse(this.bytes.toString('utf8', this.bounds[i], this.bounds[i + 1]));
      } catch {
        this.invalid();
      }
      visit(row, i / 2);
    }
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

const isSpace = (b: number | undefined): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * The top-level members of the JSON object in `data`: the lists named in `lazy` as JsonRows,
 * every other member parsed. `invalid` is called when a row turns out not to be JSON.
 */
export function readMembers(data: Uint8Array, lazy: readonly string[], invalid: () => never): Record<string, unknown> | undefined {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const end = bytes.length;
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; // a byte-order mark
  const space = (): void => {
    while (isSpace(bytes[i])) i++;
  };
  const parse = (from: number, to: number): { value: unknown } | undefined => {
    try {
      return { value: JSON.parse(bytes.toString('utf8', from, to)) };
    } catch {
      return undefined;
    }
  };
  const members: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  space();
  if (bytes[i++] !== OPEN_OBJECT) return undefined;
  space();
  if (bytes[i] === CLOSE_OBJECT) i++;
  else {
    for (;;) {
      if (bytes[i] !== QUOTE) return undefined;
      const keyEnd = valueEnd(bytes, i);
      const key = keyEnd < 0 ? undefined : parse(i, keyEnd);
      if (key === undefined) return undefined;
      i = keyEnd;
      space();
      if (bytes[i++] !== COLON) return undefined;
      space();
      const name = key.value as string;
      if (name === '__proto__') return undefined; // JSON.parse makes it an own property; Object.assign below would not
      if (bytes[i] === OPEN_LIST && lazy.includes(name)) {
        const bounds = elements(bytes, i);
        if (bounds === undefined) return undefined;
        members[name] = new JsonRows(bytes, bounds.bounds, invalid);
        i = bounds.end;
      } else {
        const to = valueEnd(bytes, i);
        const value = to < 0 ? undefined : parse(i, to);
        if (value === undefined) return undefined;
        members[name] = value.value;
        i = to;
      }
      space();
      const next = bytes[i++];
      if (next === CLOSE_OBJECT) break;
      if (next !== COMMA) return undefined;
      space();
    }
  }
  space();
  if (i !== end) return undefined;
  // As JSON.parse makes it: an ordinary object (a later duplicate key wins there too).
  return Object.assign({}, members);
}

/** The bounds of each element of the list opening at `start`, and where the list ends. */
function elements(bytes: Buffer, start: number): { bounds: number[]; end: number } | undefined {
  const bounds: number[] = [];
  let i = start + 1;
  while (isSpace(bytes[i])) i++;
  if (bytes[i] === CLOSE_LIST) return { bounds, end: i + 1 };
  for (;;) {
    const to = valueEnd(bytes, i);
    if (to < 0) return undefined;
    bounds.push(i, to);
    i = to;
    while (isSpace(bytes[i])) i++;
    const next = bytes[i++];
    if (next === CLOSE_LIST) return { bounds, end: i };
    if (next !== COMMA) return undefined;
    while (isSpace(bytes[i])) i++;
  }
}

/**
 * Where the value starting at `start` ends (exclusive), by its brackets and strings only
 * (JSON.parse checks the rest); -1 if the bytes end first. A multi-byte UTF-8 character never
 * holds a byte below 0x80, so scanning bytes for quotes and brackets is safe.
 */
function valueEnd(bytes: Buffer, start: number): number {
  const end = bytes.length;
  let depth = 0;
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      i++;
      while (i < end && bytes[i] !== QUOTE) i += bytes[i] === BACKSLASH ? 2 : 1;
      if (i >= end) return -1;
      i++;
      if (depth === 0) return i;
      continue;
    }
    if (b === OPEN_OBJECT || b === OPEN_LIST) depth++;
    else if (b === CLOSE_OBJECT || b === CLOSE_LIST) {
      if (depth === 0) return i > start ? i : -1; // a scalar ends where its list or object closes
      if (--depth === 0) return i + 1;
    } else if (depth === 0 && (b === COMMA || isSpace(b))) return i > start ? i : -1;
    i++;
  }
  return depth === 0 && i > start ? i : -1;
}
