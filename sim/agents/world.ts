/** What the live channels need from the world around them. */
import type { Chain } from '../chain/index.js';
import type { Engine } from '../engine/index.js';
import type { Availability } from './availability.js';
import type { ChainView } from './chainView.js';
import type { HopOutcome } from './hop.js';
import type { HtlcHooks } from './hooks.js';
import type { ChannelEvent, ChannelEventInput, Recorder } from './records.js';
import type { Preimages } from './preimages.js';
import type { WatchtowerSpec } from './watchtower.js';
import type { Wallet } from './wallet.js';

/** Something with HTLCs to guard: it is ticked every block until it has none left. */
export interface Guarded {
  tick(): void;
}

export interface World {
  readonly engine: Engine;
  readonly chain: Chain;
  /** The height each node sees (an eclipsed node's lags behind the chain's). */
  readonly view: ChainView;
  readonly recorder: Recorder;
  availability(node: string): Availability;
  wallet(node: string): Wallet;
  readonly preimages: Preimages;
  /** The watchtowers a node has delegated its watching to. */
  towersOf(node: string): readonly WatchtowerSpec[];
  /** How `node` treats the HTLCs that reach it (honest unless it is a jammer or griefer). */
  hooks(node: string): HtlcHooks;
  /** Channels with unresolved HTLCs, ticked after every block (the guards' deadlines). */
  readonly guarded: Set<Guarded>;
  /** An HTLC ended for good (told to the payments layer). */
  htlcResolved(channelId: string, offerer: string, hashLock: string, outcome: HopOutcome): void;
}

/**
 * Records a channel event at the current time and height (or the given height): one object per
 * event, built here.
 */
export function recordEvent(world: World, channel: string, event: ChannelEventInput): void {
  // Object.assign, not a spread: in V8 a spread literal gets a hidden class of its own, every time.
  world.recorder.push(Object.assign({ channel }, event, { time: world.engine.now, height: event.height ?? world.chain.height }) as ChannelEvent);
}

/** Records a row built whole by its channel (the hot kinds: an HTLC added or settled), stamped as recordEvent stamps. */
export function recordRow(world: World, row: ChannelEvent): void {
  world.recorder.push(row);
}

/** The first time at or after `time` when both nodes are online and signing (Infinity-like if never). */
export function nextBothResponsive(world: World, a: string, b: string, time: number): number {
  let t = time;
  for (let i = 0; i < 10_000 && t < Number.MAX_SAFE_INTEGER; i++) {
    const next = Math.max(world.availability(a).nextResponsive(t), world.availability(b).nextResponsive(t));
    if (next === t) return t;
    t = next;
  }
  return Number.MAX_SAFE_INTEGER;
}
