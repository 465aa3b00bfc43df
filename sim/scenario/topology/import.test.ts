import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario } from '../load.js';

const dir = mkdtempSync(join(tmpdir(), 'pcnsim-import-'));
const scenario = (importPath: string) => parseScenario(`name: i\ntopology: { import: ${JSON.stringify(importPath)} }\n`, join(dir, 'i.yaml'));

describe('topology imports', () => {
  it('reads a sim-ln sim_network JSON with its per-direction policies', () => {
    const policy = (pubkey: string, base: number) => ({ pubkey, max_htlc_count: 30, max_in_flight_msat: 1, min_htlc_size_msat: 1, max_htlc_size_msat: 1, cltv_expiry_delta: 40, base_fee: base, fee_rate_prop: 100 });
    writeFileSync(join(dir, 'sim.json'), JSON.stringify({ sim_network: [{ scid: 7, capacity_msat: 250_000_000, node_1: policy('aa', 1000), node_2: policy('bb', 2000) }] }));
    const s = scenario('sim.json');
    expect(s.network.nodes).toEqual(['aa', 'bb']);
    expect(s.network.channels[0]).toMatchObject({
      id: '7',
      between: ['aa', 'bb'],
      deposit: [125_000_000, 125_000_000],
      directions: [{ maxHtlcs: 30 }, { maxHtlcs: 30 }],
      policies: [expect.objectContaining({ feeBaseMsat: 1000, feePpm: 100, cltvDelta: 40 }), expect.objectContaining({ feeBaseMsat: 2000 })],
    });
  });

  it('reads a CLoTH folder with each edge balance as its side', () => {
    const cloth = join(dir, 'cloth');
    mkdirSync(cloth);
    writeFileSync(join(cloth, 'nodes.csv'), 'id\n0\n1\n');
    writeFileSync(join(cloth, 'channels.csv'), 'id,edge1_id,edge2_id,node1_id,node2_id,capacity\n0,0,1,0,1,300000000\n');
    writeFileSync(join(cloth, 'edges.csv'), 'id,channel_id,counter_edge_id,from_node_id,to_node_id,balance,fee_base,fee_proportional,min_htlc,timelock\n0,0,1,0,1,100000000,1000,10,1,40\n1,0,0,1,0,200000000,2000,20,1,144\n');
    const s = scenario('cloth');
    expect(s.network.channels[0]).toMatchObject({
      id: 'cloth0',
      between: ['n0', 'n1'],
      deposit: [100_000_000, 200_000_000],
      policies: [expect.objectContaining({ feeBaseMsat: 1000, cltvDelta: 40 }), expect.objectContaining({ feePpm: 20, cltvDelta: 144 })],
    });
  });

  it('rejects a CLoTH folder without its CSV files', () => {
    mkdirSync(join(dir, 'empty'));
    expect(() => scenario('empty')).toThrow(expect.objectContaining({ code: 'missing-file', path: 'topology.import' }));
  });

  it('says what an lnd row held where its schema wanted something else, and which fields are missing', () => {
    const rejects = (name: string, edges: unknown[], path: string, message: string): void => {
      writeFileSync(join(dir, name), JSON.stringify({ nodes: [], edges }));
      expect(() => scenario(name)).toThrow(expect.objectContaining({ code: 'bad-import', path, message: expect.stringContaining(message) }));
    };
    rejects('list-row.json', [[1]], 'edges[0]', 'expected object, got a list');
    rejects('no-pub.json', [{ channel_id: '1' }], 'edges[0].node1_pub', 'missing; expected string');
    rejects('no-id.json', [{}], 'edges[0].channel_id', 'missing; expected a number or a decimal string');
    rejects('bad-id.json', [{ channel_id: true }], 'edges[0].channel_id', 'expected a number or a decimal string, got true');
  });
});
