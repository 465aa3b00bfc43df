/**
 * The contract under random sequences of calls after a cash (property): claims, timeouts,
 * withdrawals and penalties (with fees from the swept funds and tower rewards) at random
 * heights, over ordinary and shared HTLCs with random registrations, under both rules. Checked
 * after every call, through the host as the chain drives it:
 * - money: deposits = held by the contract + paid out + fees paid from it, and the host's books
 *   equal the balance the chain would keep (the host aborts otherwise);
 * - the rules, stated independently here: a penalty with the right proof succeeds exactly while
 *   something is punishable (virtual bank: before the freeze ends; asymmetric: as long as the
 *   contract holds anything) and takes bond + pending HTLCs; a timeout succeeds exactly at or past
 *   the lock unless a shared HTLC's R was registered below it; a claim exactly below the lock, or
 *   past it for a shared HTLC registered below it.
 */
import fc from 'fast-check';
import type { ContractContext, Tx } from '../chain/types.js';
import { hashLock, preimageFromSeed } from '../crypto/index.js';
import { runs } from '../testing/runs.js';
import { htlc, pair, revocationProof, running, signedCopy } from '../testing/contract.js';
import { height, msat, type Height, type Msat, type TxId, type UnixSeconds } from '../units.js';
import type { HtlcTerm, Side } from './commitment.js';
import { heldMsat, type ContractInput, type ContractRules } from './contract.js';
import { virtualBankHost } from './host.js';

const TOTAL = 200_000;
const FREEZE = 144;
const preimages = [0, 1, 2].map((i) => preimageFromSeed(`R${i}`));
const locks = preimages.map((p) => hashLock(p));

const htlcArb = fc.record({
  offerer: fc.constantFrom<Side>(0, 1),
  amount: fc.integer({ min: 1, max: 20_000 }),
  timeLock: fc.integer({ min: 101, max: 300 }),
  shared: fc.boolean(),
  known: fc.boolean(),
  registeredAt: fc.option(fc.integer({ min: 90, max: 320 }), { nil: undefined }),
});

const opArb = fc.record({
  kind: fc.constantFrom('claim', 'claim', 'timeout', 'timeout', 'withdraw', 'withdraw', 'penalty', 'wrong-proof'),
  index: fc.nat({ max: 2 }),
  gap: fc.integer({ min: 0, max: 120 }),
  fee: fc.constantFrom(0, 0, 500, 50_000, 300_000),
  reward: fc.constantFrom(0, 0, 1_000),
});

const caseArb = fc.record({
  rules: fc.constantFrom<ContractRules>('virtual-bank', 'asymmetric'),
  attacker: fc.constantFrom<Side>(0, 1),
  split: fc.integer({ min: 0, max: 100 }),
  htlcs: fc.array(htlcArb, { maxLength: 3 }),
  cashAt: fc.integer({ min: 100, max: 200 }),
  ops: fc.array(opArb, { maxLength: 12 }),
});

it('conserves money and follows the rules for every call sequence (property)', () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const terms: HtlcTerm[] = c.htlcs.map((h, i) => htlc(h.offerer, h.amount, locks[i]!, h.timeLock, h.shared));
      const rest = TOTAL - terms.reduce((s, h) => s + h.amountMsat, 0);
      const a = Math.floor((rest * c.split) / 100);
      // Each preimage's registration height, if any; the chain knows it only once that block is mined.
      const registry = new Map(c.htlcs.flatMap((h, i) => (h.registeredAt === undefined ? [] : [[locks[i]!, h.registeredAt] as const])));
      const registeredBy = (at: number) => (lock: string): Height | undefined => {
        const r = registry.get(lock);
        return r !== undefined && r <= at ? height(r) : undefined;
      };
      const host = virtualBankHost(running('p', c.rules));
      let balance = TOTAL;
      let paid = 0;
      let fees = 0;
      const exec = (caller: string, input: ContractInput, at: number, contractFeeMsat = 0): boolean => {
        const tx = { id: 'tx' as TxId, kind: input.method, sender: caller, feeMsat: msat(0), submittedAt: 0, weight: 1 } as Tx;
        const ctx: ContractContext = { height: height(at), timestamp: (1_700_000_000 + 600 * at) as UnixSeconds, tx, valueInMsat: msat(0), balanceMsat: msat(balance), contractFeeMsat: msat(contractFeeMsat), registeredAt: registeredBy(at) };
        const result = host.execute({ contractId: 'p', method: input.method, args: input }, ctx);
        if (result.ok) {
          const out = result.payouts.reduce((s, p) => s + p.amountMsat, 0);
          balance -= out + contractFeeMsat;
          paid += out;
          fees += contractFeeMsat;
        }
        expect(balance).toBe(heldMsat(host.state));
        expect(balance + paid + fees).toBe(TOTAL);
        return result.ok;
      };
      const node = (side: Side) => (side === 0 ? 'alice' : 'bob');
      const attacker = node(c.attacker);
      const defender = node(c.attacker === 0 ? 1 : 0);
      const copy = signedCopy(c.attacker, 5, pair(c.attacker === 0 ? a : rest - a, c.attacker === 0 ? rest - a : a), { id: 'p', freezeBlocks: FREEZE, htlcs: terms });
      // The attacker shows the preimages it knows of the HTLCs offered to it.
      const shown = c.htlcs.flatMap((h, i) => (h.known && h.offerer !== c.attacker ? [preimages[i]!] : []));
      expect(exec(attacker, terms.length ? { method: 'cashHtlc', commitment: copy, preimages: shown } : { method: 'cashRsmc', commitment: copy }, c.cashAt)).toBe(true);
      const inTime = (h: HtlcTerm, at: number) => {
        const r = registry.get(h.hashLock);
        return h.shared === true && r !== undefined && r <= at && r < h.timeLock;
      };
      let at = c.cashAt;
      for (const op of c.ops) {
        at += op.gap;
        const state = host.state;
        if (state.phase !== 'Auditing') break;
        const h = terms[op.index];
        const pendingNow = h !== undefined && state.pending.some((p) => p.hashLock === h.hashLock);
        if (op.kind === 'claim' && h && pendingNow) {
          const ok = exec(node(h.offerer === 0 ? 1 : 0), { method: 'claimHtlc', hashLock: h.hashLock, preimage: preimages[op.index]! }, at);
          expect(ok).toBe(at < h.timeLock || inTime(h, at));
        } else if (op.kind === 'timeout' && h && pendingNow) {
          const ok = exec(node(h.offerer), { method: 'timeoutHtlc', hashLock: h.hashLock }, at);
          expect(ok).toBe(at >= h.timeLock && !inTime(h, at));
        } else if (op.kind === 'withdraw') {
          const ok = exec(attacker, { method: 'withdrawByAttacker' }, at);
          expect(ok).toBe(!state.bondReleased && at >= c.cashAt + FREEZE);
        } else if (op.kind === 'penalty' || op.kind === 'wrong-proof') {
          const taken = state.bondMsat + state.pending.reduce((s, p) => s + p.amountMsat, 0);
          const proof = revocationProof(c.attacker, op.kind === 'penalty' ? 5 : 4, 'p');
          const reward = op.reward ? { reward: { to: 'tower', amountMsat: msat(op.reward) as Msat } } : {};
          const ok = exec(defender, { method: 'withdrawByDefender', revocationSignature: proof, ...reward }, at, op.fee);
          const punishable = c.rules === 'asymmetric' || at < c.cashAt + FREEZE;
          expect(ok).toBe(op.kind === 'penalty' && punishable && op.fee + op.reward <= taken);
          const after = host.state;
          if (ok) expect(after.phase === 'Closed' && after.how === 'defender-punished' && after.penalty.takenMsat).toBe(taken);
        }
      }
    }),
    { seed: 5, numRuns: runs(150) },
  );
});
