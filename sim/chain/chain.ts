/**
 * The simulated chain: blocks at exponential (seeded) or fixed intervals, a fee-ordered mempool,
 * limited block space, absolute and relative time locks, contract calls, watches, and an
 * optional censoring share of hash power. Funds are conserved and checked after every block.
 *
 * A transaction whose absolute lock keeps it out of the next block waits outside the mempool
 * (timelocked.ts) and enters it when the next block could include it. Time-locked entries that
 * opened at a known instant between blocks are moved in lazily, at the next look at the mempool
 * (a submission, a block, `mempoolSize`, `records`), but stamped with the instant they opened
 * and ordered as if moved then: nothing else changes the mempool between two looks.
 *
 * A built-in contract, the preimage manager (preimageManager.ts), records preimages registered
 * on chain; every contract call can read it through `ContractContext.registeredAt`.
 *
 * Building a block: assemble.ts.
 *
 * Watches fire as engine events at `Priority.trigger`, at the time of the block (after it). A
 * watch whose condition already holds when it is registered (height reached, depth reached,
 * output spent, transaction dropped) fires at once, at the current time, rather than waiting
 * for the next block: a late watcher learns what the chain already shows.
 */
import { type Engine, Priority, type Rng } from '../engine/index.js';
import { fail, invariant, ok, type Outcome } from '../errors.js';
import type { Height, Msat, TxId, UnixSeconds } from '../units.js';
import { applyTx } from './apply.js';
import { assembleBlock } from './assemble.js';
import { Ledger, outpointKey } from './ledger.js';
import { Mempool } from './mempool.js';
import { PREIMAGE_MANAGER, PreimageManager, type PreimageRegistration } from './preimageManager.js';
import { ChainRecords } from './records.js';
import { isOpen, openingOf, TimeLockedPool } from './timelocked.js';
import { malleate } from './malleability.js';
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
import { GenesisTriggers, WatchRegistry, type Fire, type WatchHandle } from './watch.js';

export class Chain {
  private readonly blockList: Block[] = [];
  private readonly txs = new Map<string, Tx>();
  private readonly confirmedAt = new Map<string, Height>();
  private readonly dropped = new Map<TxId, DropReason>();
  private readonly ledger = new Ledger();
  private readonly mempool = new Mempool();
  private readonly timeLocked = new TimeLockedPool();
  private readonly preimages = new PreimageManager();
  private readonly hosts = new Map<string, ContractHost>([[PREIMAGE_MANAGER, this.preimages]]);
  private readonly rows = new ChainRecords();
  private policy: MinerPolicy | undefined;
  private txCounter = 0;
  private started = false;
  /** Largest mempool seen right after a transaction entered it (time-locked ones count once valid). */
  peakMempool = 0;
  /** Conservation checks run so far. */
  invariantChecks = 0;

  private readonly watches = new WatchRegistry();
  private readonly registeredAt = (lock: string): Height | undefined => this.preimages.registration(lock)?.height;
  /** Set by mineGenesis: the genesis block's watches fire in batches (watch.ts). */
  private genesisTriggers: GenesisTriggers | undefined;

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
    this.admitOpened();
    return { txs: this.rows.txs, blocks: this.rows.blocks };
  }

  /** Transactions in the mempool (valid for the next block); time-locked ones still waiting are not counted. */
  get mempoolSize(): number {
    this.admitOpened();
    return this.mempool.size;
  }

  /** Transactions waiting outside the mempool for their absolute lock to open (timelocked.ts). */
  get timeLockedSize(): number {
    this.admitOpened();
    return this.timeLocked.size;
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

  /**
   * Puts a transaction into the mempool — or, while its absolute lock keeps it out of the next
   * block, into the time-locked pool until it opens — or says why it can never be valid (tx.ts).
   */
  submit(spec: TxSpec): Outcome<Tx> {
    const checked = checkTxSpec(spec, { inputValue: (input) => this.inputValue(input), hasContract: (id) => this.hosts.has(id) });
    if (!checked.ok) return checked;
    this.admitOpened();
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
      contractFeeMsat: spec.contractFeeMsat ?? (0 as Msat),
      weight,
      lockTime: spec.lockTime,
      call: spec.call,
      data: spec.data,
      submittedAt: this.engine.now,
    };
    this.txs.set(tx.id, tx);
    this.rows.submitted(tx);
    // Pre-segwit: a re-encoded copy under another id enters first (malleability.ts).
    const mutant = malleate(tx, this.config, this.rng);
    if (mutant) {
      this.txs.set(mutant.id, mutant);
      this.rows.submitted(mutant);
      this.admit(mutant, mutant.submittedAt);
    }
    const opening = tx.lockTime && openingOf(tx.lockTime, this.config.startTimestamp);
    if (opening && !isOpen(opening, this.height, this.engine.now)) this.timeLocked.add(tx, opening);
    else this.admit(tx, tx.submittedAt);
    return ok(tx);
  }

  /** The first registration of the preimage of `lock` with the preimage manager, if any. */
  preimageRegistration(lock: string): PreimageRegistration | undefined {
    return this.preimages.registration(lock);
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

  /**
   * Fires once when a confirmed transaction first registers the preimage of `lock` with the
   * preimage manager, with the preimage and that block (at once if it already has).
   */
  watchPreimage(lock: string, cb: (preimage: Uint8Array, block: Block) => void): WatchHandle {
    const known = this.preimages.registration(lock);
    if (known) return this.fireNow(() => cb(known.preimage, this.blockAt(known.height)!), 'watch-preimage');
    return this.watches.preimage.add(lock, cb);
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
    this.genesisTriggers ??= new GenesisTriggers((run) => this.engine.schedule(0, run, { priority: Priority.trigger, label: 'genesis-watches' }));
    this.mine(include);
  }

  private mine(genesis?: (tx: Tx) => boolean): void {
    this.admitOpened();
    const height = (this.height + 1) as Height;
    const timestamp = Math.max(this.timestamp, this.config.startTimestamp + Math.floor(this.engine.now / 1000)) as UnixSeconds;
    const policy = this.policy;
    const censoring = policy !== undefined && policy.share > 0 && this.rng.chance(policy.share);
    const { blockTxLimit, blockWeightLimit } = this.config;
    const { included, drops, weight, gone } = assembleBlock(
      this.mempool.ordered(),
      () => this.waiting(),
      { height, timestamp, blockTxLimit, blockWeightLimit, censors: censoring ? policy.excludes : undefined, ...(genesis ? { genesis } : {}) },
      {
        ledger: this.ledger,
        dropped: this.dropped,
        timeLocked: this.timeLocked.size,
        apply: (tx) => {
          const verdict = applyTx(tx, height, timestamp, this.ledger, this.hosts, this.registeredAt);
          if (verdict === 'include') this.confirmedAt.set(tx.id, height);
          return verdict;
        },
      },
    );
    this.mempool.retain((tx) => !gone.has(tx.id));
    for (const [tx] of drops) this.timeLocked.remove(tx.id);

    const block: Block = Object.freeze({ height, timestamp, time: this.engine.now, txIds: included.map((t) => t.id), weight, censoring });
    this.blockList.push(block);
    // Height locks that the next block satisfies open now.
    this.admitOpened();
    this.rows.mined(block, included, drops, this.mempool.size);
    this.checkConservation();
    const fire: Fire = genesis ? this.genesisTriggers!.add : (f, a, b, label) => void this.fireNow(() => f(a, b), label);
    this.watches.answer(block, included, drops, this.preimages.takeFresh(), fire);
    if (!genesis) this.scheduleNextBlock();
  }

  /** Every transaction not confirmed or dropped yet: the mempool in mining order, then the time-locked pool. */
  private *waiting(): Iterable<Tx> {
    yield* this.mempool.ordered();
    yield* this.timeLocked.waiting();
  }

  /** `tx` enters the mempool at simulated time `at` (valid for the next block from then on). */
  private admit(tx: Tx, at: number): void {
    this.mempool.add(tx);
    this.rows.valid(tx, at);
    this.peakMempool = Math.max(this.peakMempool, this.mempool.size);
  }

  /** Moves every time-locked transaction whose lock has opened into the mempool (see the header). */
  private admitOpened(): void {
    if (this.timeLocked.size === 0) return;
    for (const { tx, validAt } of this.timeLocked.takeOpen(this.height, this.engine.now, (h) => this.blockAt(h)!.time)) this.admit(tx, validAt);
  }

  /** Runs `f` as a trigger event at the current time: for watches whose condition already holds. */
  private fireNow(f: () => void, label: string): WatchHandle {
    if (this.genesisTriggers?.running) return this.genesisTriggers.later(f);
    return this.engine.schedule(0, f, { priority: Priority.trigger, label });
  }
}
