/**
 * The two malleability stories of the segwit notes, as parties on the default chain:
 *
 * - **exchange**: it pays a customer's withdrawal and tracks it by transaction id, as Mt. Gox
 *   did. When that id is dropped (a re-encoded copy confirmed instead), it believes the
 *   withdrawal failed and pays again: the customer is paid twice.
 * - **funding**: Alice funds a 2-of-2 output with Bob (F) and holds a refund R that Bob signed in
 *   advance against F's id, time-locked `refund` blocks ahead. If F confirms as F', R spends an
 *   output that will never exist and is void: Alice's coins sit in the 2-of-2 until Bob agrees
 *   to sign again (held hostage).
 *
 * With segwit both fail: ids cannot change, the exchange pays once and R refunds Alice.
 */
import type { Chain } from '../chain/index.js';
import { Wallet } from '../agents/index.js';
import type { Engine } from '../engine/index.js';
import type { Height, Msat } from '../units.js';
import type { MalleabilityEvent } from '../report/index.js';
export type { MalleabilityEvent } from '../report/index.js';

export interface ExchangeSpec {
  readonly node: string;
  readonly customer: string;
  readonly amountMsat: Msat;
  readonly atMs: number;
}

export interface FundingSpec {
  readonly between: readonly [string, string];
  readonly amountMsat: Msat;
  readonly refundBlocks: number;
  readonly atMs: number;
}

export interface MalleabilitySpec {
  readonly exchange?: ExchangeSpec;
  readonly funding?: FundingSpec;
}


/** Owner label of a 2-of-2 output: nobody's balance alone. */
export const multisigOwner = (a: string, b: string): string => `2of2:${a}+${b}`;

export function startMalleabilityStories(engine: Engine, chain: Chain, spec: MalleabilitySpec, feeMsat: Msat, log: (e: MalleabilityEvent) => void): void {
  const note = (node: string, what: string): void => log({ time: engine.now, node, what });
  const { exchange, funding } = spec;
  if (exchange) {
    const wallet = new Wallet(chain, exchange.node);
    // Pays again once when the id it tracks is dropped (a naive exchange: it trusts the id, not the chain).
    const withdraw = (attempt: number): void => {
      const coins = wallet.take(exchange.amountMsat + feeMsat);
      if (!coins) return note(exchange.node, 'cannot pay the withdrawal: wallet empty');
      const sent = chain.submit({ kind: 'withdrawal', sender: exchange.node, inputs: coins.inputs, outputs: [{ owner: exchange.customer, amountMsat: exchange.amountMsat }, ...(coins.change ? [coins.change] : [])], feeMsat });
      if (!sent.ok) return note(exchange.node, `withdrawal refused: ${sent.error.message}`);
      const id = sent.value.id;
      note(exchange.node, `pays ${exchange.customer}'s withdrawal and records it by id ${id}`);
      chain.watchConfirmed(id, 1, () => note(exchange.node, `sees ${id} confirmed: withdrawal done`));
      chain.watchDropped(id, () => {
        note(exchange.node, `!! ${id} never confirmed (dropped): believes the withdrawal failed`);
        if (attempt < 2) withdraw(attempt + 1);
      });
    };
    engine.schedule(exchange.atMs, () => withdraw(1), { label: 'exchange withdrawal' });
  }
  if (funding) {
    const [a, b] = funding.between;
    const wallet = new Wallet(chain, a);
    engine.schedule(funding.atMs, () => {
      const coins = wallet.take(funding.amountMsat + feeMsat);
      if (!coins) return note(a, 'cannot fund: wallet too small');
      const f = chain.submit({ kind: 'funding', sender: a, inputs: coins.inputs, outputs: [{ owner: multisigOwner(a, b), amountMsat: funding.amountMsat }, ...(coins.change ? [coins.change] : [])], feeMsat });
      if (!f.ok) return note(a, `funding refused: ${f.error.message}`);
      const refundHeight = (chain.height + funding.refundBlocks) as Height;
      note(b, `signs ${a}'s refund R spending ${f.value.id}:0, time-locked to height ${refundHeight}`);
      note(a, `broadcasts the funding ${f.value.id} into the 2-of-2 with ${b}, then R`);
      const r = chain.submit({ kind: 'refund', sender: a, inputs: [{ txId: f.value.id, index: 0 }], outputs: [{ owner: a, amountMsat: (funding.amountMsat - feeMsat) as Msat }], feeMsat, lockTime: { height: refundHeight } });
      if (!r.ok) return note(a, `refund refused: ${r.error.message}`);
      chain.watchDropped(r.value.id, (_, reason) => note(a, `!! R is void (${reason}): it spends ${f.value.id}:0, which will never exist; the coins stay in the 2-of-2 until ${b} signs again`));
      chain.watchConfirmed(r.value.id, 1, () => note(a, 'R confirms: the coins are back'));
    }, { label: 'funding' });
  }
}
