/**
 * `agents:` in a scenario file → the network's agent specs. The schema gives each strategy its
 * own fields (a field of another strategy is refused there), so this only fills in defaults and
 * checks what needs the whole scenario: the nodes named, the miners' shares adding up.
 */
import type { CheaterSpec, MinerSpec, ReceivePolicy, WatchtowerSpec } from '../agents/index.js';
import { ScenarioError } from '../errors.js';
import type { ScenarioInput } from './schema.js';
import { JAMMER_HOLD_MS } from '../defaults.js';

type AgentEntry = NonNullable<ScenarioInput['agents']>[string];
export interface ResolvedAgents {
  readonly walletMsat: Record<string, number>;
  readonly onlineProbability: Record<string, number>;
  /** Blocks by which eclipsed nodes see the chain late (only nodes that set a delay). */
  readonly chainDelay: Record<string, number>;
  readonly cheaters: CheaterSpec[];
  readonly watchtowers: WatchtowerSpec[];
  readonly receivers: Record<string, ReceivePolicy>;
  readonly miners: MinerSpec[];
}

/** Miners are not nodes of the network: they hold hash power, not channels. */
export function isMiner(entry: AgentEntry): boolean {
  return entry.strategy === 'miner';
}

export function resolveAgents(agents: NonNullable<ScenarioInput['agents']>, checkNode: (node: string, path: string) => void): ResolvedAgents {
  // Null-prototype records: a node may be called `constructor` or `toString`.
  const out: ResolvedAgents = { walletMsat: Object.create(null), onlineProbability: Object.create(null), chainDelay: Object.create(null), cheaters: [], watchtowers: [], receivers: Object.create(null), miners: [] };
  for (const [node, a] of Object.entries(agents)) {
    const path = `agents.${node}`;
    if (a.strategy === 'miner') {
      out.miners.push({ node, share: a.share ?? 0, censors: a.censors ?? ['penalty'] });
      continue;
    }
    checkNode(node, path);
    out.walletMsat[node] = a.wallet ?? 0;
    if (a.online !== undefined) out.onlineProbability[node] = a.online;
    if (a.chainDelay) out.chainDelay[node] = a.chainDelay;
    switch (a.strategy) {
      case 'cheater':
        out.cheaters.push({ node, mode: a.cheat ?? 'rational', belief: a.belief ?? 0.99 });
        break;
      case 'watchtower':
        a.watches.forEach((c, i) => checkNode(c, `${path}.watches[${i}]`));
        out.watchtowers.push({ tower: node, clients: a.watches, rewardShare: a.reward ?? 0, ...(a.fee !== undefined ? { feeMsat: a.fee } : {}) });
        break;
      case 'jammer':
        out.receivers[node] = { kind: 'jammer', holdMs: a.hold ?? JAMMER_HOLD_MS };
        break;
      case 'griefer':
        out.receivers[node] = { kind: 'griefer', floodTxs: a.flood ?? 0, floodFeeMsat: a.floodFee ?? 100_000 };
        break;
      case 'wormhole': {
        if (a.accomplice === undefined) throw new ScenarioError('missing-field', 'missing; a wormhole needs accomplice: NODE (the colluder upstream)', `${path}.accomplice`);
        if (a.accomplice === node) throw new ScenarioError('bad-value', `expected another node than ${node} itself`, `${path}.accomplice`);
        checkNode(a.accomplice, `${path}.accomplice`);
        out.receivers[node] = { kind: 'wormhole', accomplice: a.accomplice };
        break;
      }
      case 'honest':
      case undefined:
        break;
    }
  }
  const shares = out.miners.reduce((sum, m) => sum + m.share, 0);
  if (shares > 1 + 1e-9) {
    throw new ScenarioError('bad-value', `the miners' shares of hash power add up to ${Number(shares.toFixed(6))}; expected at most 1`, `agents.${out.miners[out.miners.length - 1]!.node}.share`);
  }
  return out;
}
