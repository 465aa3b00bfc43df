import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedFile } from '../../testing/shared.js';
import { InputLog } from '../inputs.js';
import { importGraph } from './index.js';
import { JsonRows, readMembers } from './jsonRows.js';
import { fromLndGraph } from './lnd.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const refuse = (): never => {
  throw new Error('a row is not JSON');
};
const rowsOf = (rows: JsonRows): unknown[] => {
  const out: unknown[] = [];
  rows.forEach((row, i) => (out[i] = row));
  return out;
};
const materialized = (members: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(members).map(([k, v]) => [k, v instanceof JsonRows ? rowsOf(v) : v]));

describe('reading a JSON object member by member (jsonRows)', () => {
  it('gives what JSON.parse gives, the lazy lists row by row, whatever the layout (property)', () => {
    const key = fc.string().filter((k) => k !== '__proto__');
    fc.assert(
      fc.property(fc.dictionary(key, fc.oneof(fc.array(fc.jsonValue()), fc.jsonValue())), fc.constantFrom(undefined, 2, '\t', ' \r\n'), fc.boolean(), (object, indent, bom) => {
        const text = (bom ? '\ufeff' : '') + JSON.stringify(object, null, indent);
        const members = readMembers(bytes(text), Object.keys(object), refuse);
        expect(members && materialized(members)).toEqual(JSON.parse(text.replace(/^\ufeff/, '')));
      }),
    );
  });

  it('reads quotes, brackets and escapes inside strings, and multi-byte characters', () => {
    const text = '{"edges": [{"a": "}]\\"[{", "b": "⚡🚀"}, "x,y", 3, [], {}], "n": "]"}';
    const members = readMembers(bytes(text), ['edges'], refuse)!;
    expect(materialized(members)).toEqual(JSON.parse(text));
    expect((members.edges as JsonRows).length).toBe(5);
  });

  it('leaves anything it does not take to JSON.parse: returns undefined', () => {
    for (const text of ['', '[1, 2]', '{"a": [1, 2', '{"a": [1,]}', '{"a": [,1]}', '{"a": 1} x', '{"a" 1}', '{"a": 1,}', '{"__proto__": [1]}', '{"a": "unterminated}']) {
      expect(readMembers(bytes(text), ['a'], refuse)).toBeUndefined();
    }
  });

  it('calls `invalid` for a row JSON.parse refuses, when the row is read', () => {
    const members = readMembers(bytes('{"a": [1, 2x, 3]}'), ['a'], refuse)!;
    const seen: unknown[] = [];
    expect(() => (members.a as JsonRows).forEach((row) => seen.push(row))).toThrow('a row is not JSON');
    expect(seen).toEqual([1]);
  });
});

describe('lnd describegraph import row by row', () => {
  it('gives the same graph as parsing the whole text (the 2024 warnet snapshots)', () => {
    for (const name of ['lnd-describegraph-warnet-ln10-2024.json', 'lnd-describegraph-warnet-ln100-2024.json.gz']) {
      const file = sharedFile('data', name);
      const raw = readFileSync(file);
      const whole = fromLndGraph(JSON.parse((name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')), file);
      const rows = importGraph(file, new InputLog(join(tmpdir(), 's.yaml')));
      expect(rows.channels.length).toBeGreaterThan(10);
      expect(rows).toEqual(whole);
    }
  });

  it('reports a row that is not JSON as the whole text did', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcnsim-rows-'));
    const file = join(dir, 'bad.json');
    const text = '{"nodes": [], "edges": [{"channel_id": "1", "node1_pub": "a", "node2_pub": "b", "capacity": 12x}]}';
    writeFileSync(file, text);
    let expected = '';
    try {
      JSON.parse(text);
    } catch (error) {
      expected = (error as Error).message;
    }
    expect(() => importGraph(file, new InputLog(join(dir, 's.yaml')))).toThrow(`is not valid JSON (${expected})`);
  });
});
