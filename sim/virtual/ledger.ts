/**
 * The ledger channel's contract, extended for virtual channels as in Perun (BRIEF's source §6.2),
 * as a pure contract: `stepLedger(state, input, ctx)` returns the next state and its payouts, or
 * a ProtocolError with a stable code. `PureContractHost` (sim/channel/host.ts) puts it on a chain.
 *
 *   Funding ── fund, each side its deposit ──► Open
 *   Open ── conclude(v), v signed by both, no virtual lock ──────────────► Closed   v's balances paid
 *   Open ── register(v), v signed by both ──► Registered(v, deadline)
 *   Registered ── register(v'), newer ledger version, before deadline ──► Registered(v', deadline restarts)
 *   Registered ── registerVirtual(g), g signed by both ends of v's lock, newer than the standing g,
 *                 before deadline ──► Registered(v, g, deadline restarts)
 *   Registered ── finalize, anyone, timestamp ≥ deadline ──► Closed   free balances + the lock split by g
 *
 *   deadline = max(now, the lock's validUntil) + challenge
 *
 * A ledger with a virtual lock cannot be finalized before γ's validity ends, and then only after
 * a challenge period in which either side may show a newer ledger version or a newer γ version:
 * an intermediary that shows γ's opening state is outranked by the end's newest one, and an end
 * whose intermediary is offline settles γ here alone. With no γ version registered the lock pays
 * back the deposits (γ's opening state). The money held is always the ledger's deposits.
 */
import { fail, invariant, ok, type Outcome } from '../errors.js';
import { fundSide, heldMsat, type HostContext, type HostPayout, payoutsOf, type Side, unfunded } from '../channel/index.js';
import { ledgerPayouts, ledgerSigned, ledgerTotal, lockTotal, virtualSigned, type LedgerVersion, type VirtualVersion } from './states.js';

export interface LedgerTerms {
  readonly id: string;
  readonly nodes: readonly [string, string];
  readonly publicKeys: readonly [Uint8Array, Uint8Array];
  readonly deposits: readonly [number, number];
  readonly challengeSeconds: number;
}

export type LedgerChannel =
  | (LedgerTerms & { readonly phase: 'Funding'; readonly funded: readonly [boolean, boolean] })
  | (LedgerTerms & { readonly phase: 'Open' })
  | (LedgerTerms & { readonly phase: 'Registered'; readonly best: LedgerVersion; readonly gamma?: VirtualVersion; readonly deadline: number })
  | (LedgerTerms & { readonly phase: 'Closed'; readonly paid: readonly [number, number] });

export type LedgerInput =
  | { readonly kind: 'fund' }
  | { readonly kind: 'conclude'; readonly signed: LedgerVersion }
  | { readonly kind: 'register'; readonly signed: LedgerVersion }
  | { readonly kind: 'registerVirtual'; readonly signed: VirtualVersion }
  | { readonly kind: 'finalize' };

interface LedgerStep {
  readonly state: LedgerChannel;
  readonly payouts: readonly HostPayout[];
}

type Ctx = Pick<HostContext, 'caller' | 'timestamp' | 'valueInMsat'>;

const total = (t: LedgerTerms): number => t.deposits[0] + t.deposits[1];
const terms = ({ id, nodes, publicKeys, deposits, challengeSeconds }: LedgerTerms): LedgerTerms => ({ id, nodes, publicKeys, deposits, challengeSeconds });
const wrong = (s: LedgerChannel, input: LedgerInput): Outcome<never> => fail('wrong-phase', `ledger ${s.id}: ${input.kind} is not possible while ${s.phase}`, undefined, s.phase);

export function newLedger(t: LedgerTerms): LedgerChannel {
  invariant(t.deposits.every((d) => Number.isSafeInteger(d) && d >= 0) && total(t) > 0, 'bad-ledger', `ledger ${t.id}: deposits must be whole msat, not both 0`);
  return Object.freeze({ ...terms(t), phase: 'Funding', funded: unfunded(t.deposits) });
}

export function ledgerHeldMsat(s: LedgerChannel): number {
  return heldMsat(s);
}

export function checkLedger(s: LedgerChannel): void {
  if (s.phase === 'Registered') invariant(ledgerTotal(s.best) === total(s), 'contract-not-conserved', `ledger ${s.id}: the registered version ≠ the deposits`, total(s), ledgerTotal(s.best));
  if (s.phase === 'Closed') invariant(s.paid[0] + s.paid[1] === total(s), 'contract-not-conserved', `ledger ${s.id}: paid out ≠ deposits`, total(s), s.paid);
}

function admissible(s: LedgerChannel, v: LedgerVersion): Outcome<true> {
  if (v.ledgerId !== s.id) return fail('wrong-channel', `ledger ${s.id}: the version is for ${v.ledgerId}`, s.id, v.ledgerId);
  if (ledgerTotal(v) !== total(s) || v.balances.some((b) => b < 0)) return fail('not-conserved', `ledger ${s.id}: the version's balances + lock ≠ the deposits`, total(s), ledgerTotal(v));
  if (!ledgerSigned(v, s.publicKeys)) return fail('bad-signature', `ledger ${s.id}: version ${v.version} is not signed by both parties`);
  return ok(true);
}

function registered(s: LedgerChannel, best: LedgerVersion, gamma: VirtualVersion | undefined, ctx: Ctx): LedgerStep {
  const deadline = Math.max(ctx.timestamp, best.lock?.validUntil ?? 0) + s.challengeSeconds;
  return { state: Object.freeze({ ...terms(s), phase: 'Registered', best, ...(gamma ? { gamma } : {}), deadline }), payouts: [] };
}

function close(s: LedgerChannel, paid: readonly [number, number]): LedgerStep {
  return { state: Object.freeze({ ...terms(s), phase: 'Closed', paid }), payouts: payoutsOf(paid) };
}

export function stepLedger(s: LedgerChannel, input: LedgerInput, ctx: Ctx): Outcome<LedgerStep> {
  const side: Side | undefined = ctx.caller === s.nodes[0] ? 0 : ctx.caller === s.nodes[1] ? 1 : undefined;
  if (side === undefined && input.kind !== 'finalize') return fail('not-a-party', `ledger ${s.id}: ${ctx.caller} is not a party`, s.nodes, ctx.caller);
  switch (input.kind) {
    case 'fund': {
      if (s.phase !== 'Funding') return wrong(s, input);
      const funding = fundSide(`ledger ${s.id}`, s.deposits, s.funded, side!, ctx.caller, ctx.valueInMsat);
      if (!funding.ok) return funding as Outcome<never>;
      const funded = funding.value;
      return ok({ state: Object.freeze(funded[0] && funded[1] ? { ...terms(s), phase: 'Open' as const } : { ...terms(s), phase: 'Funding' as const, funded }), payouts: [] });
    }
    case 'conclude': {
      if (s.phase !== 'Open') return wrong(s, input);
      const valid = admissible(s, input.signed);
      if (!valid.ok) return valid as Outcome<never>;
      if (input.signed.lock) return fail('virtual-locked', `ledger ${s.id}: a version with a virtual lock cannot conclude at once; register it`);
      return ok(close(s, ledgerPayouts(input.signed, undefined)));
    }
    case 'register': {
      if (s.phase !== 'Open' && s.phase !== 'Registered') return wrong(s, input);
      const valid = admissible(s, input.signed);
      if (!valid.ok) return valid as Outcome<never>;
      if (s.phase === 'Registered') {
        if (ctx.timestamp >= s.deadline) return fail('challenge-over', `ledger ${s.id}: the challenge period has ended`, `< ${s.deadline}`, ctx.timestamp);
        if (input.signed.version <= s.best.version) return fail('not-newer', `ledger ${s.id}: only a newer ledger version replaces the registered one`, `> ${s.best.version}`, input.signed.version);
      }
      const gamma = s.phase === 'Registered' && s.gamma?.virtualId === input.signed.lock?.virtualId ? s.gamma : undefined;
      return ok(registered(s, input.signed, gamma, ctx));
    }
    case 'registerVirtual': {
      if (s.phase !== 'Registered') return wrong(s, input);
      if (ctx.timestamp >= s.deadline) return fail('challenge-over', `ledger ${s.id}: the challenge period has ended`, `< ${s.deadline}`, ctx.timestamp);
      const lock = s.best.lock;
      const g = input.signed;
      if (!lock || lock.virtualId !== g.virtualId) return fail('no-such-lock', `ledger ${s.id}: the registered version holds no lock for ${g.virtualId}`, lock?.virtualId, g.virtualId);
      if (g.balances.some((b) => !Number.isSafeInteger(b) || b < 0) || g.balances[0] + g.balances[1] !== lockTotal(lock)) return fail('not-conserved', `ledger ${s.id}: γ's balances ≠ the lock`, lockTotal(lock), g.balances);
      if (!virtualSigned(g, lock.endKeys)) return fail('bad-signature', `ledger ${s.id}: γ version ${g.version} is not signed by both ends`);
      if (s.gamma && g.version <= s.gamma.version) return fail('not-newer', `ledger ${s.id}: only a newer γ version replaces the registered one`, `> ${s.gamma.version}`, g.version);
      return ok(registered(s, s.best, g, ctx));
    }
    case 'finalize': {
      if (s.phase !== 'Registered') return wrong(s, input);
      if (ctx.timestamp < s.deadline) return fail('too-early', `ledger ${s.id}: the challenge period is still open`, s.deadline, ctx.timestamp);
      return ok(close(s, ledgerPayouts(s.best, s.gamma?.balances)));
    }
  }
}
