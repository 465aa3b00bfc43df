/**
 * Perun virtual channels (sim/virtual) as a scenario writes them:
 *
 *   virtualChannels:
 *     - nodes: [alice, bob, carol]          # the ends and the intermediary between them
 *       alpha: [100000 sat, 100000 sat]     # ledger α: alice, bob
 *       beta: [100000 sat, 100000 sat]      # ledger β: bob, carol
 *       deposit: [50000 sat, 50000 sat]     # γ: alice, carol
 *       open: 30min
 *       validFor: 6h
 *       payments: [{ at: 1h, from: alice, amount: 1000 sat, every: 10min, count: 12 }]
 *       offline: [{ node: bob, from: 2h, until: 4h }]
 *       cheat: bob                        # or alice: cheats on α at the close
 */
import { z } from 'zod';
import { MESSAGE_LATENCY_MS } from '../defaults.js';
import { ScenarioError } from '../errors.js';
import type { PerunSpec } from '../virtual/index.js';
import { amount, nodeName, positiveAmount, positiveInt, time } from './fields.js';

const pair = z.tuple([amount(), amount()]);

export const virtualChannelEntry = z.strictObject({
  id: nodeName().optional(),
  nodes: z.tuple([nodeName(), nodeName(), nodeName()]),
  alpha: pair,
  beta: pair,
  deposit: pair,
  open: time(),
  validFor: time(),
  challenge: time().optional(),
  message: time().optional(),
  payments: z.array(z.strictObject({ at: time(), from: nodeName(), amount: positiveAmount(), every: time().optional(), count: positiveInt().max(100_000).optional() })).optional(),
  offline: z.array(z.strictObject({ node: nodeName(), from: time(), until: time() })).optional(),
  cheat: nodeName().optional(),
});
export const virtualChannelsSection = z.array(virtualChannelEntry);

type Input = z.output<typeof virtualChannelEntry>;

export function resolveVirtualChannels(entries: readonly Input[] | undefined, nodes: ReadonlySet<string>): PerunSpec[] {
  const ids = new Set<string>();
  return (entries ?? []).map((v, i) => {
    const path = `virtualChannels[${i}]`;
    const id = v.id ?? `virtual${i + 1}`;
    if (ids.has(id)) throw new ScenarioError('duplicate-virtual-channel', `two virtual channels are named '${id}'; expected distinct ids`, `${path}.id`);
    ids.add(id);
    v.nodes.forEach((n, j) => {
      if (!nodes.has(n)) throw new ScenarioError('unknown-node', `unknown node '${n}'; expected a node of the network`, `${path}.nodes[${j}]`);
    });
    if (new Set(v.nodes).size !== 3) throw new ScenarioError('same-node', 'expected three different nodes: [end, intermediary, end]', `${path}.nodes`);
    const [xA, xC] = v.deposit;
    if (xA + xC === 0) throw new ScenarioError('bad-deposit', 'expected γ deposits that are not both 0', `${path}.deposit`);
    if (v.alpha[0] < xA || v.alpha[1] < xC) throw new ScenarioError('ledger-too-small', `ledger α must hold at least [${xA}, ${xC}] msat (alice's deposit, bob's mirror of carol's)`, `${path}.alpha`);
    if (v.beta[0] < xA || v.beta[1] < xC) throw new ScenarioError('ledger-too-small', `ledger β must hold at least [${xA}, ${xC}] msat (bob's mirror of alice's deposit, carol's)`, `${path}.beta`);
    if (v.cheat !== undefined && v.cheat !== v.nodes[0] && v.cheat !== v.nodes[1]) throw new ScenarioError('unknown-node', `expected ${v.nodes[0]} or ${v.nodes[1]} (who may cheat on α)`, `${path}.cheat`);
    const ends = [v.nodes[0], v.nodes[2]];
    const payments = (v.payments ?? []).flatMap((p, j) => {
      if (!ends.includes(p.from)) throw new ScenarioError('unknown-node', `expected one of the ends ${ends.join(', ')}`, `${path}.payments[${j}].from`);
      if (p.count !== undefined && p.count > 1 && !p.every) throw new ScenarioError('missing-field', "expected 'every' with 'count'", `${path}.payments[${j}].every`);
      return Array.from({ length: p.count ?? 1 }, (_, k) => ({ atMs: p.at + k * (p.every ?? 0), from: p.from, amountMsat: p.amount }));
    });
    const offline = (v.offline ?? []).map((o, j) => {
      if (!v.nodes.includes(o.node)) throw new ScenarioError('unknown-node', `expected one of ${v.nodes.join(', ')}`, `${path}.offline[${j}].node`);
      if (o.until <= o.from) throw new ScenarioError('bad-duration', "expected 'until' after 'from'", `${path}.offline[${j}].until`);
      return { node: o.node, fromMs: o.from, untilMs: o.until };
    });
    const challenge = v.challenge ?? 3_600_000;
    if (challenge < 1000) throw new ScenarioError('bad-duration', "expected a challenge period of at least '1s'", `${path}.challenge`);
    if (v.validFor <= 0) throw new ScenarioError('bad-duration', 'expected a positive validity period', `${path}.validFor`);
    return {
      id,
      nodes: v.nodes,
      alpha: v.alpha,
      beta: v.beta,
      virtual: v.deposit,
      openAtMs: v.open,
      validForMs: v.validFor,
      challengeSeconds: Math.floor(challenge / 1000),
      messageMs: v.message ?? MESSAGE_LATENCY_MS,
      payments: payments.sort((x, y) => x.atMs - y.atMs),
      offline,
      cheat: v.cheat,
    };
  });
}
