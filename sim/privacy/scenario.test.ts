/** The `privacy:` section: its forms, and one line naming the field for each bad one. */
import { ScenarioError } from '../errors.js';
import { parseScenario } from '../scenario/load.js';

const base = `name: t
channels:
  - { between: [alice, bob], deposit: [100 sat, 100 sat] }
  - { between: [bob, carol], deposit: [100 sat, 100 sat] }
`;

function errorOf(privacy: string, extra = ''): string {
  try {
    parseScenario(`${base}${extra}privacy: ${privacy}\n`, 'case.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('privacy: in a scenario', () => {
  it('one coalition or a list; top-hubs of k (default 5, named top-k-hubs) or nodes by name (named by their members)', () => {
    expect(parseScenario(base, 'case.yaml').privacy).toBeUndefined();
    expect(parseScenario(`${base}privacy: { coalition: top-hubs, k: 2 }\n`, 'case.yaml').privacy).toEqual({ coalitions: [{ name: 'top-2-hubs', topHubs: 2 }] });
    expect(parseScenario(`${base}privacy: [{ coalition: top-hubs }, { coalition: [bob, carol, bob], name: pair }, { coalition: [alice] }]\n`, 'case.yaml').privacy).toEqual({
      coalitions: [{ name: 'top-5-hubs', topHubs: 5 }, { name: 'pair', members: ['bob', 'carol'] }, { name: 'alice', members: ['alice'] }],
    });
  });

  it.each([
    ['{ coalition: [alice, dave] }', '', "case.yaml: privacy.coalition[1]: unknown node 'dave'; expected a node of the network"],
    ['{ coalition: top-hubs, k: 4 }', '', 'case.yaml: privacy.k: expected at most 3 hubs (the network\'s nodes), got 4'],
    ['[{ coalition: [bob], k: 1 }]', '', 'case.yaml: privacy[0].k: k counts the hubs of coalition: top-hubs; expected no k with a list of nodes'],
    ['[{ coalition: [bob] }, { coalition: [bob] }]', '', "case.yaml: privacy[1].name: duplicate coalition name 'bob'; expected a name per coalition"],
    ['{ coalition: [bob] }', 'defaults: { htlcStyle: sprites }\n', 'case.yaml: privacy: the privacy report reads shrinking locks; expected defaults.htlcStyle: lightning'],
  ])('privacy: %s %s → %s', (privacy, extra, message) => {
    expect(errorOf(privacy, extra)).toBe(message);
  });

  it.each([
    ['{ coalition: biggest }', 'privacy.coalition: expected one of "top-hubs", got "biggest"'],
    ['{ coalition: [] }', 'privacy.coalition: expected at least 1 entries'],
    ['{ coalition: top-hubs, k: 0 }', 'privacy.k: expected a number > 0, got 0'],
    ['{ coalition: top-hubs, size: 3 }', "privacy: unknown key 'size'; expected one of: coalition, k, name"],
    ['[]', 'privacy: expected at least 1 entries'],
    ['5', 'privacy: expected a mapping or a list, got 5'],
    ['{ coalition: [bob], name: "a b" }', 'privacy.name: expected a coalition name (letters, digits, -, _, + or .), got "a b"'],
  ])('malformed: privacy: %s → %s', (privacy, message) => {
    expect(errorOf(privacy)).toBe(`case.yaml: ${message}`);
  });
});
