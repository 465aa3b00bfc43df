/**
 * What a party alone knows in one channel: its funding key (one per node, see network.ts) and
 * the seed of its revocation secrets, both derived from the scenario seed: reproducible, never shared.
 */
import type { PartySecrets } from '../channel/index.js';
import { sha256, type KeyPair } from '../crypto/index.js';

/** What a node's secrets in all its channels share: its funding key and what its seeds derive from. */
export interface NodeSecrets {
  readonly funding: KeyPair;
  readonly scenarioSeed: number;
  readonly node: string;
}

/**
 * A party's secrets in one channel. The revocation seed (a SHA-256) is derived when first read:
 * lazy mode reads it only to cheat or punish, so an honest run of 31,000 channels derives none.
 * The node's part is one object per node, not three fields per channel (1 MB on a real snapshot).
 */
export class DerivedSecrets implements PartySecrets {
  private seed: Uint8Array | undefined;

  constructor(
    private readonly party: NodeSecrets,
    private readonly channelId: string,
  ) {}

  get funding(): KeyPair {
    return this.party.funding;
  }

  get revocationSeed(): Uint8Array {
    return (this.seed ??= revocationSeed(this.party.scenarioSeed, this.channelId, this.party.node));
  }
}

/** A party's revocation seed for one channel, derived from the scenario seed: reproducible, never shared. */
export function revocationSeed(seed: number, channelId: string, node: string): Uint8Array {
  return sha256(new TextEncoder().encode(`pcnsim/${seed}/${channelId}/${node}/revocation`));
}
