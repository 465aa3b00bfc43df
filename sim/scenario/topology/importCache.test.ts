/**
 * A thread parses an imported graph once while the file's bytes stay the same (a sweep's runs
 * share it), still records the file's hash in every run's inputs, parses again when the bytes
 * change, and a run on the shared graph reports the same bytes as the run that parsed it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportJson, summarize } from '../../report/index.js';
import { runReport } from '../provenance.js';
import { parseScenario } from '../load.js';
import { runScenario } from '../run.js';
import { forgetImportedGraphs, parsedGraphCount } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'pcnsim-import-cache-'));
const graph = join(dir, 'g.json');
const file = join(dir, 's.yaml');
const text = 'name: c\ntopology: { import: g.json }\nworkload: { rate: 1/min, amount: 1000 sat, duration: 30min }\nrun: { until: 1h }\n';
const policy = (pubkey: string, base: number) => ({ pubkey, max_htlc_count: 30, max_in_flight_msat: 100_000_000, min_htlc_size_msat: 1, max_htlc_size_msat: 100_000_000, cltv_expiry_delta: 40, base_fee: base, fee_rate_prop: 100 });
const network = (base: number) => JSON.stringify({ sim_network: [{ scid: 1, capacity_msat: 250_000_000, node_1: policy('aa', base), node_2: policy('bb', base) }, { scid: 2, capacity_msat: 250_000_000, node_1: policy('bb', base), node_2: policy('cc', base) }] });
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

function report(): { json: string; inputs: { path: string; sha256: string }[] } {
  const scenario = parseScenario(text, file);
  const run = runScenario(scenario, { seed: 3 });
  const r = runReport(summarize(run), run, scenario, 't', { seed: 3, untilMs: run.simulatedMs, crypto: 'lazy' });
  return { json: reportJson(r), inputs: r.provenance.inputs as { path: string; sha256: string }[] };
}

describe('the imported-graph cache', () => {
  it('parses a file once per thread while its bytes stay the same; its hash is recorded every time', () => {
    writeFileSync(graph, network(1000));
    const before = parsedGraphCount();
    const first = report();
    expect(parsedGraphCount()).toBe(before + 1);
    const second = report();
    expect(parsedGraphCount()).toBe(before + 1); // shared, not parsed again
    expect(second.json).toBe(first.json);
    expect(second.inputs).toContainEqual({ path: 'g.json', sha256: sha(network(1000)) });

    writeFileSync(graph, network(5000)); // same path, other bytes: parsed again, the new hash recorded
    const third = report();
    expect(parsedGraphCount()).toBe(before + 2);
    expect(third.inputs).toContainEqual({ path: 'g.json', sha256: sha(network(5000)) });
    expect(third.json).not.toBe(first.json);
  });

  it('forgets its graphs when told (a process that has resolved all its scenarios): the next import parses again, same report', () => {
    writeFileSync(graph, network(2000));
    const before = parsedGraphCount();
    const first = report();
    forgetImportedGraphs();
    const second = report();
    expect(parsedGraphCount()).toBe(before + 2);
    expect(second.json).toBe(first.json);
    report();
    expect(parsedGraphCount()).toBe(before + 2); // kept again after the second parse
  });
});
