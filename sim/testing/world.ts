/**
 * The test vocabulary (STYLE §14): small verbs so tests read like the BRIEF's worked examples.
 *
 *   const sim = simulate({ channels: [{ between: ['alice', 'bob'], deposit: [100, 100] }] });
 *   sim.mineBlocks(3);                  // deposits confirm, the channel opens
 *   sim.pay('alice', 'bob', 10);        // sequence 2 = [90, 110]
 *   sim.cheat('alice', 'alice-bob', 1); // broadcast the revoked sequence 1
 *   sim.mineBlocks(200);
 *   sim.balance('bob');                 // 200 sat: Bob took Alice's bond
 *
 * Amounts are in sat here (as in the BRIEF); the simulation itself works in msat.
 */
import { type ActionSpec, type ChannelEvent, type ChannelEventKind, type ChannelKind, DEFAULT_MULTIHOP, LiveChannel, type LiveOneWay, type MultiHopOptions, Network, type NetworkSpec, type WatchtowerSpec } from '../agents/index.js';
import type { Policy } from '../router/index.js';
import { Chain } from '../chain/index.js';
import type { CryptoMode, Freeze } from '../channel/index.js';
import { Engine, rngStream } from '../engine/index.js';
import { sat, sequence, type Msat } from '../units.js';

export const BLOCK_MS = 600_000;

export interface TestChannel {
  readonly between: readonly [string, string];
  /** In sat. */
  readonly deposit: readonly [number, number];
  readonly kind?: ChannelKind;
  readonly freeze?: Freeze;
  readonly refundBlocks?: number;
  readonly id?: string;
  /** Forwarding policy; fees in sat. */
  readonly policy?: { readonly feeBase?: number; readonly feePpm?: number; readonly cltvDelta?: number };
}

export interface TestOptions {
  readonly channels: readonly TestChannel[];
  readonly crypto?: CryptoMode;
  readonly confirmations?: number;
  readonly seed?: number;
  /** Fee bid on every channel transaction, sat. */
  readonly txFee?: number;
  /** Extra on-chain coins per node at genesis, sat. */
  readonly wallet?: number;
  readonly multiHop?: Partial<MultiHopOptions>;
  readonly watchtowers?: readonly (Omit<WatchtowerSpec, "rewardShare"> & { readonly rewardShare?: number })[];
  readonly maxHtlcs?: number;
  /** Payees that attack instead of settling. */
  readonly receivers?: NetworkSpec['receivers'];
}

export function simulate(options: TestOptions) {
  const engine = new Engine();
  const chain = new Chain(
    engine,
    { blockIntervalMs: BLOCK_MS, fixedInterval: true, startHeight: 0, startTimestamp: 1_700_000_000 },
    rngStream(options.seed ?? 1, 'chain'),
  );
  const nodes = [...new Set([...options.channels.flatMap((c) => c.between), ...(options.watchtowers ?? []).map((w) => w.tower)])];
  const spec: NetworkSpec = {
    seed: options.seed ?? 1,
    nodes,
    channels: options.channels.map((c) => ({
      id: c.id ?? `${c.between[0]}-${c.between[1]}`,
      between: c.between,
      deposit: [sat(c.deposit[0]), sat(c.deposit[1])],
      kind: c.kind ?? 'virtual-bank',
      freeze: c.freeze ?? { blocks: 144 },
      ...(c.refundBlocks !== undefined ? { refundBlocks: c.refundBlocks } : {}),
      confirmations: options.confirmations ?? 3,
      txFeeMsat: sat(options.txFee ?? 0),
      policy: policyOf(c.policy),
      ...(options.maxHtlcs !== undefined ? { maxHtlcs: options.maxHtlcs } : {}),
    })),
    multiHop: { ...DEFAULT_MULTIHOP, ...options.multiHop },
    watchtowers: (options.watchtowers ?? []).map((t) => ({ rewardShare: 0, ...t })),
    payments: [],
    actions: [],
    ...(options.receivers ? { receivers: options.receivers } : {}),
    crypto: options.crypto ?? 'full',
    walletMsat: Object.fromEntries(nodes.map((n) => [n, sat(options.wallet ?? 0)])),
  };
  const network = new Network(engine, chain, spec);
  network.start();
  chain.start();

  const live = (id: string): LiveChannel | LiveOneWay => {
    const c = network.channels.get(id);
    if (!c) throw new Error(`no channel ${id}`);
    return c;
  };

  return {
    engine,
    chain,
    network,
    live,
    /** The RSMC channel `id` (throws for a one-way channel). */
    channel(id: string): LiveChannel {
      const c = live(id);
      if (!(c instanceof LiveChannel)) throw new Error(`${id} is not an RSMC channel`);
      return c;
    },
    /** Runs the simulation for `n` block intervals (fixed spacing: exactly n blocks). */
    mineBlocks(n: number): void {
      engine.run({ until: engine.now + n * BLOCK_MS });
    },
    /** An off-chain payment of `amountSat` across the channel between `from` and `to`. */
    pay(from: string, to: string, amountSat: number) {
      const c = [...network.channels.values()].find((l) => l.nodes.includes(from) && l.nodes.includes(to));
      if (!c) throw new Error(`no channel between ${from} and ${to}`);
      return c.pay(from, sat(amountSat) as Msat);
    },
    /** A payment as a scenario makes it: direct if `from` and `to` share a channel, else routed. */
    send(from: string, to: string, amountSat: number): void {
      network.pay(from, to, sat(amountSat) as Msat);
    },
    /** Runs the simulation for `ms` milliseconds. */
    runFor(ms: number): void {
      engine.run({ until: engine.now + ms });
    },
    /** `node` broadcasts its copy of `seq` (revoked or not) on `channelId`. */
    cheat(node: string, channelId: string, seq: number) {
      return live(channelId).broadcast(node, sequence(seq));
    },
    close(node: string, channelId: string) {
      const c = live(channelId);
      return c instanceof LiveChannel ? c.close(node) : c.broadcast(node);
    },
    /** `node` goes offline now for `blocks` block intervals. */
    offline(node: string, blocks: number): void {
      network.availability(node).goOffline(engine.now, engine.now + blocks * BLOCK_MS);
    },
    /** `node` goes offline `fromMs` from now, for `ms` milliseconds. */
    offlineAt(node: string, fromMs: number, ms: number): void {
      network.availability(node).goOffline(engine.now + fromMs, engine.now + fromMs + ms);
    },
    /** `node` stays online but signs nothing off-chain, from now for `blocks` block intervals. */
    unresponsive(node: string, blocks: number): void {
      network.availability(node).stopSigning(engine.now, engine.now + blocks * BLOCK_MS);
    },
    /** A scripted action, now (as a scenario's `actions` would). */
    perform(action: ActionNow): void {
      network.perform({ ...action, atMs: engine.now } as ActionSpec);
    },
    /** The run ends: payments still under way are recorded as they stand. */
    finish(): void {
      network.finish();
    },
    /** What `node` holds, in sat: coins on the chain plus its side of open channels and bonds. */
    balance(node: string): number {
      return network.balances()[node]!.endMsat / 1000;
    },
    /** The channel events recorded so far, all or of one kind (typed as that kind). */
    events<K extends ChannelEventKind = ChannelEventKind>(kind?: K): Extract<ChannelEvent, { kind: K }>[] {
      return network.recorder.events.filter((e): e is Extract<ChannelEvent, { kind: K }> => kind === undefined || e.kind === kind);
    },
  };
}

export type Simulation = ReturnType<typeof simulate>;

/** An action without its time (each kind of `ActionSpec` minus `atMs`). */
type ActionNow = ActionSpec extends infer A ? (A extends unknown ? Omit<A, 'atMs'> : never) : never;

function policyOf(p: TestChannel['policy']): Policy {
  return { feeBaseMsat: sat(p?.feeBase ?? 0), feePpm: p?.feePpm ?? 0, cltvDelta: p?.cltvDelta ?? 40, minHtlcMsat: 0, disabled: false };
}
