/**
 * The simulated chain: blocks at exponential (seeded) or fixed intervals, a fee-ordered mempool,
 * limited block space, absolute and relative time locks, contract calls, watches, and an
 * optional censoring share of hash power. Funds are conserved and checked after every block.
 *
 * Building a block (in this order): the miner is drawn (censoring with probability
 * `policy.share`); the mempool is walked in fee-rate-then-arrival order; a transaction waits for
 * a later block when its absolute lock is not reached, an input's relative lock has not passed,
 * an input's creating transaction is not confirmed yet (a child may follow its parent into the
 * same block only if the parent came first in that order), the block is full for it (count
 * limit: the walk stops; weight limit: it is skipped and lighter ones may still fit), or the
 * miner censors it; it is dropped when an input was already spent ('conflict'), an input's
 * creator was dropped ('missing-input') or its contract rejects the call ('contract-rejected').
 * After the walk, every transaction still waiting that can no longer confirm (its input was
 * spent or its parent dropped by this block) is dropped too, as a node evicts conflicts.
 *
 * Watches fire as engine events at `Priority.trigger`, at the time of the block (after it). A
 * watch whose condition already holds when it is registered (height reached, depth reached,
 * output spent, transaction dropped) fires at once, at the current time, rather than waiting
 * for the next block: a late watcher learns what the chain already shows.
 */
import type { Engine } from '../engine/index.js';
import { Priority } from '../engine/index.js';
import type { Rng } from '../engine/rng.js';
import { fail, invariant, ok, type Outcome } from '../errors.js';
import type { Height, Msat, TxId, UnixSeconds } from '../units.js';
import { Ledger, outpointKey } from './ledger.js';
import { Mempool } from './mempool.js';
import { inclusionVerdict, staleReason } from './rules.js';
import { checkTxSpec } from './tx.js';
import {
  type Block,
  type BlockRecord,
  type ChainConfig,
  type Confirmation,
  type ContractHost,
  type DropReason,
  type MinerPolicy,
  type OutPoint,
  type OutputSpec,
  type Tx,
  type TxRecord,
  type TxSpec,
} from './types.js';
import { WatchRegistry, type WatchHandle } from './watch.js';

export class Chain {
  private readonly blockList: Block[] = [];
  private readonly txs = new Map<string, Tx>();
  private readonly confirmedAt = new Map<string, Height>();
  private readonly dropped = new Map<TxId, DropReason>();
  private readonly ledger = new Ledger();
  private readonly mempool = new Mempool();
  private readonly hosts = new Map<string, ContractHost>();
  private readonly txRecords: TxRecord[] = [];
  private readonly recordOf = new Map<string, TxRecord>();
  private readonly blockRecords: BlockRecord[] = [];
  private policy: MinerPolicy | undefined;
  private txCounter = 0;
  private started = false;
  /** Largest mempool seen right after a submission. */
  peakMempool = 0;
  /** Conservation checks run so far. */
  invariantChecks = 0;

  private readonly watches = new WatchRegistry();

  constructor(
    private readonly engine: Engine,
    readonly config: ChainConfig,
    private readonly rng: Rng,
  ) {
    invariant(config.blockIntervalMs > 0, 'bad-chain-config', 'Chain: blockIntervalMs must be positive');
    this.blockList.push(
      Object.freeze({ height: config.startHeight as Height, timestamp: config.startTimestamp as UnixSeconds, time: 0, txIds: [], weight: 0, censoring: false }),
    );
  }

  get tip(): Block {
    return this.blockList[this.blockList.length - 1]!;
  }

  get height(): Height {
    return this.tip.height;
  }

  get timestamp(): UnixSeconds {
    return this.tip.timestamp;
  }

  get records(): { readonly txs: readonly TxRecord[]; readonly blocks: readonly BlockRecord[] } {
    return { txs: this.txRecords, blocks: this.blockRecords };
  }

  get mempoolSize(): number {
    return this.mempool.size;
  }

  /** Schedules block production; blocks continue until the engine stops running. */
  start(): void {
    invariant(!this.started, 'chain-started', 'Chain.start: already started');
    this.started = true;
    this.scheduleNextBlock();
  }

  /** Money entering the simulation: a confirmed output at the current tip. */
  fund(owner: string, amountMsat: Msat): OutPoint {
    const txId = `fund${this.txCounter++}` as TxId;
    const outpoint = { txId, index: 0 };
    this.ledger.create(outpoint, { owner, amountMsat }, this.height, true);
    return outpoint;
  }

  registerContract(contractId: string, host: ContractHost): void {
    invariant(!this.hosts.has(contractId), 'duplicate-contract', `Chain.registerContract: ${contractId} exists`);
    this.hosts.set(contractId, host);
  }

  setMinerPolicy(policy: MinerPolicy | undefined): void {
    if (policy) invariant(policy.share >= 0 && policy.share <= 1, 'bad-policy', 'MinerPolicy.share must be in [0, 1]', '[0, 1]', policy.share);
    this.policy = policy;
  }

  /** Puts a transaction into the mempool, or says why it can never be valid (see tx.ts). */
  submit(spec: TxSpec): Outcome<Tx> {
    const checked = checkTxSpec(spec, { inputValue: (input) => this.inputValue(input), hasContract: (id) => this.hosts.has(id) });
    if (!checked.ok) return checked;
    const { weight } = checked.value;
    // One fixed shape for every transaction keeps property access fast on hot paths (the
    // mempool compares millions of them); `Tx` is readonly by type.
    const tx: Tx = {
      id: `tx${this.txCounter++}` as TxId,
      kind: spec.kind,
      sender: spec.sender,
      inputs: spec.inputs ?? [],
      outputs: spec.outputs ?? [],
      feeMsat: spec.feeMsat,
      weight,
      lockTime: spec.lockTime,
      call: spec.call,
      data: spec.data,
      submittedAt: this.engine.now,
    };
    this.txs.set(tx.id, tx);
    this.mempool.add(tx);
    const record: TxRecord = { id: tx.id, kind: tx.kind, feeMsat: tx.feeMsat, weight, submittedAt: tx.submittedAt, ...(tx.sender !== undefined ? { sender: tx.sender } : {}) };
    this.txRecords.push(record);
    this.recordOf.set(tx.id, record);
    this.peakMempool = Math.max(this.peakMempool, this.mempool.size);
    return ok(tx);
  }

  getTx(id: string): Tx | undefined {
    return this.txs.get(id);
  }

  /** Height of the block that confirmed `id`, if any. */
  confirmedHeight(id: string): Height | undefined {
    return this.confirmedAt.get(id);
  }

  /** The block that confirmed `id`, if any. */
  confirmation(id: string): Confirmation | undefined {
    const h = this.confirmedAt.get(id);
    return h === undefined ? undefined : { height: h, block: this.blockAt(h)! };
  }

  /** Confirmations of `id`: 1 when in the tip, 0 when unconfirmed. */
  confirmations(id: string): number {
    const h = this.confirmedAt.get(id);
    return h === undefined ? 0 : this.height - h + 1;
  }

  output(outpoint: OutPoint): (OutputSpec & { readonly spentBy?: TxId }) | undefined {
    const out = this.ledger.output(outpoint);
    return out && { ...out.spec, ...(out.spentBy ? { spentBy: out.spentBy } : {}) };
  }

  unspentOf(owner: string): OutPoint[] {
    return this.ledger.unspentOf(owner);
  }

  /** Unspent outputs of `owner`, locked ones included. */
  balanceOf(owner: string): Msat {
    return this.ledger.balanceOf(owner);
  }

  contractBalance(contractId: string): Msat {
    return this.ledger.contractBalance(contractId) as Msat;
  }

  get feesCollectedMsat(): number {
    return this.ledger.feesMsat;
  }

  blocks(): readonly Block[] {
    return this.blockList;
  }

  blockAt(height: number): Block | undefined {
    return this.blockList[height - this.config.startHeight];
  }

  /**
   * Fires when `txId` has `depth` confirmations (1: in a block), with the block that gave the
   * last one; at once if it already has them. Never fires for a dropped transaction.
   */
  watchConfirmed(txId: string, depth: number, cb: (tx: Tx, block: Block) => void): WatchHandle {
    const tx = this.txs.get(txId);
    invariant(tx !== undefined, 'unknown-tx', `watchConfirmed: no transaction ${txId}`);
    const need = Math.max(1, depth);
    const h = this.confirmedAt.get(txId);
    if (h !== undefined) return this.watchHeight(h + need - 1, (block) => cb(tx, block));
    let inner: WatchHandle | undefined;
    const outer = this.watches.confirmed.add(txId, (_, block) => {
      inner = this.watchHeight(block.height + need - 1, (at) => cb(tx, at));
    });
    return { cancel: () => (outer.cancel(), inner?.cancel()) };
  }

  /** Fires once if `txId` leaves the mempool unconfirmed (at once if it already has). */
  watchDropped(txId: string, cb: (tx: Tx, reason: DropReason) => void): WatchHandle {
    const reason = this.dropped.get(txId as TxId);
    const tx = this.txs.get(txId);
    if (reason !== undefined && tx) return this.fireNow(() => cb(tx, reason), 'watch-dropped');
    return this.watches.dropped.add(txId, cb);
  }

  /** Fires once when a confirmed transaction spends `outpoint` (at once if one already has). */
  watchSpent(outpoint: OutPoint, cb: (spender: Tx, block: Block) => void): WatchHandle {
    const spentBy = this.ledger.output(outpoint)?.spentBy;
    if (spentBy !== undefined) {
      const spender = this.txs.get(spentBy)!;
      const { block } = this.confirmation(spentBy)!;
      return this.fireNow(() => cb(spender, block), 'watch-spent');
    }
    return this.watches.spent.add(outpointKey(outpoint), cb);
  }

  /** Every confirmed call into `contractId`, until cancelled. */
  watchContract(contractId: string, cb: (tx: Tx, block: Block) => void): WatchHandle {
    return this.watches.contract.add(contractId, cb);
  }

  /** Fires with the first block at or above `height` (at once, with the tip, if already reached). */
  watchHeight(height: number, cb: (block: Block) => void): WatchHandle {
    if (height <= this.height) return this.fireNow(() => cb(this.tip), 'watch-height');
    return this.watches.height.add(height, cb);
  }

  /** Fires with the first block whose timestamp is at or after `timestamp` (at once if reached). */
  watchTimestamp(timestamp: number, cb: (block: Block) => void): WatchHandle {
    if (timestamp <= this.timestamp) return this.fireNow(() => cb(this.tip), 'watch-timestamp');
    return this.watches.timestamp.add(timestamp, cb);
  }

  /** Conservation of on-chain funds; throws InvariantError (a bug) when broken. */
  checkConservation(): void {
    this.invariantChecks++;
    this.ledger.check();
  }

  /** A full recount of the ledger (slower; tests and end of run). */
  recount(): void {
    this.invariantChecks++;
    this.ledger.recount();
  }

  private inputValue(input: OutPoint): Outcome<number> {
    const out = this.ledger.output(input);
    if (out) return out.spentBy === undefined ? ok(out.spec.amountMsat) : fail('input-spent', `submit: ${outpointKey(input)} is already spent`);
    const parent = this.txs.get(input.txId);
    // A waiting parent's own outputs may be spent before it confirms (not its contract payouts,
    // which are only known once the contract runs).
    const spec = parent && !this.confirmedAt.has(parent.id) && !this.dropped.has(parent.id) ? parent.outputs?.[input.index] : undefined;
    return spec ? ok(spec.amountMsat) : fail('unknown-input', `submit: no output ${outpointKey(input)}`);
  }

  private scheduleNextBlock(): void {
    const { blockIntervalMs, fixedInterval } = this.config;
    const delay = fixedInterval ? blockIntervalMs : Math.max(1, Math.round(this.rng.exponential(blockIntervalMs)));
    this.engine.schedule(delay, () => this.mine(), { priority: Priority.chain, label: 'block' });
  }

  /**
   * Before start(): mines one block at the current time holding the waiting transactions that
   * `include` picks, whatever the block limits: the genesis block of channels that exist from the
   * start (their deposits confirm at t = 0). The next block is scheduled by start() as usual.
   */
  mineGenesis(include: (tx: Tx) => boolean): void {
    invariant(!this.started, 'chain-started', 'Chain.mineGenesis: the chain has started');
    this.mine(include);
  }

  private mine(genesis?: (tx: Tx) => boolean): void {
    const height = (this.height + 1) as Height;
    const timestamp = Math.max(this.timestamp, this.config.startTimestamp + Math.floor(this.engine.now / 1000)) as UnixSeconds;
    const policy = this.policy;
    const censoring = policy !== undefined && policy.share > 0 && this.rng.chance(policy.share);
    const included: Tx[] = [];
    const drops: [Tx, DropReason][] = [];
    const gone = new Set<string>();
    const drop = (tx: Tx, reason: DropReason): void => {
      drops.push([tx, reason]);
      this.dropped.set(tx.id, reason);
      gone.add(tx.id);
    };
    let weight = 0;
    let spentSome = false;
    const { blockTxLimit, blockWeightLimit } = this.config;
    for (const tx of this.mempool.ordered()) {
      if (genesis) {
        if (!genesis(tx)) continue;
      } else {
        if (blockTxLimit !== undefined && included.length >= blockTxLimit) break;
        if (blockWeightLimit !== undefined && weight + tx.weight > blockWeightLimit) continue;
      }
      if (censoring && policy.excludes(tx)) continue;
      const verdict = inclusionVerdict(tx, height, timestamp, this.ledger, this.dropped);
      if (verdict === 'wait') continue;
      const result = verdict === 'include' ? this.apply(tx, height, timestamp) : verdict;
      if (result !== 'include') {
        drop(tx, result);
        continue;
      }
      included.push(tx);
      gone.add(tx.id);
      weight += tx.weight;
      spentSome ||= (tx.inputs ?? []).length > 0;
    }
    // Evict what can no longer confirm; repeat while evictions orphan further descendants.
    let evicted = spentSome || drops.length > 0;
    while (evicted) {
      evicted = false;
      for (const tx of this.mempool.ordered()) {
        if (gone.has(tx.id)) continue;
        const reason = staleReason(tx, this.ledger, this.dropped);
        if (reason !== undefined) {
          drop(tx, reason);
          evicted = true;
        }
      }
    }
    this.mempool.retain((tx) => !gone.has(tx.id));

    const block: Block = Object.freeze({ height, timestamp, time: this.engine.now, txIds: included.map((t) => t.id), weight, censoring });
    this.blockList.push(block);
    this.blockRecords.push({ height, time: block.time, timestamp, txCount: included.length, weight, mempoolAfter: this.mempool.size, censoring });
    for (const tx of included) {
      const record = this.recordOf.get(tx.id)!;
      record.confirmedHeight = height;
      record.confirmedAt = block.time;
    }
    for (const [tx, reason] of drops) {
      const record = this.recordOf.get(tx.id)!;
      record.dropped = reason;
      record.droppedAt = block.time;
    }
    this.checkConservation();
    this.watches.answer(block, included, drops, (f, label) => this.fireNow(f, label));
    if (!genesis) this.scheduleNextBlock();
  }

  /** Applies `tx` to the ledger (and its contract); nothing changes unless it returns 'include'. */
  private apply(tx: Tx, height: Height, timestamp: UnixSeconds): 'include' | 'contract-rejected' {
    const inputs = tx.inputs ?? [];
    const outputs = tx.outputs ?? [];
    const background = inputs.length === 0;
    const inMsat = inputs.reduce((sum, i) => sum + this.ledger.output(i)!.spec.amountMsat, 0);
    const outMsat = outputs.reduce((sum, o) => sum + o.amountMsat, 0);
    const valueInMsat = background ? 0 : inMsat - outMsat - tx.feeMsat;
    let payouts: readonly OutputSpec[] = [];
    if (tx.call) {
      const host = this.hosts.get(tx.call.contractId)!;
      const balanceMsat = this.ledger.contractBalance(tx.call.contractId);
      const result = host.execute(tx.call, { height, timestamp, tx, valueInMsat: valueInMsat as Msat, balanceMsat: balanceMsat as Msat });
      if (!result.ok) return 'contract-rejected';
      payouts = result.payouts;
      const paid = payouts.reduce((sum, o) => sum + o.amountMsat, 0);
      this.ledger.setContractBalance(tx.call.contractId, balanceMsat + valueInMsat - paid);
    }
    for (const input of inputs) this.ledger.spend(input, tx.id);
    [...outputs, ...payouts].forEach((spec, index) => this.ledger.create({ txId: tx.id, index }, spec, height));
    if (!background) this.ledger.collectFee(tx.feeMsat);
    this.confirmedAt.set(tx.id, height);
    return 'include';
  }

  /** Runs `f` as a trigger event at the current time: for watches whose condition already holds. */
  private fireNow(f: () => void, label: string): WatchHandle {
    const handle = this.engine.schedule(0, f, { priority: Priority.trigger, label });
    return { cancel: () => handle.cancel() };
  }
}
