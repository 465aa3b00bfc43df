/**
 * Swaps over Lightning channels on two chains, with the numbers of scenarios/README.md "Atomic
 * swap over Lightning": btc blocks every 600 s, alt every 150 s (fixed); Alice pays 100,000 sat
 * to the exchange X at 2h 2min (btc height 12, alt height 48), X pays Bob 2,000,000 alt-sat.
 * Alice's HTLC expires 6h later in btc blocks: 12 + 36 = 48 (due 8h); X's 3h later in alt
 * blocks: 48 + 72 = 120 (due 5h).
 */
import { join } from 'node:path';
import { ScenarioError } from '../errors.js';
import { readScenarioDoc, runScenario, scenarioFromData } from '../scenario/index.js';
import { summarize } from '../report/summary.js';
import { reportMarkdown } from '../report/markdown.js';
import { stampsOf } from '../chain/records.js';

const file = join(process.cwd(), 'scenarios', 'examples', 'lightning-swap.yaml');
type Doc = { lightningSwaps: Record<string, unknown>[]; channels: Record<string, unknown>[]; payments?: unknown[]; expect?: unknown; run: { until: string } };

function play(swap: Record<string, unknown>, edit: (doc: Doc) => void = () => undefined) {
  const doc = readScenarioDoc(file) as Doc;
  delete doc.expect;
  doc.lightningSwaps[0] = { ...doc.lightningSwaps[0], ...swap };
  edit(doc);
  const run = runScenario(scenarioFromData(doc, file));
  const report = summarize(run);
  const x = run.crossChain!;
  const btc = Object.fromEntries(Object.entries(report.balances).map(([n, b]) => [n, b.endMsat / 1000]));
  const alt = Object.fromEntries(Object.entries(x.chains.alt!.wallets).map(([n, w]) => [n, w.endMsat / 1000]));
  const steps = x.lightningSwapEvents.map((e) => `${e.time / 1000}s ${e.chain} ${e.node}: ${e.what.split(';')[0]}`);
  return { run, report, row: x.lightningSwaps[0]!, btc, alt, steps };
}

/** Each chain alone: what its nodes hold at the end + its fees = what they started with (sat). */
function expectConservedPerChain(p: ReturnType<typeof play>): void {
  const { report, run } = p;
  const start = (rows: Record<string, { startMsat: number; endMsat: number }>) => Object.values(rows).reduce((s, r) => s + r.startMsat, 0);
  const end = (rows: Record<string, { startMsat: number; endMsat: number }>) => Object.values(rows).reduce((s, r) => s + r.endMsat, 0);
  expect(end(report.balances) + run.crossChain!.chains.btc!.feesMsat).toBe(start(report.balances));
  const alt = run.crossChain!.chains.alt!;
  expect(end(alt.wallets) + alt.feesMsat).toBe(start(alt.wallets));
  expect(start(report.balances)).toBe(2_000_000_000); // btc: Alice's and X's deposits
  expect(start(alt.wallets)).toBe(21_000_000_000); // alt: X's 20,000,000 sat and Bob's 1,000,000
}

describe('swap over Lightning channels on two chains', () => {
  it('honest: both HTLCs settle off chain at once; each chain keeps its own money', () => {
    const p = play({});
    expect(p.row).toMatchObject({ outcome: 'completed', payExpiryHeight: 48, receiveExpiryHeight: 120, payExpiryDueMs: 28_800_000, receiveExpiryDueMs: 18_000_000, receiveMsat: 2_000_000_000, payLeg: 'fulfilled', receiveLeg: 'fulfilled' });
    expect(p.btc).toEqual({ alice: 900_000, bob: 0, xchg: 1_100_000 });
    expect(p.alt).toEqual({ bob: 3_000_000, xchg: 18_000_000 });
    // Only the four deposits touched a chain, each on its own chain's ledger.
    for (const chain of ['btc', 'alt']) expect(p.run.crossChain!.chains[chain]!.txs.map((t) => t.kind)).toEqual(['deposit', 'deposit']);
    expectConservedPerChain(p);
  });

  it('the payee claims at its last moment (right order): Bob on chain in alt block 118 (4h 55min), X settles with Alice off chain with R', () => {
    const p = play({ payeeClaims: 'late' });
    expect(p.steps).toContain('7320.1s alt bob: withholds R');
    expect(p.steps).toContain('17700s alt xchg: learns R (HTLC claimed on chain)');
    expect(p.row).toMatchObject({ outcome: 'completed', payLeg: 'fulfilled', receiveLeg: 'claimed' });
    expect(stampsOf(p.run.crossChain!.chains.alt!.txs.find((t) => t.kind === 'cash-htlc')!).confirmedHeight).toBe(118);
    expect(p.btc).toEqual({ alice: 900_000, bob: 0, xchg: 1_100_000 });
    expect(p.alt).toEqual({ bob: 3_000_000, xchg: 18_000_000 });
    expectConservedPerChain(p);
  });

  it('wrong order, careless exchange, late payee: Alice refunded at btc block 49 (8h 10min), Bob paid at alt block 214 (8h 55min): the exchange loses', () => {
    const p = play({ receive: { chain: 'alt', expiry: '7h' }, checkExpiries: false, payeeClaims: 'late' });
    expect(p.row).toMatchObject({ outcome: 'exchange-lost', receiveExpiryHeight: 216, receiveExpiryDueMs: 32_400_000, payLeg: 'timedOut', receiveLeg: 'claimed' });
    expect(p.steps).toEqual([
      '7320s alt bob: draws R',
      '7320s btc alice: offers 100,000 sat to xchg under H, expiring at block 48 (due 8h 0min)',
      '7320.1s alt xchg: offers 2,000,000 sat to bob under H, expiring at block 216 (due 9h 0min, after the incoming HTLC)',
      '7320.1s alt bob: withholds R',
      '29400s btc alice: its HTLC to xchg timed out and refunded on chain',
      '32100s alt xchg: learns R (HTLC claimed on chain)',
    ]);
    expect(p.btc).toEqual({ alice: 1_000_000, bob: 0, xchg: 1_000_000 });
    expect(p.alt).toEqual({ bob: 3_000_000, xchg: 18_000_000 });
    expectConservedPerChain(p);
    expect(reportMarkdown(p.report, p.run)).toContain('- lnswap1: alice → xchg → bob, exchange-lost (alice’s HTLC, block 48: timedOut; xchg’s HTLC, block 216: claimed)');
  });

  it('wrong order, careful exchange: it fails Alice’s HTLC back at once and offers nothing', () => {
    const p = play({ receive: { chain: 'alt', expiry: '7h' }, payeeClaims: 'late' });
    expect(p.row).toMatchObject({ outcome: 'refused', payLeg: 'failed', receiveLeg: 'none' });
    expect(p.steps[2]).toBe('7320.1s btc xchg: refuses: its HTLC on alt would expire at 9h 0min, less than 1h 0min before the incoming one (8h 0min)');
    expect(p.btc).toEqual({ alice: 1_000_000, bob: 0, xchg: 1_000_000 });
    expect(p.alt).toEqual({ bob: 1_000_000, xchg: 20_000_000 });
  });

  it('a margin the expiries do not leave is refused too: 3h apart, margin 4h', () => {
    expect(play({ margin: '4h' }).row.outcome).toBe('refused');
    expect(play({ margin: '3h' }).row.outcome).toBe('completed');
  });

  it('the exchange stops before forwarding: Alice goes on chain at her expiry and takes her HTLC back in btc block 49', () => {
    const p = play({ exchangeStop: 'forward' });
    expect(p.row).toMatchObject({ outcome: 'unwound', payLeg: 'timedOut', receiveLeg: 'none' });
    expect(stampsOf(p.run.crossChain!.chains.btc!.txs.find((t) => t.kind === 'cash-htlc')!).confirmedHeight).toBe(49);
    expect(p.btc).toEqual({ alice: 1_000_000, bob: 0, xchg: 1_000_000 });
    expect(p.alt).toEqual({ bob: 1_000_000, xchg: 20_000_000 });
    expectConservedPerChain(p);
  });

  it('the payee never claims: X times out on alt (block 121, 5h 2min 30s) and fails Alice’s HTLC back off chain', () => {
    const p = play({ payeeClaims: 'never' });
    expect(p.row).toMatchObject({ outcome: 'unwound', payLeg: 'failed', receiveLeg: 'timedOut' });
    expect(p.steps).toContain(`${121 * 150}s alt xchg: its HTLC timed out and refunded on chain: fails the incoming HTLC back`);
    expect(p.btc).toEqual({ alice: 1_000_000, bob: 0, xchg: 1_000_000 });
    expect(p.alt).toEqual({ bob: 1_000_000, xchg: 20_000_000 });
    expectConservedPerChain(p);
  });

  it('a channel’s penalties go to its own chain: Bob broadcasts the revoked sequence 1 of xchg-bob at 3h 1min; alt block 73 has it, X’s penalty is in alt block 74', () => {
    const p = play({}, (doc) => {
      (doc as Doc & { actions: unknown[] }).actions = [{ at: '181min', node: 'bob', do: 'broadcast', channel: 'xchg-bob', sequence: 1 }];
    });
    const kinds = (chain: string) => p.run.crossChain!.chains[chain]!.txs.filter((t) => t.status === 'confirmed').map((t) => `${t.kind}@${t.confirmedHeight}`);
    expect(kinds('alt')).toEqual(['deposit@1', 'deposit@1', 'cash-rsmc@73', 'penalty@74']);
    expect(kinds('btc')).toEqual(['deposit@1', 'deposit@1']);
    // The penalty takes the whole channel: Bob's 3,000,000 alt-sat side goes to X (21,000,000).
    expect(p.alt).toEqual({ bob: 0, xchg: 21_000_000 });
    expect(p.btc).toEqual({ alice: 900_000, bob: 0, xchg: 1_100_000 });
    expectConservedPerChain(p);
  });

  it('a swap of the payer’s own coins (payee = payer): Alice ends with 900,000 sat on btc and 3,000,000 alt-sat on alt', () => {
    const p = play({ payee: 'alice' }, (doc) => {
      doc.channels = [
        { id: 'ax-btc', between: ['alice', 'xchg'], deposit: ['1000000 sat', '1000000 sat'] },
        { id: 'xa-alt', between: ['xchg', 'alice'], deposit: ['20000000 sat', '1000000 sat'], chain: 'alt' },
      ];
    });
    expect(p.row.outcome).toBe('completed');
    expect(p.btc).toEqual({ alice: 900_000, xchg: 1_100_000 });
    expect(p.alt).toEqual({ alice: 3_000_000, xchg: 18_000_000 });
  });

  it('a swap the payer cannot start (its channel still unconfirmed at 5 min) is refused; one after the run’s end is pending', () => {
    expect(play({ at: '5min' }).row).toMatchObject({ outcome: 'refused', payLeg: 'none', receiveLeg: 'none' });
    expect(play({ at: '13h' }).row).toMatchObject({ outcome: 'pending', payLeg: 'none' });
  });

  it('routes never mix chains: Alice cannot pay Bob over btc and alt channels (no route on btc)', () => {
    const p = play({}, (doc) => {
      doc.payments = [{ at: '3h', from: 'alice', to: 'bob', amount: '1000 sat' }];
    });
    expect(p.report.payments).toMatchObject({ attempted: 1, succeeded: 0, failures: { 'no-route': 1 } });
  });

  it('bad input: a channel on an unknown chain, a leg without its channel', () => {
    const fail = (edit: (doc: Doc) => void): ScenarioError => {
      const doc = readScenarioDoc(file) as Doc;
      edit(doc);
      try {
        scenarioFromData(doc, file);
      } catch (e) {
        return e as ScenarioError;
      }
      throw new Error('accepted');
    };
    expect(fail((d) => (d.channels[1]!.chain = 'ltc'))).toMatchObject({ path: 'channels[1].chain', message: expect.stringContaining("unknown chain 'ltc'") });
    expect(fail((d) => delete d.channels[1]!.chain)).toMatchObject({ path: 'lightningSwaps[0].payee', message: expect.stringContaining('no channel between xchg and bob on alt') });
    expect(fail((d) => (d.lightningSwaps[0]!.receive = { chain: 'btc', expiry: '3h' }))).toMatchObject({ path: 'lightningSwaps[0].receive.chain' });
    expect(fail((d) => (d.lightningSwaps[0]!.rate = 1e-9))).toMatchObject({ path: 'lightningSwaps[0].rate' });

  });
});
