/** The scenario's `privacy:` section, resolved: which coalitions to report on (members of top-hubs are picked at run time, from the graph). */
import { ScenarioError } from '../errors.js';
import type { CoalitionSpec, PrivacySpec } from '../privacy/index.js';
import type { ScenarioInput } from './schema.js';

export type { PrivacySpec };

/** Default size of a `top-hubs` coalition (the "k biggest hubs"). */
export const TOP_HUBS = 5;

export function resolvePrivacy(input: NonNullable<ScenarioInput['privacy']>, nodes: ReadonlySet<string>, htlcStyle: string): PrivacySpec {
  const list = Array.isArray(input) ? input : [input];
  const at = (i: number): string => (Array.isArray(input) ? `privacy[${i}]` : 'privacy');
  // The CLTV budget is a sum of deltas only when locks shrink hop by hop.
  if (htlcStyle !== 'lightning') throw new ScenarioError('bad-privacy', 'the privacy report reads shrinking locks; expected defaults.htlcStyle: lightning', 'privacy');
  const names = new Set<string>();
  return {
    coalitions: list.map((c, i) => {
      if (c.coalition === 'top-hubs' && c.k !== undefined && c.k > nodes.size) throw new ScenarioError('bad-privacy', `expected at most ${nodes.size} hubs (the network's nodes), got ${c.k}`, `${at(i)}.k`);
      if (c.coalition !== 'top-hubs' && c.k !== undefined) throw new ScenarioError('bad-privacy', 'k counts the hubs of coalition: top-hubs; expected no k with a list of nodes', `${at(i)}.k`);
      if (Array.isArray(c.coalition)) {
        c.coalition.forEach((n, j) => {
          if (!nodes.has(n)) throw new ScenarioError('unknown-node', `unknown node '${n}'; expected a node of the network`, `${at(i)}.coalition[${j}]`);
        });
      }
      const spec: CoalitionSpec = c.coalition === 'top-hubs' ? { name: c.name ?? `top-${c.k ?? TOP_HUBS}-hubs`, topHubs: c.k ?? TOP_HUBS } : { name: c.name ?? c.coalition.join('+'), members: [...new Set(c.coalition)] };
      if (names.has(spec.name)) throw new ScenarioError('bad-privacy', `duplicate coalition name '${spec.name}'; expected a name per coalition`, `${at(i)}.name`);
      names.add(spec.name);
      return spec;
    }),
  };
}
