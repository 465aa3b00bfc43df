/**
 * Checks of a resolved scenario that need the whole of it: `expect` paths against the report's
 * real fields, and warnings for payments that cannot work yet (channels still waiting for their
 * deposits to confirm), so a run that fails them says why before it starts.
 */
import type { ChannelSpec } from '../agents/index.js';
import { ScenarioError } from '../errors.js';
import { crossChainExpectType, RunStats, summarize } from '../report/index.js';
import { seconds } from './actions.js';

let leaves: Map<string, string> | undefined;

/** Every numeric or boolean field of a report, by dotted path, with its type. */
function reportLeaves(): Map<string, string> {
  if (leaves) return leaves;
  const empty = summarize({
    scenario: '',
    description: '',
    seed: 0,
    simulatedMs: 0,
    events: 0,
    startHeight: 0,
    chain: { txs: [], blocks: [], peakMempool: 0, invariantChecks: 0 },
    accounting: { startMsat: 0, endMsat: 0, feesMsat: 0 },
    channels: [],
    aliases: {},
    payments: [],
    channelEvents: [],
    stats: new RunStats(),
    balances: {},
    balanceSeries: { nodes: [], samples: [] },
  });
  leaves = new Map();
  const walk = (node: unknown, path: string): void => {
    if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
    else if (typeof node === 'number' || typeof node === 'boolean') leaves!.set(path, typeof node);
  };
  walk(empty, '');
  return leaves;
}

/** `expect` keys must name a report field of the same type (`payments.failures.<reason>` and `balances.<node>.…` included). */
export function checkExpectPaths(values: Readonly<Record<string, number | boolean>>, nodes: ReadonlySet<string>): void {
  const known = reportLeaves();
  for (const [path, value] of Object.entries(values)) {
    const where = `expect.${path}`;
    const node = /^balances\.([^.]+)\.(startMsat|endMsat)$/.exec(path);
    if (node) {
      if (!nodes.has(node[1]!)) throw new ScenarioError('unknown-node', `unknown node '${node[1]}' in a balances path`, where);
    } else if (!/^payments\.failures\.[\w-]+$/.test(path) && !known.has(path) && !crossChainExpectType(path)) {
      const prefix = path.split('.')[0]!;
      const near = [...known.keys()].filter((k) => k.startsWith(`${prefix}.`));
      throw new ScenarioError('unknown-report-field', `no report field '${path}'; expected one of: ${(near.length ? near : [...known.keys()]).slice(0, 12).join(', ')}${near.length > 12 ? ', …' : ''}`, where);
    }
    const type = node || path.startsWith('payments.failures.') ? 'number' : (known.get(path) ?? crossChainExpectType(path)!);
    if (typeof value !== type) throw new ScenarioError('bad-value', `expected ${type === 'number' ? 'a number' : 'true or false'} (the report field's type), got ${JSON.stringify(value)}`, where);
  }
}

/** When a channel can first carry a payment: at once when funded at genesis, else after its confirmations. */
export function usableAtMs(spec: Pick<ChannelSpec, 'funding' | 'confirmations'>, openedAtMs: number, blockIntervalMs: number): number {
  return spec.funding === 'genesis' ? openedAtMs : openedAtMs + spec.confirmations * blockIntervalMs;
}

/** A warning when the first payments come before any channel is usable. */
export function earlyPaymentWarning(firstUsable: { atMs: number; confirmations: number; genesis: boolean } | undefined, blockIntervalMs: number, payments: readonly { atMs: number; path: string }[]): string[] {
  if (!firstUsable || firstUsable.genesis) return [];
  const early = payments.filter((p) => p.atMs < firstUsable.atMs);
  if (early.length === 0) return [];
  const first = early.reduce((a, b) => (b.atMs < a.atMs ? b : a));
  const others = early.length > 1 ? ` (and ${early.length - 1} more)` : '';
  return [
    `${first.path} at ${seconds(first.atMs)}${others} precedes the first channel open at ≈ ${seconds(firstUsable.atMs)} (${firstUsable.confirmations} confirmations × ${seconds(blockIntervalMs)}); ` +
      `such payments fail as no-route or channel-not-open (start them later, or set funding: genesis)`,
  ];
}
