/**
 * Several chains on one engine and one clock (issue 20): a registry of named `Chain`s, each with
 * its own block interval, block space, fee and seeded block stream. The first chain is the
 * default one (`chain:` in a scenario, named `btc`), where channels live; the others carry what
 * crosses chains (atomic swaps). Each chain keeps its own ledger and is conserved on its own:
 * money never moves between chains, only between owners on one chain.
 */
import type { Engine, RngStreams } from '../engine/index.js';
import { invariant } from '../errors.js';
import type { Msat } from '../units.js';
import { Chain } from './chain.js';
import type { ChainConfig } from './types.js';

/** The default chain's name: what `chain:` configures. */
export const DEFAULT_CHAIN = 'btc';

/** Block intervals of chains named in `chains:` without one (BTC 600 s, an alt chain 150 s, as Litecoin). */
export const DEFAULT_INTERVAL_MS: Readonly<Record<string, number>> = { btc: 600_000, alt: 150_000 };

export interface NamedChain {
  readonly name: string;
  readonly config: ChainConfig;
  /** Fee bid on each transaction the simulation's parties make on this chain. */
  readonly txFeeMsat: Msat;
  /** Coins each node holds on this chain at the start (besides channel deposits on the default chain). */
  readonly wallets: Readonly<Record<string, Msat>>;
}

export class Chains {
  private readonly byName = new Map<string, { spec: NamedChain; chain: Chain }>();

  /** `specs[0]` is the default chain; `make` builds it (the default chain may already exist). */
  constructor(engine: Engine, specs: readonly NamedChain[], streams: RngStreams, defaultChain?: Chain) {
    invariant(specs.length > 0, 'no-chain', 'Chains: at least one chain');
    specs.forEach((spec, i) => {
      invariant(!this.byName.has(spec.name), 'duplicate-chain', `Chains: two chains named ${spec.name}`);
      // The default chain keeps its historical stream name, so one-chain runs stay byte-identical.
      const chain = i === 0 && defaultChain ? defaultChain : new Chain(engine, spec.config, streams.stream(i === 0 ? 'chain' : `chain:${spec.name}`));
      this.byName.set(spec.name, { spec, chain });
    });
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  get(name: string): Chain {
    const entry = this.byName.get(name);
    invariant(entry !== undefined, 'unknown-chain', `Chains.get: no chain ${name}`);
    return entry.chain;
  }

  spec(name: string): NamedChain {
    return this.byName.get(name)!.spec;
  }

  /** The chains other than the default one, in scenario order. */
  others(): { spec: NamedChain; chain: Chain }[] {
    return [...this.byName.values()].slice(1);
  }
}
