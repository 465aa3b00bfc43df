/**
 * Generalized state channels (sim/statechannel) as a scenario writes them:
 *
 *   stateChannels:
 *     - between: [alice, bob]            # alice chooses (commits), bob guesses
 *       deposit: [50000 sat, 50000 sat]
 *       stake: 10000 sat
 *       choice: 1
 *       guess: 0
 *       at: 10min
 *       challenge: 1h                    # how long a disputed version stands open
 *       stop: { node: bob, before: guess, onChain: true }   # optional deviation
 *       stale: bob                       # optional: disputes with version 0 instead of concluding
 */
import { z } from 'zod';
import { MESSAGE_LATENCY_MS } from '../defaults.js';
import { ScenarioError } from '../errors.js';
import type { StateChannelSpec } from '../statechannel/index.js';
import { amount, nodeName, positiveAmount, time } from './fields.js';

const bit = z
  .number()
  .refine((n) => n === 0 || n === 1, { message: 'expected 0 or 1' })
  .transform((n) => n as 0 | 1);

export const stateChannelEntry = z.strictObject({
  id: nodeName().optional(),
  between: z.tuple([nodeName(), nodeName()]),
  deposit: z.tuple([amount(), amount()]),
  stake: positiveAmount(),
  choice: bit,
  guess: bit,
  at: time(),
  challenge: time().optional(),
  message: time().optional(),
  answer: time().optional(),
  stop: z.strictObject({ node: nodeName(), before: z.enum(['commit', 'guess', 'reveal', 'conclude']), onChain: z.boolean().optional() }).optional(),
  stale: nodeName().optional(),
});
export const stateChannelsSection = z.array(stateChannelEntry);

type Input = z.output<typeof stateChannelEntry>;

/** The channels with their nodes and amounts checked. */
export function resolveStateChannels(entries: readonly Input[] | undefined, nodes: ReadonlySet<string>): StateChannelSpec[] {
  const ids = new Set<string>();
  return (entries ?? []).map((c, i) => {
    const path = `stateChannels[${i}]`;
    const id = c.id ?? `app${i + 1}`;
    if (ids.has(id)) throw new ScenarioError('duplicate-state-channel', `two state channels are named '${id}'; expected distinct ids`, `${path}.id`);
    ids.add(id);
    c.between.forEach((n, j) => {
      if (!nodes.has(n)) throw new ScenarioError('unknown-node', `unknown node '${n}'; expected a node of the network`, `${path}.between[${j}]`);
    });
    if (c.between[0] === c.between[1]) throw new ScenarioError('same-node', 'a state channel needs two different nodes', `${path}.between[1]`);
    if (c.deposit[0] < c.stake || c.deposit[1] < c.stake) throw new ScenarioError('stake-too-large', 'each deposit must cover the stake', `${path}.stake`);
    for (const [field, node] of [['stop.node', c.stop?.node], ['stale', c.stale]] as const) {
      if (node !== undefined && !c.between.includes(node)) throw new ScenarioError('unknown-node', `'${node}' is not a party; expected one of ${c.between.join(', ')}`, `${path}.${field}`);
    }
    const challenge = c.challenge ?? 3_600_000;
    if (challenge < 1000) throw new ScenarioError('bad-duration', "expected a challenge period of at least '1s'", `${path}.challenge`);
    return {
      id,
      nodes: c.between,
      depositsMsat: c.deposit,
      stakeMsat: c.stake,
      choice: c.choice,
      guess: c.guess,
      atMs: c.at,
      challengeSeconds: Math.floor(challenge / 1000),
      messageMs: c.message ?? MESSAGE_LATENCY_MS,
      answerMs: c.answer ?? 60_000,
      ...(c.stop ? { stop: { node: c.stop.node, before: c.stop.before, onChain: c.stop.onChain ?? false } } : {}),
      ...(c.stale !== undefined ? { stale: c.stale } : {}),
    };
  });
}
