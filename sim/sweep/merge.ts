/**
 * `pcnsim sweep merge DIR…`: the shards' runs tables joined into the aggregate a single machine
 * would have written. The folders must hold the same sweep (scenario, grid, seeds, metrics);
 * a run found in two folders counts once; runs missing from every folder are named in the result.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fsReason, ScenarioError } from '../errors.js';
import { canonical } from '../scenario/index.js';
import { sortRows, summarize } from './stats.js';
import { MANIFEST_SCHEMA, parseRunsNdjson, type Manifest } from './tables.js';
import type { RunRow } from './task.js';
import { writeSweep } from './write.js';

function readIn(dir: string, name: string): string {
  try {
    return readFileSync(join(dir, name), 'utf8');
  } catch (error) {
    throw new ScenarioError('bad-sweep', `${join(dir, name)}: ${fsReason(error)}; expected a sweep folder (pcnsim sweep --out DIR)`, 'DIR');
  }
}

function manifestOf(dir: string): Manifest {
  const file = join(dir, 'sweep.json');
  let m: Manifest;
  try {
    m = JSON.parse(readIn(dir, 'sweep.json')) as Manifest;
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw new ScenarioError('bad-sweep', `${file}: not JSON; expected the sweep.json a sweep wrote`, 'DIR');
  }
  if (m?.schema !== MANIFEST_SCHEMA || !Array.isArray(m.grid?.names) || !Array.isArray(m.metrics)) throw new ScenarioError('bad-sweep', `${file}: expected a ${MANIFEST_SCHEMA} manifest`, 'DIR');
  return m;
}

const sameSweep = (m: Manifest): string => canonical({ scenario: m.scenario, grid: m.grid, seeds: m.seeds, metrics: m.metrics, runs: m.runs });

export function mergeSweeps(dirs: readonly string[], out: string): { manifest: Manifest; rows: RunRow[]; missing: number } {
  const manifests = dirs.map(manifestOf);
  const first = manifests[0]!;
  manifests.forEach((m, i) => {
    if (sameSweep(m) !== sameSweep(first)) throw new ScenarioError('bad-sweep', `${dirs[i]} holds another sweep than ${dirs[0]} (scenario, grid, seeds or metrics differ); expected shards of one sweep`, 'DIR');
  });
  const byId = new Map<string, RunRow>();
  dirs.forEach((dir, i) => {
    const rows = parseRunsNdjson(manifests[i]!, readIn(dir, 'runs.ndjson'), (line, detail) => new ScenarioError('bad-sweep', `${join(dir, 'runs.ndjson')}: line ${line}: ${detail}; expected the runs table a sweep wrote`, 'DIR'));
    // A failed run in one folder and finished in another (a retried shard) counts as finished.
    for (const row of rows) if (!byId.has(row.id) || byId.get(row.id)!.error !== undefined) byId.set(row.id, row);
  });
  const { shard: _shard, ...whole } = first;
  const rows = sortRows([...byId.values()]);
  writeSweep(out, whole, rows, summarize(whole.grid, whole.metrics, rows));
  return { manifest: whole, rows, missing: whole.runs - rows.length };
}
