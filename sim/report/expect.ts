/** `expect` blocks: each unmet expectation becomes one line; `pcnsim run` then exits 3. */
import type { ExpectSpec } from './records.js';
import { formatMsat } from '../units.js';
import type { Report } from './summary.js';

export function unmetExpectations(report: Report, expect: ExpectSpec | undefined): string[] {
  if (!expect) return [];
  const failures: string[] = [];
  for (const [node, msat] of Object.entries(expect.balances)) {
    const actual = report.balances[node]?.endMsat;
    if (actual !== msat) failures.push(`balances.${node}: expected ${formatMsat(msat)}, got ${actual === undefined ? 'no such node' : formatMsat(actual)}`);
  }
  for (const [path, expected] of Object.entries(expect.values)) {
    const actual = lookup(report, path);
    if (actual !== expected) failures.push(`${path}: expected ${String(expected)}, got ${actual === undefined ? 'no such report field' : JSON.stringify(actual)}`);
  }
  return failures;
}

function lookup(obj: unknown, path: string): unknown {
  let node = obj;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
