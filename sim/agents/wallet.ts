/**
 * A party's on-chain coins for paying fees. Coins promised to a transaction still in the
 * mempool are reserved so two pending transactions never spend the same coin; a reservation is
 * released if its transaction is dropped. Coins are taken in the chain's (deterministic) order.
 */
import type { Chain, OutPoint, OutputSpec } from '../chain/index.js';
import type { Msat } from '../units.js';

const key = (o: OutPoint): string => `${o.txId}:${o.index}`;

export class Wallet {
  private readonly reserved = new Set<string>();

  constructor(
    private readonly chain: Chain,
    readonly owner: string,
  ) {}

  /** Keeps `coin` out of fee payments (e.g. a coin set aside for a deposit). */
  reserve(coin: OutPoint): void {
    this.reserved.add(key(coin));
  }

  release(coins: readonly OutPoint[]): void {
    for (const c of coins) this.reserved.delete(key(c));
  }

  /** Coins worth at least `amountMsat` and the change back, or undefined if the wallet is short. */
  take(amountMsat: number): { inputs: OutPoint[]; change: OutputSpec | undefined } | undefined {
    const inputs: OutPoint[] = [];
    let total = 0;
    for (const coin of this.chain.unspentOf(this.owner)) {
      if (total >= amountMsat) break;
      if (this.reserved.has(key(coin))) continue;
      const out = this.chain.output(coin);
      if (!out || (out.relativeLockBlocks ?? 0) > 0) continue;
      inputs.push(coin);
      total += out.amountMsat;
    }
    if (total < amountMsat) return undefined;
    for (const c of inputs) this.reserve(c);
    const rest = total - amountMsat;
    return { inputs, change: rest > 0 ? { owner: this.owner, amountMsat: rest as Msat } : undefined };
  }
}
