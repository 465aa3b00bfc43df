/**
 * Real files load at full fidelity: each channel's two directions keep their own policy and
 * limits, checked against the source rows of ../shared/data (sim-ln, lnd 2019 and 2024), and the
 * same data as .zip, as Core Lightning listchannels and as a CLoTH folder with template headers.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import type { ChannelSpec } from '../../agents/spec.js';
import { parseScenario } from '../load.js';
import { sharedFile } from '../../testing/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'pcnsim-fidelity-'));
const load = (path: string) => parseScenario(`name: f\ntopology: { import: ${JSON.stringify(path)} }\n`, join(dir, 'f.yaml'));
const byId = (channels: readonly ChannelSpec[]) => new Map(channels.map((c) => [c.id, c]));

interface SimLnSide { pubkey: string; alias?: string; max_htlc_count: number; max_in_flight_msat: number; min_htlc_size_msat: number; max_htlc_size_msat: number; cltv_expiry_delta: number; base_fee: number; fee_rate_prop: number }
interface SimLnRow { scid: number; capacity_msat: number; node_1: SimLnSide; node_2: SimLnSide }

describe('sim-ln sim_network (jam-ln slow-jam, 229 of 231 channels asymmetric)', () => {
  const rows = (JSON.parse(readFileSync(sharedFile('data', 'simln-jamln-slow-jam.json'), 'utf8')) as { sim_network: SimLnRow[] }).sim_network;
  const s = load(sharedFile('data', 'simln-jamln-slow-jam.json'));
  const channels = byId(s.network.channels);

  it('keeps every channel, and each side its own max_htlc_count (none averaged or shared)', () => {
    expect(s.network.channels).toHaveLength(rows.length);
    let asymmetric = 0;
    for (const row of rows) {
      const c = channels.get(String(row.scid))!;
      expect(c.between).toEqual([row.node_1.pubkey, row.node_2.pubkey]);
      expect([c.directions![0].maxHtlcs, c.directions![1].maxHtlcs]).toEqual([row.node_1.max_htlc_count, row.node_2.max_htlc_count]);
      if (row.node_1.max_htlc_count !== row.node_2.max_htlc_count) asymmetric++;
    }
    expect(asymmetric).toBe(229);
  });

  it('spot-checks fees, time locks, HTLC sizes, in-flight limits and aliases against the source rows', () => {
    for (const row of [rows[0]!, rows[57]!, rows[rows.length - 1]!]) {
      const c = channels.get(String(row.scid))!;
      expect(c.deposit[0] + c.deposit[1]).toBe(row.capacity_msat);
      [row.node_1, row.node_2].forEach((side, i) => {
        expect(c.policies![i]).toEqual({ feeBaseMsat: side.base_fee, feePpm: side.fee_rate_prop, cltvDelta: side.cltv_expiry_delta, minHtlcMsat: side.min_htlc_size_msat, disabled: false });
        const below = (v: number) => (v < row.capacity_msat ? v : undefined);
        expect(c.directions![i]).toMatchObject({ maxHtlcs: side.max_htlc_count });
        expect(c.directions![i]!.maxHtlcMsat).toBe(below(side.max_htlc_size_msat));
        expect(c.directions![i]!.maxInFlightMsat).toBe(below(side.max_in_flight_msat));
        if (side.alias) expect(s.aliases[side.pubkey]).toBe(side.alias);
      });
    }
  });

  it('funds imported channels at genesis (one confirmation, usable at t = 0)', () => {
    expect(s.network.channels.every((c) => c.funding === 'genesis' && c.confirmations === 1)).toBe(true);
  });
});

interface LndPolicy { time_lock_delta: number; min_htlc: string; fee_base_msat: string; fee_rate_milli_msat: string; disabled: boolean; max_htlc_msat?: string }
interface LndEdge { channel_id: string; node1_pub: string; node2_pub: string; capacity: string; node1_policy: LndPolicy | null; node2_policy: LndPolicy | null }
interface LndGraph { nodes: { pub_key: string; alias: string }[]; edges: LndEdge[] }

function checkLnd(graph: LndGraph, channels: Map<string, ChannelSpec>, picks: readonly LndEdge[]): void {
  for (const e of picks) {
    const c = channels.get(e.channel_id)!;
    expect(c.between).toEqual([e.node1_pub, e.node2_pub]);
    expect(c.deposit[0] + c.deposit[1]).toBe(Number(e.capacity) * 1000);
    [e.node1_policy, e.node2_policy].forEach((p, i) => {
      if (!p) return expect(c.policies![i]).toBeUndefined();
      expect(c.policies![i]).toEqual({ feeBaseMsat: Number(p.fee_base_msat), feePpm: Number(p.fee_rate_milli_msat), cltvDelta: p.time_lock_delta, minHtlcMsat: Number(p.min_htlc), disabled: p.disabled });
      const max = Number(p.max_htlc_msat ?? 0);
      expect(c.directions![i]!.maxHtlcMsat).toBe(max > 0 && max < Number(e.capacity) * 1000 ? max : undefined);
    });
  }
  expect(channels.size).toBe(graph.edges.length);
}

describe('lnd describegraph (2024, with max_htlc_msat)', () => {
  const text = readFileSync(sharedFile('data', 'lnd-describegraph-warnet-ln10-2024.json'), 'utf8');
  const graph = JSON.parse(text) as LndGraph;

  it('reads every edge with both policies, max_htlc_msat and aliases', () => {
    const s = load(sharedFile('data', 'lnd-describegraph-warnet-ln10-2024.json'));
    checkLnd(graph, byId(s.network.channels), graph.edges);
    for (const n of graph.nodes) if (n.alias) expect(s.aliases[n.pub_key]).toBe(n.alias);
  });

  it('reads the same dump zipped, and as Core Lightning listchannels', () => {
    writeFileSync(join(dir, 'ln10.zip'), zipSync({ 'LN_10.json': new TextEncoder().encode(text) }));
    checkLnd(graph, byId(load(join(dir, 'ln10.zip')).network.channels), graph.edges);
    // The same channels as CLN prints them: one entry per direction, short channel ids, msat.
    const scid = (id: string) => { const n = BigInt(id); return `${n >> 40n}x${(n >> 16n) & 0xffffffn}x${n & 0xffffn}`; };
    const entries = graph.edges.flatMap((e) =>
      ([[e.node1_pub, e.node2_pub, e.node1_policy], [e.node2_pub, e.node1_pub, e.node2_policy]] as const).flatMap(([source, destination, p]) =>
        p ? [{ source, destination, short_channel_id: scid(e.channel_id), amount_msat: Number(e.capacity) * 1000, active: !p.disabled, base_fee_millisatoshi: Number(p.fee_base_msat), fee_per_millionth: Number(p.fee_rate_milli_msat), delay: p.time_lock_delta, htlc_minimum_msat: `${p.min_htlc}msat`, htlc_maximum_msat: Number(p.max_htlc_msat) }] : [],
      ),
    );
    writeFileSync(join(dir, 'cln.json'), JSON.stringify({ channels: entries }));
    const cln = load(join(dir, 'cln.json'));
    expect(cln.network.channels).toHaveLength(graph.edges.length);
    const first = graph.edges[0]!;
    const c = cln.network.channels.find((x) => x.id === scid(first.channel_id))!;
    expect(c.between).toEqual([first.node1_pub, first.node2_pub]);
    expect(c.policies![1]).toEqual({ feeBaseMsat: Number(first.node2_policy!.fee_base_msat), feePpm: Number(first.node2_policy!.fee_rate_milli_msat), cltvDelta: first.node2_policy!.time_lock_delta, minHtlcMsat: Number(first.node2_policy!.min_htlc), disabled: false });
  });
});

describe('lnd describegraph (2019 snapshot, gzip, decimal strings, null policies)', () => {
  it('spot-checks channels against the source rows, disabled directions and missing policies included', () => {
    const graph = JSON.parse(gunzipSync(readFileSync(sharedFile('data', 'lnd-describegraph-2019-03-09.json.gz'))).toString('utf8')) as LndGraph;
    const s = load(sharedFile('data', 'lnd-describegraph-2019-03-09.json.gz'));
    const noPolicy = graph.edges.find((e) => e.node1_policy === null || e.node2_policy === null)!;
    const disabled = graph.edges.find((e) => e.node2_policy?.disabled === true)!;
    checkLnd(graph, byId(s.network.channels), [graph.edges[0]!, graph.edges[12_345]!, graph.edges[graph.edges.length - 1]!, noPolicy, disabled]);
    expect(s.warnings).toEqual([expect.stringContaining('137 channel directions have no policy and cannot forward')]);
  });
});

describe('CLoTH folder', () => {
  it("reads CLoTH's template headers and CRLF, and keeps msat balances exactly", () => {
    const cloth = join(dir, 'cloth');
    mkdirSync(cloth, { recursive: true });
    writeFileSync(join(cloth, 'channels.csv'), 'id,edge1_id,edge2_id,node1_id,node2_id,capacity(millisat)\r\n0,0,1,0,1,300000001\r\n');
    writeFileSync(join(cloth, 'edges.csv'), 'id,channel_id,counter_edge_id,from_node_id,to_node_id,balance(millisat),fee_base(millisat),fee_proportional,min_htlc(millisat),timelock\r\n0,0,1,0,1,100000333,1000,10,7,40\r\n1,0,0,1,0,199999668,2000,20,9,144\r\n');
    const c = load(cloth).network.channels[0]!;
    expect(c.deposit).toEqual([100_000_333, 199_999_668]);
    expect(c.policies).toEqual([
      { feeBaseMsat: 1000, feePpm: 10, cltvDelta: 40, minHtlcMsat: 7, disabled: false },
      { feeBaseMsat: 2000, feePpm: 20, cltvDelta: 144, minHtlcMsat: 9, disabled: false },
    ]);
  });
});
