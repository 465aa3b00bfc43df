/**
 * Issue 13's promise on random small networks with random faults: payers and sinks around a few
 * hubs, routed and direct payments, and, at random times (often within minutes of a payment or
 * around expiry heights), offline and unresponsive windows of any length, cooperative closes,
 * `fail` actions and revoked broadcasts. Fees are zero so every msat can be accounted for. Half
 * the networks pay with multi-part payments; there every payer and sink has a second channel to
 * the next hub (parts of a payment never share a channel).
 *
 * - funds are conserved (the run's own invariants, and the sum of balances);
 * - an honest node that stays online and answering never ends below what its succeeded payments
 *   leave it (it never loses an HTLC it forwarded nor a penalty it was owed);
 * - every sink (a node that only receives) holds exactly its start plus the payments reported
 *   succeeded to it: a succeeded payment paid its payee, and no failed one did.
 */
import fc from 'fast-check';
import { BLOCK_MS, simulate } from '../testing/world.js';
import { runs } from '../testing/runs.js';

const HUBS = ['h0', 'h1', 'h2'];
const PAYERS = ['p0', 'p1'];
const SINKS = ['s0', 's1', 's2'];
const WINDOW_MS = 12 * BLOCK_MS; // payments and faults happen in the first two hours after the opens

const duration = fc.oneof(fc.integer({ min: 1_000, max: 600_000 }), fc.integer({ min: 1, max: 80 }).map((b) => b * BLOCK_MS));
/** When a fault strikes: within a second or two of some payment, anywhere in the window, or around an expiry height. */
const when = fc.oneof(
  { weight: 3, arbitrary: fc.record({ payment: fc.nat(), afterMs: fc.integer({ min: 0, max: 1_500 }) }) },
  { weight: 1, arbitrary: fc.record({ atMs: fc.integer({ min: 0, max: WINDOW_MS }) }) },
  { weight: 1, arbitrary: fc.integer({ min: 14, max: 70 }).map((h) => ({ atMs: (h - 3) * BLOCK_MS })) },
);

const fault = fc.oneof(
  fc.record({ kind: fc.constant('offline' as const), node: fc.constantFrom(...HUBS, ...PAYERS, ...SINKS), atMs: when, forMs: duration }),
  fc.record({ kind: fc.constant('unresponsive' as const), node: fc.constantFrom(...HUBS, ...PAYERS), atMs: when, forMs: duration }),
  fc.record({ kind: fc.constant('close' as const), channel: fc.nat(), side: fc.nat(1), atMs: when }),
  fc.record({ kind: fc.constant('fail' as const), node: fc.constantFrom(...HUBS), atMs: when }),
  fc.record({ kind: fc.constant('cheat' as const), channel: fc.nat(), side: fc.nat(1), sequence: fc.nat(), atMs: when }),
);

const payment = fc.record({ from: fc.constantFrom(...PAYERS), to: fc.constantFrom(...SINKS, ...HUBS), amount: fc.integer({ min: 1, max: 60 }), atMs: fc.integer({ min: 0, max: WINDOW_MS }) });

const network = fc.record({
  sinkHub: fc.array(fc.nat(2), { minLength: 3, maxLength: 3 }),
  payerHub: fc.array(fc.nat(2), { minLength: 2, maxLength: 2 }),
  ring: fc.boolean(),
  deposits: fc.array(fc.integer({ min: 50, max: 200 }), { minLength: 26, maxLength: 26 }),
  mpp: fc.boolean(),
});

/** Small shards (1 sat) and few parts, so that splitting happens at these amounts. */
const MPP = { minShardMsat: 1_000, maxParts: 4, timeoutMs: 60_000 };

describe('random networks with random faults (property)', () => {
  it('conserve funds; online honest nodes never lose; succeeded payments, and only they, paid their payees', () => {
    fc.assert(
      fc.property(network, fc.array(payment, { minLength: 1, maxLength: 8 }), fc.array(fault, { maxLength: 6 }), (net, payments, faults) => {
        const between: (readonly [string, string])[] = [['h0', 'h1'], ['h1', 'h2']];
        if (net.ring) between.push(['h2', 'h0']);
        PAYERS.forEach((p, i) => between.push([p, HUBS[net.payerHub[i]!]!]));
        SINKS.forEach((s, i) => between.push([HUBS[net.sinkHub[i]!]!, s]));
        if (net.mpp) {
          PAYERS.forEach((p, i) => between.push([p, HUBS[(net.payerHub[i]! + 1) % 3]!]));
          SINKS.forEach((s, i) => between.push([HUBS[(net.sinkHub[i]! + 1) % 3]!, s]));
        }
        const channels = between.map((b, i) => ({ between: b, deposit: [net.deposits[2 * i]!, net.deposits[2 * i + 1]!] as const, policy: { feeBase: 0, cltvDelta: 40 } }));
        const sim = simulate({ channels, crypto: 'lazy', multiHop: net.mpp ? { mpp: MPP } : {} });
        const ids = channels.map((c) => `${c.between[0]}-${c.between[1]}`);
        sim.mineBlocks(3);
        const nodes = [...HUBS, ...PAYERS, ...SINKS];
        const start = Object.fromEntries(nodes.map((n) => [n, sim.balance(n)]));
        const total = nodes.reduce((s, n) => s + start[n]!, 0);
        const t0 = sim.engine.now;

        const unsafe = new Set<string>();
        // Multi-part networks pay three times as much, so that payments often need more than one path.
        for (const p of payments) sim.engine.scheduleAt(t0 + p.atMs, () => sim.send(p.from, p.to, net.mpp ? 3 * p.amount : p.amount));
        for (const f of faults) {
          const at = t0 + ('payment' in f.atMs ? payments[f.atMs.payment % payments.length]!.atMs + f.atMs.afterMs : f.atMs.atMs);
          switch (f.kind) {
            case 'offline':
            case 'unresponsive':
              unsafe.add(f.node);
              sim.engine.scheduleAt(at, () => sim.perform({ node: f.node, do: f.kind, forMs: f.forMs }));
              break;
            case 'fail':
              unsafe.add(f.node);
              sim.engine.scheduleAt(at, () => sim.perform({ node: f.node, do: 'fail' }));
              break;
            case 'close': {
              const channel = ids[f.channel % ids.length]!;
              sim.engine.scheduleAt(at, () => sim.close(channels[f.channel % ids.length]!.between[f.side]!, channel));
              break;
            }
            case 'cheat': {
              // Only hubs and payers cheat, and never against a sink (sinks must account exactly).
              const c = channels[f.channel % ids.length]!;
              const cheater = c.between[f.side]!;
              if (SINKS.some((s) => c.between.includes(s))) break;
              unsafe.add(cheater);
              sim.engine.scheduleAt(at, () => {
                const live = sim.channel(ids[f.channel % ids.length]!);
                sim.cheat(cheater, live.id, 1 + (f.sequence % live.channel.sequence));
              });
              break;
            }
          }
        }

        sim.runFor(WINDOW_MS + 80 * BLOCK_MS);
        expect(nodes.reduce((s, n) => s + sim.balance(n), 0)).toBe(total);
        sim.mineBlocks(400); // every lock has expired, every freeze ended, every claim confirmed
        sim.finish();
        expect(nodes.reduce((s, n) => s + sim.balance(n), 0)).toBe(total);

        const records = sim.network.payments;
        expect(records).toHaveLength(payments.length);
        const net_ = (n: string): number =>
          records.reduce((s, r) => s + (r.status !== 'succeeded' ? 0 : (r.to === n ? r.amountMsat : 0) - (r.from === n && r.payerKnowsR ? r.amountMsat : 0)), 0) / 1000;
        for (const n of nodes) {
          if (!unsafe.has(n)) expect(sim.balance(n)).toBeGreaterThanOrEqual(start[n]! + net_(n));
        }
        for (const s of SINKS) expect(sim.balance(s)).toBe(start[s]! + net_(s));
      }),
      { seed: 20261128, numRuns: runs(60) },
    );
  });
});
