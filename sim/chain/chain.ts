/**
 * The simulated chain: blocks at exponential (seeded) or fixed intervals, a fee-ordered mempool,
 * limited block space, absolute and relative time locks, contract calls, watches, and an
 * optional censoring share of hash power. Funds are conserved and checked after every block.
 *
 * Building a block (in this order): the miner is drawn (censoring with probability
 * `policy.share`); the mempool is walked in fee-rate-then-arrival order; a transaction waits for
 * a later block when its absolute lock is not reached, an input's relative lock has not passed,
 * an input's creating transaction is not confirmed yet (a child may follow its parent into the
 * same block only if the parent came first in that order), the block is full for it, or the
 * miner censors it; it is dropped when an input was already spent ('conflict'), an input's
 * creator was dropped ('missing-input') or its contract rejects the call ('contract-rejected').
 */
import type { Engine } from '../engine/index.js';
import { Priority } from '../engine/index.js';
import type { Rng } from '../engine/rng.js';
import { fail, invariant, ok, type Outcome } from '../errors.js';
import type { Height, Msat, TxId, UnixSeconds } from '../units.js';
import { Ledger, outpointKey } from './ledger.js';
import { Mempool } from './mempool.js';
import {
  DEFAULT_TX_WEIGHT,
  type Block,
  type BlockRecord,
  type ChainConfig,
  type ContractHost,
  type DropReason,
  type MinerPolicy,
  type OutPoint,
  type OutputSpec,
  type Tx,
  type TxRecord,
  type TxSpec,
} from './types.js';
import { WatchList, type WatchHandle } from './watch.js';

type Verdict = 'include' | 'wait' | DropReason;

export class Chain {
  private readonly blockList: Block[] = [];
  private readonly txs = new Map<string, Tx>();
  private readonly confirmedAt = new Map<string, Height>();
  private readonly dropped = new Set<string>();
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

  private readonly confirmWatches = new WatchList<string, [Tx, Block]>();
  private readonly dropWatches = new WatchList<string, [Tx, DropReason]>();
  private readonly spentWatches = new WatchList<string, [Tx, Block]>();
  private readonly contractWatches = new WatchList<string, [Tx, Block]>();
  private readonly heightWatches = new WatchList<number, [Block]>();
  private readonly timestampWatches = new WatchList<number, [Block]>();

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

  /** Puts a transaction into the mempool, or says why it can never be valid. */
  submit(spec: TxSpec): Outcome<Tx> {
    const weight = spec.weight ?? DEFAULT_TX_WEIGHT;
    if (!Number.isSafeInteger(spec.feeMsat) || spec.feeMsat < 0) return fail('negative-fee', 'submit: the fee must be whole msat ≥ 0', '≥ 0', spec.feeMsat);
    if (!Number.isSafeInteger(weight) || weight <= 0) return fail('bad-weight', 'submit: the weight must be a positive integer', '> 0', weight);
    const inputs = spec.inputs ?? [];
    const outputs = spec.outputs ?? [];
    if (spec.call && !this.hosts.has(spec.call.contractId)) return fail('unknown-contract', `submit: no contract ${spec.call.contractId}`);
    let inMsat = 0;
    for (const input of inputs) {
      const value = this.inputValue(input);
      if (!value.ok) return value;
      inMsat += value.value;
    }
    if (new Set(inputs.map(outpointKey)).size !== inputs.length) return fail('input-spent', 'submit: an input appears twice');
    const outMsat = outputs.reduce((sum, o) => sum + o.amountMsat, 0);
    if (!outputs.every((o) => Number.isSafeInteger(o.amountMsat) && o.amountMsat >= 0)) return fail('amounts-do-not-balance', 'submit: outputs must be whole msat ≥ 0');
    if (inputs.length === 0) {
      // Background traffic: no simulated money moves; only its fee is bid, from outside.
      if (outMsat > 0) return fail('amounts-do-not-balance', 'submit: outputs need inputs to pay for them', 0, outMsat);
    } else {
      const valueIn = inMsat - outMsat - spec.feeMsat;
      if (valueIn < 0) return fail('amounts-do-not-balance', 'submit: inputs do not cover outputs and fee', outMsat + spec.feeMsat, inMsat);
      if (valueIn > 0 && !spec.call) return fail('value-without-call', 'submit: inputs exceed outputs and fee, but no contract receives the rest', 0, valueIn);
    }
    // One fixed shape for every transaction keeps property access fast on hot paths (the
    // mempool compares millions of them); `Tx` is readonly by type.
    const tx: Tx = {
      id: `tx${this.txCounter++}` as TxId,
      kind: spec.kind,
      sender: spec.sender,
      inputs,
      outputs,
      feeMsat: spec.feeMsat,
      weight,
      lockTime: spec.lockTime,
      call: spec.call,
      data: spec.data,
      submittedAt: this.engine.now,
    };
    this.txs.set(tx.id, tx);
    this.mempool.add(tx);
    const record: TxRecord = { id: tx.id, kind: tx.kind, feeMsat: tx.feeMsat, weight, submittedAt: tx.submittedAt };
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

  watchConfirmed(txId: string, depth: number, cb: (tx: Tx, block: Block) => void): WatchHandle {
    const tx = this.txs.get(txId);
    invariant(tx !== undefined, 'unknown-tx', `watchConfirmed: no transaction ${txId}`);
    const need = Math.max(1, depth);
    const h = this.confirmedAt.get(txId);
    if (h !== undefined) return this.watchHeight(h + need - 1, (block) => cb(tx, block));
    let inner: WatchHandle | undefined;
    const outer = this.confirmWatches.add(txId, (_, block) => {
      inner = this.watchHeight(block.height + need - 1, (at) => cb(tx, at));
    });
    return { cancel: () => (outer.cancel(), inner?.cancel()) };
  }

  watchDropped(txId: string, cb: (tx: Tx, reason: DropReason) => void): WatchHandle {
    return this.dropWatches.add(txId, cb);
  }

  watchSpent(outpoint: OutPoint, cb: (spender: Tx, block: Block) => void): WatchHandle {
    return this.spentWatches.add(outpointKey(outpoint), cb);
  }

  /** Every confirmed call into `contractId`, until cancelled. */
  watchContract(contractId: string, cb: (tx: Tx, block: Block) => void): WatchHandle {
    return this.contractWatches.add(contractId, cb);
  }

  /** Fires with the first block at or above `height` (the next block if already passed). */
  watchHeight(height: number, cb: (block: Block) => void): WatchHandle {
    if (height <= this.height) {
      const handle = this.engine.schedule(0, () => cb(this.tip), { priority: Priority.trigger, label: 'watch-height' });
      return { cancel: () => handle.cancel() };
    }
    return this.heightWatches.add(height, cb);
  }

  /** Fires with the first block whose timestamp is at or after `timestamp`. */
  watchTimestamp(timestamp: number, cb: (block: Block) => void): WatchHandle {
    if (timestamp <= this.timestamp) {
      const handle = this.engine.schedule(0, () => cb(this.tip), { priority: Priority.trigger, label: 'watch-timestamp' });
      return { cancel: () => handle.cancel() };
    }
    return this.timestampWatches.add(timestamp, cb);
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
    const spec = parent && !this.confirmedAt.has(parent.id) && !this.dropped.has(parent.id) ? parent.outputs?.[input.index] : undefined;
    return spec ? ok(spec.amountMsat) : fail('unknown-input', `submit: no output ${outpointKey(input)}`);
  }

  private scheduleNextBlock(): void {
    const { blockIntervalMs, fixedInterval } = this.config;
    const delay = fixedInterval ? blockIntervalMs : Math.max(1, Math.round(this.rng.exponential(blockIntervalMs)));
    this.engine.schedule(delay, () => this.mine(), { priority: Priority.chain, label: 'block' });
  }

  private mine(): void {
    const height = (this.height + 1) as Height;
    const timestamp = Math.max(this.timestamp, this.config.startTimestamp + Math.floor(this.engine.now / 1000)) as UnixSeconds;
    const policy = this.policy;
    const censoring = policy !== undefined && policy.share > 0 && this.rng.chance(policy.share);
    const included: Tx[] = [];
    const drops: [Tx, DropReason][] = [];
    let weight = 0;
    const { blockTxLimit, blockWeightLimit } = this.config;
    for (const tx of this.mempool.ordered()) {
      if (blockTxLimit !== undefined && included.length >= blockTxLimit) break;
      if (blockWeightLimit !== undefined && weight + tx.weight > blockWeightLimit) continue;
      if (censoring && policy.excludes(tx)) continue;
      const verdict = this.verdict(tx, height, timestamp);
      if (verdict === 'wait') continue;
      if (verdict !== 'include') {
        drops.push([tx, verdict]);
        this.dropped.add(tx.id);
        continue;
      }
      const result = this.apply(tx, height, timestamp);
      if (result !== 'include') {
        drops.push([tx, result]);
        this.dropped.add(tx.id);
        continue;
      }
      included.push(tx);
      weight += tx.weight;
    }
    const gone = new Set<string>([...included.map((t) => t.id), ...drops.map(([t]) => t.id)]);
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
    this.fireWatches(block, included, drops);
    this.scheduleNextBlock();
  }

  /** Can `tx` enter the block at `height` / `timestamp` as far as locks and inputs go? */
  private verdict(tx: Tx, height: number, timestamp: number): Verdict {
    if (tx.lockTime) {
      if ('height' in tx.lockTime ? height < tx.lockTime.height : timestamp < tx.lockTime.timestamp) return 'wait';
    }
    for (const input of tx.inputs ?? []) {
      const out = this.ledger.output(input);
      if (!out) return this.dropped.has(input.txId) ? 'missing-input' : 'wait';
      if (out.spentBy !== undefined) return 'conflict';
      const lock = out.spec.relativeLockBlocks ?? 0;
      if (height - out.createdHeight < lock) return 'wait';
    }
    return 'include';
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

  private fireWatches(block: Block, included: readonly Tx[], drops: readonly [Tx, DropReason][]): void {
    const fire = (f: () => void, label: string): void => void this.engine.schedule(0, f, { priority: Priority.trigger, label });
    for (const tx of included) {
      for (const w of this.confirmWatches.take(tx.id)) fire(() => w.fire(tx, block), 'watch-confirmed');
      for (const input of tx.inputs ?? []) for (const w of this.spentWatches.take(outpointKey(input))) fire(() => w.fire(tx, block), 'watch-spent');
      if (tx.call) for (const w of this.contractWatches.peek(tx.call.contractId)) fire(() => w.fire(tx, block), 'watch-contract');
    }
    for (const [tx, reason] of drops) for (const w of this.dropWatches.take(tx.id)) fire(() => w.fire(tx, reason), 'watch-dropped');
    for (const w of this.heightWatches.takeWhere((h) => h <= block.height)) fire(() => w.fire(block), 'watch-height');
    for (const w of this.timestampWatches.takeWhere((t) => t <= block.timestamp)) fire(() => w.fire(block), 'watch-timestamp');
  }
}
