/**
 * Other tools' inputs run as they are: a sim-ln activity description and a CLoTH payments.csv
 * become the same pairs, amounts and times; imported channels exist from genesis, so payments at
 * t = 0 work; and an imported file's asymmetric HTLC limits hold per direction in a jamming run.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from './load.js';
import { runScenario } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'pcnsim-workloads-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
};

const side = (pubkey: string, maxHtlcs: number, alias?: string) => ({ pubkey, ...(alias ? { alias } : {}), max_htlc_count: maxHtlcs, max_in_flight_msat: 1e9, min_htlc_size_msat: 1000, max_htlc_size_msat: 1e9, cltv_expiry_delta: 40, base_fee: 1000, fee_rate_prop: 100 });
// aa–bb: aa may offer 2 HTLCs at once, bb 5; bb–cc and aa–dd: 483 each way.
write('net.json', JSON.stringify({
  sim_network: [
    { scid: 1, capacity_msat: 1e9, node_1: side('aa', 2, 'Alice'), node_2: side('bb', 5, 'Bob') },
    { scid: 2, capacity_msat: 1e9, node_1: side('bb', 483, 'Bob'), node_2: side('cc', 483) },
    { scid: 3, capacity_msat: 1e9, node_1: side('aa', 483, 'Alice'), node_2: side('dd', 483) },
  ],
}));

describe('sim-ln activity as a workload', () => {
  it('sends the same pairs, amounts and times as the file (aliases resolved)', () => {
    write('act.json', JSON.stringify({ activity: [
      { source: 'Alice', destination: 'cc', interval_secs: 30, amount_msat: 25_000, count: 3 },
      { source: 'bb', destination: 'Alice', interval_secs: 600, amount_msat: 7_000, start_secs: 20, count: 2 },
    ] }));
    const s = loadScenario(write('a.yaml', 'name: a\ntopology: { import: net.json }\nworkload: { file: act.json }\nrun: { until: 1h }\n'));
    expect(s.network.payments).toEqual([
      { atMs: 0, from: 'aa', to: 'cc', amountMsat: 25_000 },
      { atMs: 30_000, from: 'aa', to: 'cc', amountMsat: 25_000 },
      { atMs: 60_000, from: 'aa', to: 'cc', amountMsat: 25_000 },
      { atMs: 20_000, from: 'bb', to: 'aa', amountMsat: 7_000 },
      { atMs: 620_000, from: 'bb', to: 'aa', amountMsat: 7_000 },
    ]);
    expect(s.workload).toBeUndefined();
  });

  it('without count, repeats until the run ends; ranges are drawn within their bounds', () => {
    write('open.json', JSON.stringify({ activity: [{ source: 'aa', destination: 'bb', interval_secs: [10, 20], amount_msat: [1000, 2000] }] }));
    const s = loadScenario(write('o.yaml', 'name: o\ntopology: { import: net.json }\nworkload: { file: open.json }\nrun: { until: 10min }\n'));
    const times = s.network.payments.map((p) => p.atMs);
    expect(times[0]).toBe(0);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(10_000);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeLessThanOrEqual(20_000);
    expect(times[times.length - 1]).toBeLessThanOrEqual(600_000);
    expect(times.length).toBeGreaterThanOrEqual(30);
    for (const p of s.network.payments) expect(p.amountMsat >= 1000 && p.amountMsat <= 2000).toBe(true);
  });
});

describe('CLoTH payments.csv as a workload', () => {
  it('sends the same pairs, amounts (msat) and start times (ms) as the rows', () => {
    write('cloth/channels.csv', 'id,edge1_id,edge2_id,node1_id,node2_id,capacity\n0,0,1,0,1,300000000\n1,2,3,1,2,300000000\n');
    write('cloth/edges.csv', 'id,channel_id,counter_edge_id,from_node_id,to_node_id,balance,fee_base,fee_proportional,min_htlc,timelock\n0,0,1,0,1,150000000,1000,10,1,40\n1,0,0,1,0,150000000,1000,10,1,40\n2,1,3,1,2,150000000,1000,10,1,40\n3,1,2,2,1,150000000,1000,10,1,40\n');
    write('payments.csv', 'id,sender_id,receiver_id,amount,start_time\r\n0,0,2,1000001,0\r\n1,2,0,5000,1500\r\n2,1,0,77,60000\r\n');
    const s = loadScenario(write('c.yaml', 'name: c\ntopology: { import: cloth }\nworkload: { file: payments.csv }\nrun: { until: 2min }\n'));
    expect(s.network.payments).toEqual([
      { atMs: 0, from: 'n0', to: 'n2', amountMsat: 1_000_001 },
      { atMs: 1500, from: 'n2', to: 'n0', amountMsat: 5000 },
      { atMs: 60_000, from: 'n1', to: 'n0', amountMsat: 77 },
    ]);
    const run = runScenario(s, { untilMs: 120_000 });
    // Channels from genesis: every payment, the one at t = 0 included, goes through.
    expect(run.payments.map((p) => [p.time, p.from, p.to, p.amountMsat, p.status])).toEqual([
      [0, 'n0', 'n2', 1_000_001, 'succeeded'],
      [1500, 'n2', 'n0', 5000, 'succeeded'],
      [60_000, 'n1', 'n0', 77, 'succeeded'],
    ]);
  });
});

describe('imported limits per direction', () => {
  it("a jammer fills aa→bb after aa's 2 HTLCs, while bb→aa takes all 5 (sim-ln's max_htlc_count per side)", () => {
    write('jam.json', JSON.stringify({ activity: [
      { source: 'aa', destination: 'cc', interval_secs: 1, amount_msat: 100_000, count: 5 },
      { source: 'bb', destination: 'dd', interval_secs: 1, amount_msat: 100_000, count: 5 },
    ] }));
    const s = loadScenario(write('j.yaml', 'name: j\ntopology: { import: net.json }\nagents:\n  cc: { strategy: jammer, hold: 1h }\n  dd: { strategy: jammer, hold: 1h }\nworkload: { file: jam.json }\nrun: { until: 2h }\n'));
    const reasons = (from: string) => runOnce.payments.filter((p) => p.from === from).map((p) => p.reason).sort();
    const runOnce = runScenario(s);
    expect(reasons('aa')).toEqual(['held', 'held', 'too-many-htlcs', 'too-many-htlcs', 'too-many-htlcs']);
    expect(reasons('bb')).toEqual(['held', 'held', 'held', 'held', 'held']);
  });
});

describe('listed channels', () => {
  it('warn when payments come before the first channel can open, and run at t = 0 with funding: genesis', () => {
    const text = (funding: string) => `name: g\n${funding}channels:\n  - { between: [a, b], deposit: [1000, 1000] }\npayments:\n  - { at: 5min, from: a, to: b, amount: 10 }\nrun: { until: 1h }\n`;
    const onChain = loadScenario(write('w.yaml', text('')));
    expect(onChain.warnings).toEqual([expect.stringContaining('payments[0] at 5 min precedes the first channel open at ≈ 30 min (3 confirmations × 10 min)')]);
    expect(runScenario(onChain).payments[0]).toMatchObject({ status: 'failed', reason: 'channel-not-open' });
    const genesis = loadScenario(write('g.yaml', text('defaults: { funding: genesis }\n')));
    expect(genesis.warnings).toEqual([]);
    expect(runScenario(genesis).payments[0]).toMatchObject({ status: 'succeeded' });
  });

  it('a scripted broadcast of a sequence that never existed is reported as a refused action', () => {
    const s = loadScenario(write('r.yaml', 'name: r\nchannels:\n  - { between: [a, b], deposit: [1000, 1000] }\nactions:\n  - { at: 2h, node: a, do: broadcast, channel: a-b, sequence: 99 }\nrun: { until: 3h }\n'));
    expect(runScenario(s).stats.count('refused-action')).toBe(1);
  });
});
