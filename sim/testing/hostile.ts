/**
 * A generator of malformed and hostile inputs for the command line: every scenario field with
 * values of the wrong type, out of range, absurdly large or crafted (control bytes, YAML alias
 * bombs, NaN and infinities); every importer's rows broken one field at a time; every flag and
 * output path. Each case must end with exit 2 and one line naming the file (or flag) and the
 * field, with what was expected (bin/hostile.test.ts runs them in-process).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { stringify } from 'yaml';

export interface HostileCase {
  readonly name: string;
  /** Command-line arguments; FILE stands for the case's scenario file. */
  readonly argv: readonly string[];
  /** Files to write first, by name in the case's folder (text or bytes). */
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  /** What the one error line must contain (the field path, the flag, the file). */
  readonly mentions: readonly string[];
}

/** A scenario with every section, valid as it stands: mutations of it make the cases. */
export const BASE = {
  name: 'hostile',
  seed: 3,
  chain: { blockInterval: '600s', blockTxLimit: 2000, startHeight: 0 },
  traffic: { rate: '1/min', fee: '1 sat' },
  defaults: { freeze: '144 blocks', cltvDelta: 40, feeBase: '1000 msat', feePpm: 1, maxHtlcs: 30, routing: { cost: 'fee-and-lock', feeLimit: '5%' } },
  nodes: ['alice', 'bob', 'carol', 'tower'],
  channels: [
    { between: ['alice', 'bob'], deposit: ['100 sat', '100 sat'] },
    { between: ['bob', 'carol'], deposit: ['100 sat', '100 sat'], freeze: '1h' },
  ],
  agents: { alice: { strategy: 'cheater' }, tower: { strategy: 'watchtower', watches: ['bob'] }, m1: { strategy: 'miner', share: 0.2 } },
  payments: [{ at: '2h', from: 'alice', to: 'carol', amount: '10 sat' }],
  workload: { rate: '1/min', amount: '1 sat', duration: '1h', start: '2h' },
  actions: [
    { at: '3h', node: 'alice', do: 'broadcast', channel: 'alice-bob', sequence: 1 },
    { at: '3h', node: 'bob', do: 'offline', for: '1h' },
  ],
  run: { until: '1d' },
  expect: { 'penalties.punished': 1, balances: { bob: '200 sat' } },
};

type Doc = Record<string, unknown>;

function set(doc: Doc, path: string, value: unknown): Doc {
  const copy = structuredClone(doc);
  const keys = path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  let node = copy as Record<string | number, unknown>;
  for (const k of keys.slice(0, -1)) {
    node[k] ??= {};
    node = node[k] as Record<string | number, unknown>;
  }
  const last = keys[keys.length - 1]!;
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return copy;
}

const DELETE = Symbol('delete');

/** Values wrong for almost any field. */
const JUNK: readonly unknown[] = [null, [], { x: 1 }, true, 'lots', '\u001b[31mred', -1];

/** Field → values that must be refused there (besides JUNK), and the path the error must name. */
const FIELDS: Readonly<Record<string, readonly unknown[]>> = {
  name: ['x'.repeat(300), '', 'a/b', '../up', 5],
  seed: [-1, 1.5, 1e999],
  'chain.blockInterval': [0, '0s', '1 blocks', '-5s', 1e999],
  'chain.fixed': ['yes', 1],
  'chain.blockTxLimit': [0, 1.5],
  'chain.startHeight': [1.5],
  'traffic.rate': ['1000000/s', 0, '5/fortnight'],
  'traffic.fee': ['-5 sat', { min: '5 sat', max: '1 sat' }, '1e999 sat'],
  'defaults.freeze': ['0 blocks', '-1h', '1.5 blocks', '1.5s'],
  'defaults.cltvDelta': ['1h', 1.5],
  'defaults.feeBase': ['-5 sat', '5 dollars', '1e999'],
  'defaults.feePpm': [1.5],
  'defaults.maxHtlcs': [0, 484],
  'defaults.refund': [0, '0 blocks'],
  'defaults.confirmations': [0],
  'defaults.routing.cost': ['cheap'],
  'defaults.routing.feeLimit': ['150%', '-5 sat', '5 percent'],
  'defaults.minHtlc': ['-1 sat'],
  'defaults.messageLatency': ['5 blocks'],
  nodes: [['alice', 'alice'], ['al ice'], ['x'.repeat(201)]],
  'channels.0.between': [['alice', 'alice'], ['alice', 'zed'], ['alice']],
  'channels.0.deposit': [['-1 sat', '1 sat'], ['0 sat', '1 sat'], '5 dollars', ['100000 btc', '1 sat'], ['1 sat']],
  'channels.0.kind': ['two-way'],
  'agents.alice.strategy': ['hero'],
  'agents.alice.flood': [1e9],
  'agents.alice.online': [1.5],
  'agents.zed': [{ strategy: 'honest' }],
  'agents.m1.share': [1.5],
  'agents.m2': [{ strategy: 'miner', share: 0.9 }],
  'payments.0.at': ['-1s', '5 blocks', 'soon'],
  'payments.0.from': ['zed', 'constructor'],
  'payments.0.to': ['alice'],
  'payments.0.amount': ['0 sat', '-1 sat', '0.5 msat'],
  'payments.0.count': [1e9, 2],
  'workload.count': [1e9],
  'workload.rate': ['1000000/s'],
  'workload.from': [[], ['zed']],
  'workload.to': [[]],
  'workload.amount': [{ dist: 'uniform', min: '5 sat', max: '1 sat' }, { dist: 'csv' }, { dist: 'csv', file: 'missing.csv' }, { dist: 'lognormal' }],
  'actions.0.node': ['carol', 'zed'],
  'actions.0.channel': ['alice-zed'],
  'actions.0.sequence': [0],
  'actions.0.do': ['dance'],
  'actions.1.sequence': [1],
  // A field of another kind of action or agent.
  'actions.1.amount': ['1 sat'],
  'actions.0.for': ['1h'],
  'agents.alice.watches': [['bob']],
  'agents.m1.wallet': ['1 sat'],
  'agents.tower.hold': ['1h'],
  'actions.2': [
    { at: '4h', node: 'alice', do: 'broadcast', channel: 'alice-bob', sequence: 1 },
    { at: '4h', node: 'alice', do: 'close', channel: 'alice-bob' },
    { at: '4h', node: 'carol', do: 'set-policy', channel: 'alice-bob', feeBase: 1 },
    { at: '4h', node: 'bob', do: 'set-policy', channel: 'alice-bob' },
    { at: '4h', node: 'bob', do: 'pay', to: 'bob', amount: 1 },
    { at: '4h', node: 'bob', do: 'open', with: 'bob', deposit: [1, 1] },
    { at: '4h', node: 'bob', do: 'pay', to: 'carol' },
  ],
  'run.until': ['1000000d', '5 blocks', 0.0001],
  'expect.payments.succeded': [1],
  'expect.penalties.punished': [true],
  'expect.balances.zed': ['1 sat'],
  'expect.balances.bob': ['-1 sat'],
  topology: [{ generate: 'ring', nodes: 200_000 }, { generate: 'ring', import: 'x.json' }, { import: 'nowhere.json' }, { generate: 'mesh' }, {}],
};

/** The field path an error names for `path` (arrays as `[i]`). */
function shown(path: string): string {
  return path.replace(/\.(\d+)/g, '[$1]').split('.').slice(0, 2).join('.');
}

function scenarioCase(name: string, doc: unknown, mentions: readonly string[], extra: Record<string, string | Uint8Array> = {}, format: 'yaml' | 'json' = 'yaml'): HostileCase[] {
  const file = `s.${format}`;
  const text = format === 'json' ? JSON.stringify(doc) : stringify(doc);
  return (['validate', 'run'] as const).map((command) => ({ name: `${command} ${name}`, argv: [command, file], files: { [file]: text, ...extra }, mentions: [file, ...mentions] }));
}

export function scenarioCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const [path, values] of Object.entries(FIELDS)) {
    const all = path.startsWith('actions.2') || path.startsWith('agents.') || path === 'topology' || path.startsWith('expect.') ? values : [...values, ...JUNK];
    all.forEach((value, i) => {
      if ((path === 'name' && value === 'lots') || (path === 'chain.fixed' && value === true)) return; // valid there
      const format = i % 3 === 2 ? 'json' : 'yaml';
      const mention = path === 'nodes' ? 's.' : path === 'payments.0.count' ? 'payments[0]' : path === 'topology' ? 'topology' : path.startsWith('actions.2') ? 'actions[2]' : path.startsWith('expect.') ? 'expect' : path.startsWith('agents.') ? 'agents' : shown(path);
      if (typeof value === 'number' && !Number.isFinite(value) && format === 'json') return; // JSON cannot write it
      cases.push(...scenarioCase(`${path} = ${JSON.stringify(value)?.slice(0, 40)}`, set(BASE, path, value), [mention], {}, format));
    });
  }
  // Required fields removed.
  for (const path of ['name', 'channels.0.between', 'channels.0.deposit', 'payments.0.at', 'payments.0.amount', 'actions.0.at', 'actions.0.do', 'workload.rate']) {
    cases.push(...scenarioCase(`without ${path}`, set(BASE, path, DELETE), [shown(path)]));
  }
  // Work that validates field by field but cannot run in bounded time or memory.
  const heavy: [string, Doc, string][] = [
    ['1 ms fixed blocks over a day', set(set(BASE, 'chain.blockInterval', '1ms'), 'chain.fixed', true), 'chain.blockInterval'],
    ['300 days of 1 s blocks', set(set(BASE, 'chain.blockInterval', '1s'), 'run.until', '300d'), 'run.until'],
    ['a 100-year run', set(BASE, 'run.until', '36500d'), 'run.until'],
    ['traffic at the rate maximum', set(BASE, 'traffic.rate', '1000000/s'), 'traffic.rate'],
    ['a workload without count at 1000/s for 10 days', set(set(set(BASE, 'workload.rate', '1000/s'), 'workload.duration', '10d'), 'run.until', '10d'), 'workload.rate'],
    ['a generated topology of 10^6 nodes', set(BASE, 'topology', { generate: 'scale-free', nodes: 1_000_000 }), 'topology.nodes'],
    ['a generated topology of degree 1000', set(BASE, 'topology', { generate: 'random', nodes: 40_000, degree: 1000 }), 'topology.degree'],
  ];
  for (const [name, doc, path] of heavy) cases.push(...scenarioCase(name, doc, [path]));
  return cases;
}

/** Files that are not scenario documents at all, or YAML crafted to exhaust the parser. */
export function syntaxCases(): HostileCase[] {
  const laughs = ['name: x', 'a: &a [x,x,x,x,x,x,x,x,x,x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n');
  const texts: [string, string | Uint8Array][] = [
    ['billion laughs', laughs],
    ['100,000 aliases', `name: x\nn: &n 1\nl: [${Array(100_000).fill('*n').join(',')}]\n`],
    ['an alias to an undefined anchor', 'name: x\ndescription: *nope\n'],
    ['deep nesting', `name: x\ndescription: ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
    ['deep JSON nesting', `{"name":"x","description":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
    ['unclosed list', 'name: [unclosed\n'],
    ['a duplicate key', 'name: a\nname: b\n'],
    ['a bare list', '- a\n- b\n'],
    ['a bare number', '42\n'],
    ['an empty file', ''],
    ['binary bytes', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0xff, 0xfe])],
    ['Latin-1 text', new Uint8Array([...new TextEncoder().encode('name: caf'), 0xe9, 0x0a])],
    ['control bytes in a key', 'name: x\n"\u001b]0;pwned\u0007": 1\n'],
    ['.nan for an amount', 'name: x\nchannels:\n  - { between: [a, b], deposit: [.nan, 1] }\n'],
    ['.inf for a time', 'name: x\nrun: { until: .inf }\n'],
    ['1e999 in JSON', '{"name":"x","seed":1e999}'],
    ['a tab-indented file', 'name: x\nchain:\n\tblockInterval: 5s\n'],
  ];
  return texts.flatMap(([name, text]) => {
    const file = name.includes('JSON') ? 's.json' : 's.yaml';
    return (['validate', 'run'] as const).map((command) => ({ name: `${command} ${name}`, argv: [command, file], files: { [file]: text }, mentions: [file] }));
  });
}

const lndEdge = (id: string, a: string, b: string) => ({
  channel_id: id,
  node1_pub: a,
  node2_pub: b,
  capacity: '100000',
  node1_policy: { time_lock_delta: 40, min_htlc: '1000', fee_base_msat: '1000', fee_rate_milli_msat: '1', disabled: false },
  node2_policy: null,
});

const simLnChannel = (scid: number, a: string, b: string) => ({
  scid,
  capacity_msat: 100_000_000,
  node_1: { pubkey: a, max_htlc_count: 30, max_in_flight_msat: 50_000_000, min_htlc_size_msat: 1000, max_htlc_size_msat: 50_000_000, cltv_expiry_delta: 40, base_fee: 1000, fee_rate_prop: 100 },
  node_2: { pubkey: b, max_htlc_count: 5, max_in_flight_msat: 50_000_000, min_htlc_size_msat: 1000, max_htlc_size_msat: 50_000_000, cltv_expiry_delta: 40, base_fee: 1000, fee_rate_prop: 100 },
});

const CLOTH_CHANNELS = 'id,edge1_id,edge2_id,node1_id,node2_id,capacity\n0,0,1,0,1,300000000\n';
const CLOTH_EDGES = 'id,channel_id,counter_edge_id,from_node_id,to_node_id,balance,fee_base,fee_proportional,min_htlc,timelock\n0,0,1,0,1,100000000,1000,10,1,40\n1,0,0,1,0,200000000,2000,20,1,144\n';

/** An importer's file broken one row field at a time; the error must name the file and the row field. */
export function importCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  const run = (name: string, files: Record<string, string | Uint8Array>, mentions: readonly string[], scenario = 'name: imp\ntopology: { import: graph.json }\n'): void => {
    for (const command of ['validate', 'run'] as const) cases.push({ name: `${command} ${name}`, argv: [command, 's.yaml'], files: { 's.yaml': scenario, ...files }, mentions });
  };
  const lnd = (edges: unknown[], extra: Doc = {}) => JSON.stringify({ nodes: [], edges, ...extra });
  const good = [lndEdge('1', 'aa', 'bb'), lndEdge('2', 'bb', 'cc')];
  const lndBroken: [string, unknown[], string][] = [
    ['without channel_id', [{ ...good[0], channel_id: undefined }, good[1]], 'edges[0].channel_id'],
    ['a duplicate channel_id', [good[0], { ...good[1], channel_id: '1' }], 'edges[1].channel_id'],
    ['without node1_pub', [{ ...good[0], node1_pub: undefined }], 'edges[0].node1_pub'],
    ['capacity "abc"', [{ ...good[0], capacity: 'abc' }], 'edges[0].capacity'],
    ['a negative capacity', [{ ...good[0], capacity: '-5' }], 'edges[0].capacity'],
    ['a fractional capacity', [{ ...good[0], capacity: 1.5 }], 'edges[0].capacity'],
    ['a negative base fee', [{ ...good[0], node1_policy: { ...good[0]!.node1_policy, fee_base_msat: '-1' } }], 'edges[0].node1_policy.fee_base_msat'],
    ['time_lock_delta "abc"', [{ ...good[0], node1_policy: { ...good[0]!.node1_policy, time_lock_delta: 'abc' } }], 'edges[0].node1_policy.time_lock_delta'],
    ['a fee rate that is a list', [{ ...good[0], node1_policy: { ...good[0]!.node1_policy, fee_rate_milli_msat: [1] } }], 'edges[0].node1_policy.fee_rate_milli_msat'],
    ['disabled "yes"', [{ ...good[0], node1_policy: { ...good[0]!.node1_policy, disabled: 'yes' } }], 'edges[0].node1_policy.disabled'],
    ['an edge that is a string', ['edge'], 'edges[0]'],
  ];
  for (const [name, edges, field] of lndBroken) run(`lnd: ${name}`, { 'graph.json': lnd(edges) }, ['graph.json', field]);
  run('lnd: nodes that are not a list', { 'graph.json': lnd(good, { nodes: 5 }) }, ['graph.json', 'nodes']);
  run('lnd: a node without pub_key', { 'graph.json': lnd(good, { nodes: [{ alias: 'x' }] }) }, ['graph.json', 'nodes[0].pub_key']);
  run('lnd: not JSON', { 'graph.json': '{"edges": [' }, ['s.yaml', 'topology.import', 'graph.json']);
  run('lnd: corrupt gzip', { 'graph.json': new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]) }, ['topology.import', 'gzip']);
  run('lnd: gzip of a bad row', { 'graph.json': gzipSync(lnd([{ ...good[0], capacity: 'abc' }])) }, ['graph.json', 'edges[0].capacity']);
  run('neither lnd nor sim-ln nor CLN', { 'graph.json': '{"vertices": []}' }, ['topology.import', 'graph.json']);
  run('an import that is a folder without CSV files', { 'graph.json/readme.txt': 'x' }, ['topology.import', 'channels.csv']);

  const sim = (network: unknown[]) => JSON.stringify({ sim_network: network });
  const ch = simLnChannel(1, 'aa', 'bb');
  const simBroken: [string, unknown, string][] = [
    ['base_fee as a string', { ...ch, node_1: { ...ch.node_1, base_fee: '1000' } }, 'sim_network[0].node_1.base_fee'],
    ['a negative fee rate', { ...ch, node_2: { ...ch.node_2, fee_rate_prop: -5 } }, 'sim_network[0].node_2.fee_rate_prop'],
    ['a channel to itself', simLnChannel(1, 'aa', 'aa'), 'sim_network[0].node_2.pubkey'],
    ['capacity 0', { ...ch, capacity_msat: 0 }, 'sim_network[0].capacity_msat'],
    ['without node_2', { ...ch, node_2: undefined }, 'sim_network[0].node_2'],
    ['max_htlc_count "many"', { ...ch, node_1: { ...ch.node_1, max_htlc_count: 'many' } }, 'sim_network[0].node_1.max_htlc_count'],
    ['a pubkey that is a number', { ...ch, node_1: { ...ch.node_1, pubkey: 5 } }, 'sim_network[0].node_1.pubkey'],
  ];
  for (const [name, row, field] of simBroken) run(`sim-ln: ${name}`, { 'graph.json': sim([row]) }, ['graph.json', field]);
  run('sim-ln: a duplicate scid', { 'graph.json': sim([ch, simLnChannel(1, 'bb', 'cc')]) }, ['graph.json', 'sim_network[1].scid']);

  const clothBroken: [string, string, string, string][] = [
    ['a row with too few columns', CLOTH_CHANNELS.replace('0,0,1,0,1,300000000', '0,0,1'), CLOTH_EDGES, 'row 2'],
    ['a non-numeric capacity', CLOTH_CHANNELS.replace('300000000', 'lots'), CLOTH_EDGES, 'row 2.capacity'],
    ['a negative balance', CLOTH_CHANNELS, CLOTH_EDGES.replace('100000000,1000', '-100000000,1000'), 'row 2.balance'],
    ['balances not adding up to the capacity', CLOTH_CHANNELS, CLOTH_EDGES.replace('200000000,2000', '100000000,2000'), 'channel 0'],
    ['an edge of an unknown channel', CLOTH_CHANNELS, CLOTH_EDGES.replace('1,0,0,1,0', '1,7,0,1,0'), 'row 3.channel_id'],
    ['a channel from a node to itself', CLOTH_CHANNELS.replace('0,0,1,0,1,', '0,0,1,0,0,'), CLOTH_EDGES, 'row 2.node2_id'],
    ['a missing column', CLOTH_CHANNELS.replace('capacity', 'size'), CLOTH_EDGES, 'row 1'],
    ['a non-numeric fee', CLOTH_CHANNELS, CLOTH_EDGES.replace(',1000,10,', ',abc,10,'), 'row 2.fee_base'],
  ];
  for (const [name, channels, edges, field] of clothBroken) {
    run(`CLoTH: ${name}`, { 'cloth/channels.csv': channels, 'cloth/edges.csv': edges, 'cloth/nodes.csv': 'id\n0\n1\n' }, ['.csv', field], 'name: imp\ntopology: { import: cloth }\n');
  }

  const withActivity = (activity: string, scenarioExtra = '') => ({ 'graph.json': sim([ch]), 'act.json': activity, scenarioExtra });
  const activityBroken: [string, unknown, string][] = [
    ['an unknown source', { source: 'zz', destination: 'bb', interval_secs: 1, amount_msat: 1000 }, 'activity[0].source'],
    ['a zero amount', { source: 'aa', destination: 'bb', interval_secs: 1, amount_msat: 0 }, 'activity[0].amount_msat'],
    ['an interval of 0 without count', { source: 'aa', destination: 'bb', interval_secs: 0, amount_msat: 1000 }, 'activity[0].interval_secs'],
    ['a range with min > max', { source: 'aa', destination: 'bb', interval_secs: 1, amount_msat: [5000, 1000] }, 'activity[0].amount_msat'],
    ['a payment to itself', { source: 'aa', destination: 'aa', interval_secs: 1, amount_msat: 1000 }, 'activity[0].destination'],
    ['amount "lots"', { source: 'aa', destination: 'bb', interval_secs: 1, amount_msat: 'lots' }, 'activity[0].amount_msat'],
  ];
  for (const [name, row, field] of activityBroken) {
    const f = withActivity(JSON.stringify({ activity: [row] }));
    run(`sim-ln activity: ${name}`, { 'graph.json': f['graph.json'], 'act.json': f['act.json'] }, ['act.json', field], 'name: imp\ntopology: { import: graph.json }\nworkload: { file: act.json }\nrun: { until: 1h }\n');
  }
  run('sim-ln activity: no activity list', { 'graph.json': sim([ch]), 'act.json': '{"nodes": []}' }, ['workload.file', 'act.json'], 'name: imp\ntopology: { import: graph.json }\nworkload: { file: act.json }\n');
  run('workload.file with a rate', { 'graph.json': sim([ch]), 'act.json': '{"activity": []}' }, ['workload.rate'], 'name: imp\ntopology: { import: graph.json }\nworkload: { file: act.json, rate: 1/s }\n');
  const clothScenario = 'name: imp\ntopology: { import: cloth }\nworkload: { file: payments.csv }\n';
  const clothFiles = { 'cloth/channels.csv': CLOTH_CHANNELS, 'cloth/edges.csv': CLOTH_EDGES };
  const paymentsBroken: [string, string, string][] = [
    ['an unknown sender', 'id,sender_id,receiver_id,amount,start_time\n0,9,1,1000,0\n', 'row 2.sender_id'],
    ['a negative amount', 'id,sender_id,receiver_id,amount,start_time\n0,0,1,-1000,0\n', 'row 2.amount'],
    ['a missing column', 'id,sender_id,receiver_id,amount\n0,0,1,1000\n', 'row 1'],
    ['a short row', 'id,sender_id,receiver_id,amount,start_time\n0,0,1\n', 'row 2'],
  ];
  for (const [name, csv, field] of paymentsBroken) run(`CLoTH payments.csv: ${name}`, { ...clothFiles, 'payments.csv': csv }, ['payments.csv', field], clothScenario);
  const amounts = (csv: string) => ({ 'amounts.csv': csv });
  const csvScenario = 'name: a\nchannels:\n  - { between: [a, b], deposit: [1000, 1000] }\nworkload: { rate: 1/min, amount: { dist: csv, file: amounts.csv } }\n';
  run('amounts csv with two columns', amounts('amount,weight\n5,1\n6,2\n'), ['amounts.csv', 'line 1', 'columns'], csvScenario);
  run('amounts csv with a negative amount', amounts('5\n-6\n'), ['amounts.csv', 'line 2'], csvScenario);
  run('amounts csv that is empty', amounts(''), ['workload.amount.file'], csvScenario);
  return cases;
}

/** Flags and output paths; `dir` is a folder holding a file called `afile`. */
export function flagCases(): HostileCase[] {
  const ok = 'name: ok\nchannels:\n  - { between: [a, b], deposit: [1000, 1000] }\nrun: { until: 1h }\n';
  const files = { 's.yaml': ok, afile: 'x: [unclosed' };
  const flags: [string, string[], string[]][] = [
    ['run --seed abc', ['run', 's.yaml', '--seed', 'abc'], ['--seed']],
    ['run --seed -1', ['run', 's.yaml', '--seed', '-1'], ['--seed']],
    ['run --seed 1e20', ['run', 's.yaml', '--seed', '1e20'], ['--seed']],
    ['run --until soon', ['run', 's.yaml', '--until', 'soon'], ['--until']],
    ['run --until 5 blocks', ['run', 's.yaml', '--until', '5 blocks'], ['--until']],
    ['run --until 100000d', ['run', 's.yaml', '--until', '36000d'], ['--until']],
    ['run --crypto half', ['run', 's.yaml', '--crypto', 'half'], ['--crypto']],
    ['run --out an existing file', ['run', 's.yaml', '--out', 'afile'], ['--out', 'afile']],
    ['run --out under a file', ['run', 's.yaml', '--out', 'afile/reports'], ['--out']],
    ['run --out in /proc', ['run', 's.yaml', '--out', '/proc/pcnsim-reports/x'], ['--out']],
    ['run --out in /sys', ['run', 's.yaml', '--out', '/sys/pcnsim'], ['--out']],
    ['run a missing file', ['run', 'missing.yaml'], ['missing.yaml', 'no such file']],
    ['run a folder', ['run', '.'], ['not a file']],
    ['run --frobnicate', ['run', 's.yaml', '--frobnicate'], ['frobnicate']],
    ['run without a file', ['run'], ['files']],
    ['validate without a file', ['validate'], ['files']],
    ['an unknown command', ['launch'], ['launch']],
    ['game chess', ['game', 'chess'], ['unknown game']],
    ['game --set online=2', ['game', 'breach', '--set', 'online=2'], ['--set', 'online=2']],
    ['game --set colour=1', ['game', 'breach', '--set', 'colour=1'], ['--set', 'colour']],
    ['game --set online', ['game', 'breach', '--set', 'online'], ['--set']],
    ['game --sweep backwards', ['game', 'breach', '--sweep', 'online=1..0.5:0.1'], ['--sweep']],
    ['game --sweep of an unknown parameter', ['game', 'breach', '--sweep', 'colour=1..2:1'], ['--sweep', 'colour']],
    ['game --sweep out of range', ['game', 'breach', '--sweep', 'online=0.5..2:0.5'], ['--sweep', 'online']],
    ['game --seeds 0', ['game', 'breach', '--seeds', '0'], ['--seeds']],
    ['game --seed x', ['game', 'breach', '--seed', 'x'], ['--seed']],
    ['game --out without --sweep', ['game', 'breach', '--out', 'x.html'], ['--out']],
    // --out DIR is the sweep's folder (its tables and run folders): a file that is not .html is no folder.
    ['game --sweep --out to a file that is no folder', ['game', 'breach', '--sweep', 'online=0.5..1:0.5', '--seeds', '1', '--out', 'afile'], ['--out', 'afile']],
    ['game --sweep --out in /proc', ['game', 'breach', '--sweep', 'online=0.5..1:0.5', '--seeds', '1', '--out', '/proc/x/y.html'], ['--out']],
    ['bench --out to a folder', ['bench', '--payments', '10', '--out', '.'], ['--out']],
    ['bench --out in /proc', ['bench', '--payments', '10', '--out', '/proc/x/bench.json'], ['--out']],
    ['bench --payments many', ['bench', '--payments', 'many'], ['--payments']],
    ['bench --payments 0', ['bench', '--payments', '0'], ['--payments']],
    ['bench --graph missing', ['bench', '--payments', '10', '--graph', 'nope.json'], ['--graph']],
    ['bench --graph a bad file', ['bench', '--payments', '10', '--graph', 'afile'], ['afile']],
    ['bench --crypto half', ['bench', '--payments', '10', '--crypto', 'half'], ['--crypto']],
    ['estimate --tps fast', ['estimate', '--tps', 'fast'], ['--tps']],
    ['estimate --tps 0', ['estimate', '--tps', '0'], ['--tps']],
    ['estimate --scale without --simulate', ['estimate', '--scale', '1000'], ['--scale']],
    ['estimate --simulate --scale 1', ['estimate', '--simulate', '--scale', '1'], ['--scale']],
    ['run --set without =', ['run', 's.yaml', '--set', 'defaults.freeze'], ['--set']],
    ['run --set of an unknown key', ['run', 's.yaml', '--set', 'defaults.freez=1'], ['s.yaml', 'defaults', '--set defaults.freez=1']],
    ['run --set of a bad value', ['run', 's.yaml', '--set', 'defaults.freeze=-1 blocks'], ['s.yaml', 'defaults.freeze', '--set']],
    ['run --set through a string', ['run', 's.yaml', '--set', 'name.x=1'], ['--set', 'name.x']],
    ['run --set past a list', ['run', 's.yaml', '--set', 'channels.5.freeze=1h'], ['--set', 'channels']],
    ['run --set __proto__', ['run', 's.yaml', '--set', '__proto__.polluted=1'], ['--set']],
    ['sweep without a grid', ['sweep', 's.yaml', '--out', 'sw'], ['--vary']],
    ['sweep --vary without =', ['sweep', 's.yaml', '--vary', 'workload.rate', '--out', 'sw'], ['--vary']],
    ['sweep --vary backwards', ['sweep', 's.yaml', '--vary', 'defaults.feePpm=5..1:1', '--out', 'sw'], ['--vary']],
    ['sweep --vary of an unknown path', ['sweep', 's.yaml', '--vary', 'defaults.feez=1,2', '--out', 'sw'], ['s.yaml', 'feez', '--vary']],
    ['sweep --vary of a bad value', ['sweep', 's.yaml', '--vary', 'defaults.feePpm=1,-5', '--out', 'sw'], ['defaults.feePpm', '--vary defaults.feePpm=-5']],
    ['sweep --vary of too many points', ['sweep', 's.yaml', '--vary', 'a=1..1000:1', '--vary', 'b=1..1000:1', '--out', 'sw'], ['--vary']],
    ['sweep --grid missing', ['sweep', 's.yaml', '--grid', 'nope.yaml', '--out', 'sw'], ['--grid', 'nope.yaml']],
    ['sweep --grid not a grid', ['sweep', 's.yaml', '--grid', 'afile', '--out', 'sw'], ['--grid', 'afile']],
    ['sweep --seeds 0', ['sweep', 's.yaml', '--vary', 'defaults.feePpm=1', '--seeds', '0', '--out', 'sw'], ['--seeds']],
    ['sweep --jobs x', ['sweep', 's.yaml', '--vary', 'defaults.feePpm=1', '--jobs', 'x', '--out', 'sw'], ['--jobs']],
    ['sweep --shard 4/3', ['sweep', 's.yaml', '--vary', 'defaults.feePpm=1', '--shard', '4/3', '--out', 'sw'], ['--shard']],
    ['sweep --shard abc', ['sweep', 's.yaml', '--vary', 'defaults.feePpm=1', '--shard', 'abc', '--out', 'sw'], ['--shard']],
    ['sweep --queue http', ['sweep', 's.yaml', '--vary', 'defaults.feePpm=1', '--queue', 'http://localhost', '--out', 'sw'], ['--queue']],
    ['sweep --queue unreachable', ['sweep', 's.yaml', '--vary', 'defaults.feePpm=1', '--queue', 'redis://127.0.0.1:1', '--out', 'sw'], ['--queue', 'cannot reach']],
    ['sweep --out in /proc', ['sweep', 's.yaml', '--vary', 'defaults.feePpm=1', '--out', '/proc/x/sw'], ['--out']],
    ['sweep merge of a folder that is no sweep', ['sweep', 'merge', '.', '--out', 'm'], ['sweep.json']],
    ['worker --queue unreachable', ['worker', '--queue', 'redis://127.0.0.1:1'], ['--queue', 'cannot reach']],
  ];
  return flags.map(([name, argv, mentions]) => ({ name, argv, files, mentions }));
}

export function allCases(): HostileCase[] {
  return [...scenarioCases(), ...syntaxCases(), ...importCases(), ...flagCases()];
}

/** Writes a case's files into `dir`. */
export function writeCase(dir: string, c: HostileCase): void {
  for (const [name, content] of Object.entries(c.files)) {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
  }
}
