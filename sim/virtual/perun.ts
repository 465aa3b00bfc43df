/**
 * A Perun virtual channel γ between Alice and Carol over the ledger channels α (Alice–Bob) and
 * β (Bob–Carol), played out on the default chain (BRIEF's source §6.2):
 *
 * 1. Funding: the four deposits of α and β go on chain at the start (ledger.ts contracts).
 * 2. Opening (`openAt`): Alice proposes to Bob the α version with γ's lock (Alice xA, Bob xC),
 *    Bob proposes to Carol the β version with its lock (Bob xA, Carol xC), Carol signs, Bob
 *    signs: four messages, all three online. Alice and Carol sign γ's version 0 (xA, xC).
 * 3. Payments: one end signs γ's next version, the other countersigns: a round trip between
 *    Alice and Carol, no message to Bob, who may be offline.
 * 4. Closing at `validUntil`: each ledger drops γ's lock for γ's final split (α: Alice a,
 *    Bob c; β: Bob a, Carol c) off chain if both its parties are online. Otherwise the online
 *    party registers the locked ledger version on chain with γ's final version, and finalizes
 *    after the challenge period. With `cheat: bob`, Bob registers α with γ's opening split
 *    instead, and Alice answers with γ's final version; with `cheat: alice`, Alice registers α
 *    and shows γ's version 0, and Bob, who learned the final version from Carol when β settled,
 *    answers with it. The final version wins either way.
 */
import type { Chain } from '../chain/index.js';
import { callContract, Wallet } from '../agents/index.js';
import { PureContractHost } from '../channel/index.js';
import { keyPairFromSeed, type KeyPair } from '../crypto/index.js';
import type { Engine } from '../engine/index.js';
import { invariant } from '../errors.js';
import { formatMsat, type Msat } from '../units.js';
import { checkLedger, ledgerHeldMsat, newLedger, stepLedger, type LedgerChannel, type LedgerInput } from './ledger.js';
import { ledgerPayouts, signLedger, signVirtual, type LedgerVersion, type VirtualLock, type VirtualVersion } from './states.js';
import type { PerunEvent, PerunPayment, PerunRecord, PerunSpec } from './spec.js';

interface Ledger {
  readonly name: 'alpha' | 'beta';
  readonly nodes: readonly [string, string];
  readonly keys: readonly [KeyPair, KeyPair];
  readonly host: PureContractHost<LedgerChannel, LedgerInput>;
  /** The newest version both signed. */
  latest: LedgerVersion;
  /** The version holding γ's lock (version 1), which a party registers when the other does not answer. */
  locked?: LedgerVersion;
  closedBy?: 'off-chain' | 'chain';
  unlockedAtMs?: number;
}

export class PerunVirtualChannel {
  private readonly keys: Record<string, KeyPair>;
  private readonly wallets: Record<string, Wallet>;
  private readonly ledgers: readonly [Ledger, Ledger];
  private gamma: VirtualVersion | undefined;
  private gammaOpening: VirtualVersion | undefined;
  private openedAtMs: number | undefined;
  private readonly payments: PerunPayment[] = [];
  private readonly fees: Record<string, number> = {};
  private bobKnowsFinal = false;

  constructor(
    private readonly engine: Engine,
    private readonly chain: Chain,
    readonly spec: PerunSpec,
    private readonly txFeeMsat: Msat,
    private readonly log: (e: PerunEvent) => void,
  ) {
    const [a, b, c] = spec.nodes;
    this.keys = Object.fromEntries(spec.nodes.map((n) => [n, keyPairFromSeed(`perun:${spec.id}:${n}`)]));
    this.wallets = Object.fromEntries(spec.nodes.map((n) => [n, new Wallet(chain, n)]));
    for (const n of spec.nodes) this.fees[n] = 0;
    this.ledgers = [this.ledger('alpha', [a, b], spec.alpha), this.ledger('beta', [b, c], spec.beta)];
  }

  private ledger(name: 'alpha' | 'beta', nodes: readonly [string, string], deposits: readonly [number, number]): Ledger {
    const keys = [this.keys[nodes[0]]!, this.keys[nodes[1]]!] as const;
    const id = `${this.spec.id}:${name}`;
    const host = new PureContractHost(newLedger({ id, nodes, publicKeys: [keys[0].publicKey, keys[1].publicKey], deposits, challengeSeconds: this.spec.challengeSeconds }), nodes, { step: stepLedger, held: ledgerHeldMsat, check: checkLedger });
    this.chain.registerContract(id, host);
    const ledger: Ledger = { name, nodes, keys, host, latest: signLedger({ ledgerId: id, version: 0, balances: deposits }, keys) };
    // Reacts once the block is done, when the call's change is spendable.
    host.onTransition((t) => this.engine.schedule(0, () => this.onChain(ledger, t.input, t.caller, t.after), { label: `perun ${id} react` }));
    return ledger;
  }

  private online(node: string, ms = this.engine.now): boolean {
    return !this.spec.offline.some((o) => o.node === node && o.fromMs <= ms && ms < o.untilMs);
  }

  private get validUntilMs(): number {
    return this.spec.openAtMs + this.spec.validForMs;
  }

  start(): void {
    // Each node funds its ledgers one after the other: the second deposit spends the first one's change.
    const fund = (node: string, ledgers: readonly Ledger[]): void => {
      const [l, ...rest] = ledgers;
      if (l) this.call(l, node, { kind: 'fund' }, l.latest.balances[l.nodes.indexOf(node)]!, undefined, () => fund(node, rest));
    };
    this.engine.schedule(0, () => {
      for (const node of this.spec.nodes) fund(node, this.ledgers.filter((l) => { const i = l.nodes.indexOf(node); return i >= 0 && l.latest.balances[i]! > 0; }));
    }, { label: `perun ${this.spec.id} funding` });
    this.engine.schedule(this.spec.openAtMs, () => this.open(), { label: `perun ${this.spec.id} open` });
    for (const p of this.spec.payments) this.engine.schedule(p.atMs, () => this.pay(p.from, p.amountMsat), { label: `perun ${this.spec.id} pay` });
    this.engine.schedule(this.validUntilMs, () => this.close(), { label: `perun ${this.spec.id} close` });
  }

  private open(): void {
    const [a, b, c] = this.spec.nodes;
    const missing = this.spec.nodes.filter((n) => !this.online(n));
    if (missing.length > 0 || this.ledgers.some((l) => l.host.state.phase !== 'Open')) return this.note(a, `γ does not open: ${missing.length ? `${missing.join(', ')} offline` : 'the ledgers are not open on chain'}`);
    const [xA, xC] = this.spec.virtual;
    const validUntil = this.chain.config.startTimestamp + Math.floor(this.validUntilMs / 1000);
    const lock: VirtualLock = { virtualId: this.spec.id, deposits: [xA, xC], validUntil, endKeys: [this.keys[a]!.publicKey, this.keys[c]!.publicKey] };
    // α: Alice puts xA, Bob xC into the lock; β: Bob puts xA, Carol xC.
    const [alpha, beta] = this.ledgers;
    alpha.latest = alpha.locked = signLedger({ ledgerId: alpha.latest.ledgerId, version: 1, balances: [alpha.latest.balances[0] - xA, alpha.latest.balances[1] - xC], lock }, alpha.keys);
    beta.latest = beta.locked = signLedger({ ledgerId: beta.latest.ledgerId, version: 1, balances: [beta.latest.balances[0] - xA, beta.latest.balances[1] - xC], lock }, beta.keys);
    invariant(alpha.latest.balances.every((x) => x >= 0) && beta.latest.balances.every((x) => x >= 0), 'ledger-too-small', `perun ${this.spec.id}: a ledger cannot cover γ's deposits (checked when the scenario is read)`);
    this.gamma = this.gammaOpening = signVirtual(this.spec.id, 0, [xA, xC], [this.keys[a]!, this.keys[c]!]);
    this.openedAtMs = this.engine.now + 4 * this.spec.messageMs;
    this.note(b, `locks ${formatMsat(xC)} in α and ${formatMsat(xA)} in β for γ until ${validUntil} (4 messages, ${4 * this.spec.messageMs} ms); ${a} and ${c} sign γ version 0`);
  }

  private pay(from: string, amountMsat: number): void {
    const [a, , c] = this.spec.nodes;
    const to = from === a ? c : a;
    const row = (ok: boolean, reason?: string): number => this.payments.push({ atMs: this.engine.now, from, to, amountMsat, ok, latencyMs: ok ? 2 * this.spec.messageMs : 0, ...(reason ? { reason } : {}) });
    const g = this.gamma;
    if (!g || this.openedAtMs === undefined || this.engine.now < this.openedAtMs) return void row(false, 'not-open');
    if (this.engine.now >= this.validUntilMs) return void row(false, 'expired');
    if (!this.online(from) || !this.online(to)) return void row(false, 'peer-offline');
    const sign = from === a ? 1 : -1;
    if (g.balances[from === a ? 0 : 1] < amountMsat) return void row(false, 'insufficient-balance');
    const balances = [g.balances[0] - sign * amountMsat, g.balances[1] + sign * amountMsat] as const;
    this.gamma = signVirtual(this.spec.id, g.version + 1, balances, [this.keys[a]!, this.keys[c]!]);
    row(true);
  }

  private close(): void {
    const g = this.gamma;
    if (!g) return;
    const [alpha, beta] = this.ledgers;
    const [a, b, c] = this.spec.nodes;
    this.note(a, `γ's validity ends: final version ${g.version} (${a} ${formatMsat(g.balances[0])}, ${c} ${formatMsat(g.balances[1])})`);
    // β first: Carol hands Bob γ's final version there, which he may need to answer a cheating Alice on α.
    this.settle(beta, c);
    const cheat = this.spec.cheat;
    if ((cheat === a || cheat === b) && this.online(cheat)) {
      this.note(cheat, cheat === b ? "!! registers alpha with γ's lock and no γ version: the lock would pay the opening split" : "!! registers alpha to show γ's version 0, from before her payments");
      this.call(alpha, cheat, { kind: 'register', signed: alpha.locked! });
    } else this.settle(alpha, a);
  }

  /** Drops γ's lock from `l` for γ's final split: off chain if both parties answer, else on chain by the online one. */
  private settle(l: Ledger, end: string): void {
    const g = this.gamma!;
    const [x, y] = l.nodes;
    if (this.online(x) && this.online(y)) {
      l.latest = signLedger({ ledgerId: l.latest.ledgerId, version: 2, balances: ledgerPayouts(l.locked!, g.balances) }, l.keys);
      l.closedBy = 'off-chain';
      l.unlockedAtMs = this.engine.now + 2 * this.spec.messageMs;
      this.bobKnowsFinal = true; // the end hands Bob γ's final version with the new ledger version
      return this.note(end, `${l.name}: γ's lock released off chain for version ${g.version}'s split (${x} ${formatMsat(l.latest.balances[0])}, ${y} ${formatMsat(l.latest.balances[1])})`);
    }
    const by = this.online(end) ? end : this.online(this.spec.nodes[1]) ? this.spec.nodes[1] : undefined;
    if (!by) return this.note(end, `${l.name}: nobody online to settle γ`);
    this.note(by, `${l.name}: ${by === end ? this.spec.nodes[1] : end} does not answer; registers ${l.name}'s locked version on chain`);
    this.call(l, by, { kind: 'register', signed: l.locked! });
  }

  /** After each confirmed call: show γ's final version if the standing one is older; finalize at the deadline. */
  private onChain(l: Ledger, input: LedgerInput, caller: string, s: LedgerChannel): void {
    if (s.phase === 'Closed') {
      l.closedBy = 'chain';
      l.unlockedAtMs = this.engine.now;
      return this.note(caller, `${l.name} closed on chain: pays ${l.nodes[0]} ${formatMsat(s.paid[0])}, ${l.nodes[1]} ${formatMsat(s.paid[1])}`);
    }
    if (s.phase !== 'Registered') return;
    this.note(caller, `${l.name}: ${input.kind} confirmed; γ standing: ${s.gamma ? `version ${s.gamma.version}` : 'none (opening split)'}; deadline ${s.deadline}`);
    const g = this.gamma!;
    const end = l.name === 'alpha' ? this.spec.nodes[0] : this.spec.nodes[2];
    const bob = this.spec.nodes[1];
    if (caller === end && end === this.spec.cheat && input.kind === 'register') {
      this.note(end, `${l.name}: !! shows γ's version 0`);
      return this.call(l, end, { kind: 'registerVirtual', signed: this.gammaOpening! });
    }
    const shower = [end, bob].find((n) => n !== this.spec.cheat && this.online(n) && (n === end || this.bobKnowsFinal));
    if (shower && (s.gamma?.version ?? -1) < g.version && g !== this.gammaOpening) {
      this.note(shower, `${l.name}: shows γ's final version ${g.version}`);
      return this.call(l, shower, { kind: 'registerVirtual', signed: g });
    }
    const deadline = s.deadline;
    this.chain.watchTimestamp(deadline - 1, () => {
      const now = l.host.state;
      const closer = l.nodes.find((n) => this.online(n));
      if (now.phase === 'Registered' && now.deadline === deadline && closer) this.call(l, closer, { kind: 'finalize' }, 0, deadline);
    });
  }

  private call(l: Ledger, node: string, input: LedgerInput, valueMsat = 0, notBefore?: number, then?: () => void): void {
    const sent = callContract(this.chain, this.wallets[node]!, l.host.state.id, input, this.txFeeMsat, {
      kindPrefix: 'perun',
      valueMsat,
      ...(notBefore !== undefined ? { notBefore } : {}),
      onConfirmed: () => {
        this.fees[node]! += this.txFeeMsat;
        then?.();
      },
      onDropped: (reason) => this.note(node, `${l.name}: ${input.kind} dropped (${reason})`),
    });
    if (sent.refused) this.note(node, `${l.name}: ${sent.refused}`);
  }

  private note(node: string, what: string): void {
    this.log({ time: this.engine.now, channel: this.spec.id, node, what });
  }

  /** Money the two ledger contracts hold on chain now. */
  heldMsat(): number {
    return this.ledgers.reduce((sum, l) => sum + this.chain.contractBalance(l.host.state.id), 0);
  }

  record(): PerunRecord {
    const [a, b, c] = this.spec.nodes;
    const [alpha, beta] = this.ledgers;
    const inLedger = (n: string): number =>
      this.ledgers.reduce((sum, l) => {
        const i = l.nodes.indexOf(n);
        return i < 0 || l.host.state.phase === 'Closed' ? sum : sum + l.latest.balances[i]! + (l.latest.lock ? l.latest.lock.deposits[i]! : 0);
      }, 0);
    const ok = this.payments.filter((p) => p.ok);
    const [xA, xC] = this.spec.virtual;
    const lockedSeconds = (l: Ledger, amount: number): number => (this.openedAtMs === undefined ? 0 : (amount * ((l.unlockedAtMs ?? this.engine.now) - this.openedAtMs)) / 1000);
    return {
      id: this.spec.id,
      opened: this.openedAtMs !== undefined,
      finalVersion: this.gamma?.version,
      finalBalances: this.gamma ? { [a]: this.gamma.balances[0], [c]: this.gamma.balances[1] } : {},
      paymentsSucceeded: ok.length,
      paymentsFailed: this.payments.length - ok.length,
      paidWhileIntermediaryOffline: ok.filter((p) => !this.online(b, p.atMs)).length,
      alphaClosedBy: alpha.closedBy ?? 'open',
      betaClosedBy: beta.closedBy ?? 'open',
      intermediaryCollateralMsat: this.openedAtMs === undefined ? 0 : xA + xC,
      intermediaryLockedMsatSeconds: Math.round(lockedSeconds(alpha, xC) + lockedSeconds(beta, xA)),
      ledgerMsat: { [a]: inLedger(a), [b]: inLedger(b), [c]: inLedger(c) },
      feesMsat: { ...this.fees },
      payments: this.payments,
    };
  }
}
