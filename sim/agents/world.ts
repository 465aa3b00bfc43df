/** What the live channels need from the world around them. */
import type { Chain } from '../chain/index.js';
import type { Engine } from '../engine/index.js';
import type { Availability } from './availability.js';
import type { ChannelEvent, Recorder } from './records.js';
import type { Preimages } from './preimages.js';
import type { ReceivePolicy } from './receiver.js';
import type { WatchtowerSpec } from './watchtower.js';
import type { Wallet } from './wallet.js';

export interface World {
  readonly engine: Engine;
  readonly chain: Chain;
  readonly recorder: Recorder;
  availability(node: string): Availability;
  wallet(node: string): Wallet;
  readonly preimages: Preimages;
  /** The watchtowers a node has delegated its watching to. */
  towersOf(node: string): readonly WatchtowerSpec[];
  /** How `node` treats HTLCs paid to it (undefined: honestly). */
  receiving(node: string): ReceivePolicy | undefined;
}

/** Records a channel event at the current time and height (or the given height). */
export function recordEvent(world: World, event: Omit<ChannelEvent, 'time' | 'height'> & { height?: number }): void {
  world.recorder.push({ ...event, time: world.engine.now, height: event.height ?? world.chain.height });
}
