/** Bad input gets one clear error naming the file, the field path and a stable code. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScenarioError } from '../errors.js';
import { listScenarios } from './catalog.js';
import { checkScenario, loadScenario, parseScenario } from './load.js';
import { sharedFile } from '../testing/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'pcnsim-load-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

function errorOf(text: string, name = 'case.yaml'): ScenarioError {
  try {
    parseScenario(text, name);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

const base = `name: t
channels:
  - { between: [alice, bob], deposit: [100 sat, 100 sat] }
`;

describe('one shape per kind: actions on do, agents on strategy', () => {
  const act = (action: string) => `${base}actions:\n  - ${action}\n`;
  const agent = (entry: string) => `${base}agents:\n  alice: ${entry}\n`;
  it.each([
    [act('{ at: 1h, node: bob, do: offline, amount: 5 }'), 'unused-field', 'actions[0].amount', "'amount' does nothing for 'do: offline' (it belongs to 'do: pay'); expected only: at, node, do, for"],
    [act('{ at: 1h, node: bob, do: online, for: 1h }'), 'unused-field', 'actions[0].for', "'for' does nothing for 'do: online' (it belongs to 'do: offline' or 'do: unresponsive'); expected only: at, node, do"],
    [act('{ at: 1h, node: bob, do: close, channel: alice-bob, feePpm: 5 }'), 'unused-field', 'actions[0].feePpm', "'feePpm' does nothing for 'do: close' (it belongs to 'do: set-policy'); expected only: at, node, do, channel"],
    [act('{ at: 1h, node: bob, do: pay, to: alice }'), 'missing-field', 'actions[0].amount', 'missing; expected a number or a string'],
    [act('{ at: 1h, node: bob, do: dance }'), 'bad-value', 'actions[0].do', 'expected one of "broadcast", "close", "offline", "online", "unresponsive", "fail", "pay", "open", "set-policy", "probe", got "dance"'],
    [act('{ at: 1h, node: bob }'), 'missing-field', 'actions[0].do', 'missing; expected one of "broadcast", "close", "offline", "online", "unresponsive", "fail", "pay", "open", "set-policy", "probe"'],
    [act('{ at: 1h, node: bob, do: offline, fro: 1h }'), 'unknown-key', 'actions[0]', "unknown key 'fro' (did you mean 'for'?)"],
    [agent('{ belief: 0.5 }'), 'unused-field', 'agents.alice.belief', "'belief' does nothing for 'strategy: honest' (it belongs to 'strategy: cheater'); expected only: strategy, online, wallet, chainDelay"],
    [agent('{ strategy: cheater, watches: [bob] }'), 'unused-field', 'agents.alice.watches', "'watches' does nothing for 'strategy: cheater' (it belongs to 'strategy: watchtower'); expected only: strategy, online, wallet, chainDelay, cheat, belief"],
    [agent('{ strategy: miner, wallet: 5 }'), 'unused-field', 'agents.alice.wallet', "'wallet' does nothing for 'strategy: miner' (every other strategy has it); expected only: strategy, share, censors"],
    [agent('{ strategy: watchtower }'), 'missing-field', 'agents.alice.watches', 'missing; expected a list'],
    [agent('{ chainDelay: -2 }'), 'bad-blocks', 'agents.alice.chainDelay', "expected a number of blocks ≥ 0, got -2"],
    [agent('{ chainDelay: 1.5 blocks }'), 'bad-blocks', 'agents.alice.chainDelay', "expected a whole number of blocks, got '1.5 blocks'"],
    [agent('{ strategy: hero }'), 'bad-value', 'agents.alice.strategy', 'expected one of "honest", "cheater", "watchtower", "jammer", "griefer", "miner", "wormhole", got "hero"'],
  ])('%s', (text, code, path, detail) => {
    expect(errorOf(text)).toMatchObject({ code, path, detail });
  });

  it('a kind takes its own fields, and honest is the kind without strategy', () => {
    const s = parseScenario(`${base}agents:\n  alice: { online: 0.5, wallet: 1 sat }\n  bob: { strategy: cheater, cheat: always, online: 0.9 }\nactions:\n  - { at: 1h, node: bob, do: offline, for: 1h }\n  - { at: 3h, node: alice, do: pay, to: bob, amount: 1 sat }\n`, 'ok.yaml');
    expect(s.network.actions).toEqual([
      { atMs: 3_600_000, node: 'bob', do: 'offline', forMs: 3_600_000 },
      { atMs: 10_800_000, node: 'alice', do: 'pay', to: 'bob', amountMsat: 1_000 },
    ]);
    expect(s.network.cheaters).toEqual([{ node: 'bob', mode: 'always', belief: 0.99 }]);
    expect(s.network.walletMsat).toMatchObject({ alice: 1_000, bob: 0 });
    expect(s.network.onlineProbability).toMatchObject({ alice: 0.5, bob: 0.9 });
  });
});

describe('loading scenarios', () => {
  it('resolves units and defaults', () => {
    const s = parseScenario(`${base}payments:\n  - { at: 1h, from: alice, to: bob, amount: 1.5 sat }\nrun: { until: 2d }\n`, 'ok.yaml');
    expect(s.untilMs).toBe(2 * 86_400_000);
    expect(s.network.channels[0]).toMatchObject({ id: 'alice-bob', deposit: [100_000, 100_000], freeze: { blocks: 144 }, confirmations: 3, kind: 'virtual-bank' });
    expect(s.network.payments[0]).toEqual({ atMs: 3_600_000, from: 'alice', to: 'bob', amountMsat: 1_500 });
    expect(s.chain).toMatchObject({ blockIntervalMs: 600_000, fixedInterval: false });
  });

  it('reads JSON with the same schema', () => {
    const s = parseScenario(JSON.stringify({ name: 'j', channels: [{ between: ['a', 'b'], deposit: [1, 2] }] }), 'x.json');
    expect(s.network.channels[0]!.deposit).toEqual([1_000, 2_000]);
  });

  it('generates a topology and resolves a workload', () => {
    const s = parseScenario(`name: g\ntopology: { generate: ring, nodes: 5 }\nworkload: { rate: 2/s, amount: 1000 sat, count: 7 }\n`, 'g.yaml');
    expect(s.network.nodes).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    expect(s.network.channels.map((c) => c.id)).toEqual(['n0-n1', 'n1-n2', 'n2-n3', 'n3-n4', 'n4-n0']);
    expect(s.workload).toMatchObject({ ratePerSecond: 2, amount: { dist: 'fixed', value: 1_000_000 }, pairs: 'uniform', count: 7 });
  });

  it('ends an offline window at the next online action, or at the end of the run', () => {
    const s = parseScenario(`${base}run: { until: 1d }\nactions:\n  - { at: 1h, node: bob, do: offline }\n  - { at: 3h, node: bob, do: online }\n  - { at: 5h, node: alice, do: offline }\n`, 'o.yaml');
    expect(s.network.actions.filter((a) => a.do === 'offline')).toEqual([
      { atMs: 3_600_000, node: 'bob', do: 'offline', forMs: 7_200_000 },
      { atMs: 18_000_000, node: 'alice', do: 'offline', forMs: 86_400_000 + 1 - 18_000_000 },
    ]);
  });

  it('expands repeated payments', () => {
    const s = parseScenario(`${base}payments:\n  - { at: 10s, from: alice, to: bob, amount: 1, every: 2s, count: 3 }\n`, 'r.yaml');
    expect(s.network.payments.map((p) => p.atMs)).toEqual([10_000, 12_000, 14_000]);
  });

  it.each([
    ['a missing file', () => loadScenario(join(dir, 'missing.yaml')), 'missing-file', ''],
    ['bad YAML', () => loadScenario(file('bad.yaml', 'name: [unclosed\n')), 'bad-syntax', ''],
    ['bad JSON', () => loadScenario(file('bad.json', '{"name": }')), 'bad-syntax', ''],
    ['a list instead of a mapping', () => parseScenario('- 1\n- 2\n', 'l.yaml'), 'bad-syntax', ''],
  ])('rejects %s', (_, load, code, path) => {
    try {
      load();
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).code).toBe(code);
      expect((error as ScenarioError).path).toBe(path);
      expect((error as ScenarioError).file).toBeDefined();
      expect((error as ScenarioError).message).not.toContain('\n');
    }
  });

  it.each([
    ['a misspelt top-level key', `${base}chian: {}\n`, 'unknown-key', '', /did you mean 'chain'/],
    ['a misspelt nested key', `${base}chain: { blockIntervall: 10s }\n`, 'unknown-key', 'chain', /did you mean 'blockInterval'/],
    ['a wrong field type', `${base}seed: seven\n`, 'bad-value', 'seed', /whole number|number/],
    ['a negative amount', `name: t\nchannels:\n  - { between: [a, b], deposit: [-5, 100] }\n`, 'bad-amount', 'channels[0].deposit[0]', /≥ 0/],
    ['a bad amount unit', `name: t\nchannels:\n  - { between: [a, b], deposit: [5 dollars, 100] }\n`, 'bad-amount', 'channels[0].deposit[0]', /unit/],
    ['an amount over the safe limit', `name: t\nchannels:\n  - { between: [a, b], deposit: [100000 btc, 1] }\n`, 'amount-too-large', 'channels[0].deposit[0]', /90000 btc/],
    ['a bad duration', `${base}run: { until: 3 fortnights }\n`, 'bad-duration', 'run.until', /unit/],
    ['blocks where a time is needed', `${base}run: { until: 144 blocks }\n`, 'bad-duration', 'run.until', /blocks are not taken/],
    ['a negative traffic fee', `name: t\ntraffic: { rate: 1/s, fee: -5 }\n`, 'bad-amount', 'traffic.fee', /≥ 0/],
    ['a missing name', `channels: []\n`, 'missing-field', 'name', /missing/],
    ['an unknown node', `name: t\nnodes: [alice, bob]\nchannels:\n  - { between: [alice, carol], deposit: [1, 1] }\n`, 'unknown-node', 'channels[0].between[1]', /carol/],
    ['a channel to itself', `name: t\nchannels:\n  - { between: [alice, alice], deposit: [1, 1] }\n`, 'channel-to-itself', 'channels[0].between', /two different/],
    ['a duplicate channel', `${base}  - { between: [bob, alice], deposit: [1, 1] }\n`, 'duplicate-channel', 'channels[1].between', /duplicate/],
    ['a zero deposit', `name: t\nchannels:\n  - { between: [a, b], deposit: [0, 1] }\n`, 'bad-deposit', 'channels[0].deposit[0]', /positive/],
    ['an action on an unknown channel', `${base}actions:\n  - { at: 1h, node: alice, do: close, channel: alice-carol }\n`, 'unknown-channel', 'actions[0].channel', /alice-bob/],
    ['an open action without a peer', `${base}actions:\n  - { at: 1h, node: alice, do: open, deposit: [1, 1] }\n`, 'missing-field', 'actions[0].with', /with/],
    ['an open action duplicating a channel', `${base}actions:\n  - { at: 1h, node: alice, with: bob, do: open, deposit: [1, 1] }\n`, 'duplicate-channel', 'actions[0].id', /alice-bob/],
    ['an unknown strategy', `${base}agents:\n  alice: { strategy: saint }\n`, 'bad-value', 'agents.alice.strategy', /honest/],
    ['a watchtower watching nobody', `${base}agents:\n  t: { strategy: watchtower }\n`, 'missing-field', 'agents.t.watches', /watches/],
    ['a watchtower watching an unknown node', `${base}agents:\n  t: { strategy: watchtower, watches: [zed] }\n`, 'unknown-node', 'agents.t.watches[0]', /zed/],
    ['a missing import file', `name: t\ntopology: { import: nowhere.json }\n`, 'missing-file', 'topology.import', /nowhere\.json/],
    ['both generate and import', `name: t\ntopology: { generate: star, import: x.json }\n`, 'bad-value', 'topology', /exactly one/],
    ['an unknown generator', `name: t\ntopology: { generate: hypercube }\n`, 'bad-value', 'topology.generate', /scale-free/],
    ['a lognormal amount without a median', `name: t\ntopology: { generate: line, nodes: 3 }\nworkload: { rate: 1/s, amount: { dist: lognormal } }\n`, 'missing-field', 'workload.amount.median', /median/],
    ['a payment to a node the topology lacks', `name: t\ntopology: { generate: line, nodes: 3 }\npayments:\n  - { at: 1s, from: n0, to: n9, amount: 1 }\n`, 'unknown-node', 'payments[0].to', /n9/],
    ['an asymmetric delay in seconds', `name: t\nchannels:\n  - { between: [a, b], deposit: [1, 1], kind: asymmetric, freeze: 1h }\n`, 'bad-duration', 'channels[0].freeze', /blocks/],
  ])('rejects %s with a code and the field path', (_, text, code, path, wording) => {
    const error = errorOf(text);
    expect(error.code).toBe(code);
    expect(error.path).toBe(path);
    expect(error.message).toMatch(wording);
    expect(error.message.startsWith(`case.yaml: ${path ? `${path}: ` : ''}`)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('validate lists every problem of a file, one per line', () => {
    const problems = checkScenario(file('many.yaml', `name: t\nseed: -1\nchian: 1\nrun: { until: x }\n`));
    expect(problems.map((p) => p.path).sort()).toEqual(['', 'run.until', 'seed']);
  });

  it("validates the README's scenario example", () => {
    const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'README.md'), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(() => parseScenario(example, 'README.md')).not.toThrow();
  });

  it("validates INTERFACE.md's example scenario (../shared)", () => {
    const file = sharedFile('INTERFACE.md');
    const example = /```yaml\n([\s\S]*?)```/.exec(readFileSync(file, 'utf8'))![1]!;
    expect(() => parseScenario(example, 'INTERFACE.md')).not.toThrow();
  });

    it('validates every bundled scenario', () => {
    const entries = listScenarios(join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
    expect(entries.length).toBeGreaterThanOrEqual(8);
    for (const e of entries) expect(checkScenario(e.path)).toEqual([]);
  });
});
