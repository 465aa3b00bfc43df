/**
 * A generalized state channel played out on the default chain: two parties fund the adjudicator
 * (sim/statechannel/adjudicator.ts), play the hash-commitment bet off chain by co-signing
 * versions 1, 2, 3 (commit, guess, reveal), and conclude with the final version in one
 * transaction. Every co-signed version is the "counterfactual" of the on-chain game: both act as
 * if its moves had happened on chain, because either could make them happen there.
 *
 * Deviations, one per channel:
 * - `stop: { node, before, onChain }`: the party stops co-signing before that move. The other
 *   waits `answerMs`, then disputes with the newest version it holds and plays on chain; a party
 *   that still acts on chain (`onChain: true`) answers there, one that does not forfeits the pot
 *   when the challenge period ends.
 * - `stale: node`: at the end that party disputes with version 0 instead of concluding; the
 *   other answers with the newest version, which wins the dispute.
 */
import type { Chain } from '../chain/index.js';
import { PureContractHost, type Side } from '../channel/index.js';
import { keyPairFromSeed, type KeyPair } from '../crypto/index.js';
import type { Engine } from '../engine/index.js';
import { callContract, Wallet } from '../agents/index.js';
import { formatMsat, type Msat } from '../units.js';
import { appHeldMsat, checkAppChannel, newAppChannel, stepApp, type AppChannel, type AppInput } from './adjudicator.js';
import { applyMove, commitmentOf, initialBet, toMove, type BetMove, type BetState } from './bet.js';
import { coSign, type SignedVersion } from './signed.js';
import type { StateChannelEvent, StateChannelRecord } from '../report/index.js';
export type { StateChannelEvent, StateChannelRecord } from '../report/index.js';

export type BetStep = 'commit' | 'guess' | 'reveal' | 'conclude';

export interface StateChannelSpec {
  readonly id: string;
  readonly nodes: readonly [string, string];
  readonly depositsMsat: readonly [number, number];
  readonly stakeMsat: number;
  /** The chooser's (side 0) bit and the guesser's (side 1) guess. */
  readonly choice: 0 | 1;
  readonly guess: 0 | 1;
  readonly atMs: number;
  readonly challengeSeconds: number;
  /** Time of one off-chain exchange (propose + countersign). */
  readonly messageMs: number;
  /** How long a party waits for an off-chain answer before going on chain. */
  readonly answerMs: number;
  readonly stop?: { readonly node: string; readonly before: BetStep; readonly onChain: boolean };
  readonly stale?: string;
}



const STEPS: readonly BetStep[] = ['commit', 'guess', 'reveal', 'conclude'];

export class StateChannelStory {
  readonly host: PureContractHost<AppChannel, AppInput>;
  private readonly keys: readonly [KeyPair, KeyPair];
  private readonly wallets: readonly [Wallet, Wallet];
  private readonly salt: string;
  /** The newest version both signed (each party keeps it). */
  private newest: SignedVersion;
  private readonly first: SignedVersion;
  private onChainMoves = 0;
  private disputes = 0;
  private closedBy: StateChannelRecord['closedBy'];
  private readonly fees: [number, number] = [0, 0];

  constructor(
    private readonly engine: Engine,
    private readonly chain: Chain,
    readonly spec: StateChannelSpec,
    private readonly txFeeMsat: Msat,
    private readonly log: (e: StateChannelEvent) => void,
  ) {
    this.keys = [keyPairFromSeed(`statechannel:${spec.id}:${spec.nodes[0]}`), keyPairFromSeed(`statechannel:${spec.id}:${spec.nodes[1]}`)];
    this.wallets = [new Wallet(chain, spec.nodes[0]), new Wallet(chain, spec.nodes[1])];
    this.salt = `salt:${spec.id}`;
    const terms = { id: spec.id, nodes: spec.nodes, publicKeys: [this.keys[0].publicKey, this.keys[1].publicKey] as const, deposits: spec.depositsMsat, stake: spec.stakeMsat, challengeSeconds: spec.challengeSeconds };
    this.host = new PureContractHost(newAppChannel(terms), spec.nodes, { step: stepApp, held: appHeldMsat, check: checkAppChannel });
    chain.registerContract(spec.id, this.host);
    this.first = this.newest = coSign(spec.id, 0, initialBet(spec.depositsMsat), this.keys);
    // Reacts once the block is done, when the call's change is spendable.
    this.host.onTransition((t) => this.engine.schedule(0, () => this.onChain(t.input, t.caller, t.after), { label: `state channel ${spec.id} react` }));
  }

  start(): void {
    this.engine.schedule(this.spec.atMs, () => {
      this.note(0, `co-signs version 0 (the deposits, nothing staked) and funds ${formatMsat(this.spec.depositsMsat[0])}`);
      this.note(1, `co-signs version 0 and funds ${formatMsat(this.spec.depositsMsat[1])}`);
      for (const side of [0, 1] as const) if (this.spec.depositsMsat[side] > 0) this.call(side, { kind: 'fund' }, this.spec.depositsMsat[side]);
    }, { label: `state channel ${this.spec.id} funding` });
  }

  /** The move due in `state`, as its mover plays it (undefined once Done). */
  private moveOf(state: BetState): BetMove | undefined {
    switch (state.stage) {
      case 'Commit': return { kind: 'commit', commitment: commitmentOf(this.salt, this.spec.choice) };
      case 'Guess': return { kind: 'guess', guess: this.spec.guess };
      case 'Reveal': return { kind: 'reveal', salt: this.salt, choice: this.spec.choice };
      case 'Done': return undefined;
    }
  }

  private stepOf(state: BetState): BetStep {
    return state.stage === 'Done' ? 'conclude' : (this.moveOf(state)!.kind as BetStep);
  }

  /** Whether `side` still co-signs off chain at `step`. */
  private cooperates(side: Side, step: BetStep): boolean {
    const stop = this.spec.stop;
    return !stop || stop.node !== this.spec.nodes[side] || STEPS.indexOf(step) < STEPS.indexOf(stop.before);
  }

  private actsOnChain(side: Side): boolean {
    const stop = this.spec.stop;
    return !stop || stop.node !== this.spec.nodes[side] || stop.onChain;
  }

  /** One off-chain exchange: the side to move proposes the next version, the other countersigns. */
  private playOffChain(): void {
    const state = this.newest.state;
    const step = this.stepOf(state);
    if (!this.cooperates(0, step) || !this.cooperates(1, step)) return this.goOnChain(step);
    if (step === 'conclude') return this.conclude();
    const mover = toMove(state)!;
    const next = applyMove(state, this.moveOf(state)!, mover, this.spec.stakeMsat);
    if (!next.ok) throw next.error;
    this.newest = coSign(this.spec.id, this.newest.version + 1, next.value, this.keys);
    this.note(mover, `${step}: proposes version ${this.newest.version}; both sign it off chain (${this.describe(next.value)})`);
    this.engine.schedule(this.spec.messageMs, () => this.playOffChain(), { label: `state channel ${this.spec.id} ${step}` });
  }

  private conclude(): void {
    const stale = this.spec.stale;
    if (stale !== undefined) {
      const side: Side = stale === this.spec.nodes[0] ? 0 : 1;
      this.note(side, `!! instead of concluding, disputes with the stale version 0 (${this.describe(this.first.state)})`);
      return this.call(side, { kind: 'dispute', signed: this.first });
    }
    this.note(0, `concludes with version ${this.newest.version}: one transaction pays ${this.describe(this.newest.state)}`);
    this.call(0, { kind: 'conclude', signed: this.newest });
  }

  /** The honest side stops waiting and disputes with the newest version it holds. */
  private goOnChain(step: BetStep): void {
    const silent = this.spec.nodes.indexOf(this.spec.stop!.node) as Side;
    const honest: Side = silent === 0 ? 1 : 0;
    this.note(silent, `stops answering off chain before its ${step}`);
    this.engine.schedule(this.spec.answerMs, () => {
      this.note(honest, `no answer after ${this.spec.answerMs / 1000} s: disputes on chain with version ${this.newest.version}`);
      this.call(honest, { kind: 'dispute', signed: this.newest });
    }, { label: `state channel ${this.spec.id} timeout` });
  }

  /** Reacts to each confirmed call: answers stale versions, moves on chain when it is one's turn, finalizes after the challenge. */
  private onChain(input: AppInput, caller: string, s: AppChannel): void {
    const by = this.spec.nodes.indexOf(caller) as Side;
    if (input.kind === 'fund') {
      if (s.phase === 'Open') this.playOffChain();
      return;
    }
    if (s.phase === 'Closed') {
      this.closedBy = input.kind === 'conclude' ? 'conclude' : 'finalize';
      return this.note(by, `channel closed on version ${s.final.version}: pays ${this.describe(s.final.state)}`);
    }
    if (s.phase !== 'Disputed') return;
    if (input.kind === 'dispute') this.disputes++;
    if (input.kind === 'move') this.onChainMoves++;
    this.note(by, `${input.kind} confirmed: version ${s.best.version} (${this.describe(s.best.state)}) stands until ${s.deadline}`);
    for (const side of [0, 1] as const) {
      if (!this.actsOnChain(side)) continue;
      if (this.newest.version > s.best.version && this.spec.nodes[side] !== this.spec.stale) {
        this.note(side, `answers with its newer version ${this.newest.version}`);
        return this.call(side, { kind: 'dispute', signed: this.newest });
      }
      const move = toMove(s.best.state) === side ? this.moveOf(s.best.state) : undefined;
      if (move) {
        this.note(side, `moves on chain: ${move.kind}`);
        return this.call(side, { kind: 'move', move });
      }
    }
    const closer = ([0, 1] as const).find((side) => this.actsOnChain(side) && (toMove(s.best.state) !== side || s.best.state.stage === 'Done'))!;
    const deadline = s.deadline;
    this.chain.watchTimestamp(deadline - 1, () => {
      const now = this.host.state;
      if (now.phase === 'Disputed' && now.deadline === deadline) this.call(closer, { kind: 'finalize' }, 0, deadline);
    });
  }

  private call(side: Side, input: AppInput, valueMsat = 0, notBefore?: number): void {
    const sent = callContract(this.chain, this.wallets[side], this.spec.id, input, this.txFeeMsat, {
      kindPrefix: 'app',
      valueMsat,
      ...(notBefore !== undefined ? { notBefore } : {}),
      onConfirmed: () => (this.fees[side] += this.txFeeMsat),
      onDropped: (reason) => this.note(side, `${input.kind} dropped (${reason})`),
    });
    if (sent.refused) this.note(side, sent.refused);
  }

  private describe(s: BetState): string {
    const [a, b] = this.spec.nodes;
    return `${s.stage}: ${a} ${formatMsat(s.balances[0])}, ${b} ${formatMsat(s.balances[1])}, pot ${formatMsat(s.pot)}`;
  }

  private note(side: Side, what: string): void {
    this.log({ time: this.engine.now, channel: this.spec.id, node: this.spec.nodes[side], what });
  }

  record(): StateChannelRecord {
    const s = this.host.state;
    const [a, b] = this.spec.nodes;
    const byNode = (v: readonly [number, number]): Record<string, number> => ({ [a]: v[0], [b]: v[1] });
    return {
      id: this.spec.id,
      phase: s.phase,
      finalVersion: s.phase === 'Closed' ? s.final.version : undefined,
      closedBy: this.closedBy,
      onChainMoves: this.onChainMoves,
      disputes: this.disputes,
      paidMsat: byNode(s.phase === 'Closed' ? s.paid : [0, 0]),
      feesMsat: byNode(this.fees),
    };
  }
}
