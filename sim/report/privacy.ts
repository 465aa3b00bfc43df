/**
 * The privacy report: report.json's `privacy` block (per coalition: the share of routed payments
 * it saw, the share whose payee and whose payer it identified, the anonymity sets' sizes),
 * report.md's section, hop-views.csv (what every hop saw) and privacy.csv (per coalition and
 * payment: who saw it, the candidates left).
 */
import { toCsv } from './csv.js';
import { displayName, groupDigits } from './format.js';
import { escapeHtml, htmlTable } from './page/page.js';
import { percentile, round6, sum } from './stats.js';
import { cltvBudget, type PaymentInference, type PrivacyRecords } from '../privacy/index.js';

/** What a coalition learned of one side (payee or payer) of the payments it saw. */
function sideBlock(seen: readonly PaymentInference[], others: number, pick: (r: PaymentInference) => [readonly string[] | undefined, string]) {
  const known = seen.map(pick).filter((s): s is [readonly string[], string] => s[0] !== undefined);
  const identified = known.filter(([set, truth]) => set.length === 1 && set[0] === truth).length;
  const sizes = known.map(([set]) => set.length).sort((a, b) => a - b);
  return {
    identified,
    /** Of the routed payments neither made nor received by the coalition. */
    identifiedShare: others ? round6(identified / others) : 0,
    identifiedShareOfSeen: seen.length ? round6(identified / seen.length) : 0,
    /** The right node was not among the candidates (a block was mined while the HTLCs travelled). */
    missed: known.filter(([set, truth]) => !set.includes(truth)).length,
    anonymitySet: { mean: sizes.length ? round6(sum(sizes) / sizes.length) : 0, median: percentile(sizes, 50), max: sizes.at(-1) ?? 0 },
  };
}

export function privacyBlock(rec: PrivacyRecords) {
  return {
    hopViews: rec.views.length,
    finalCltvDelta: rec.finalCltvDelta,
    coalitions: rec.coalitions.map((c) => {
      const rows = rec.inferences.filter((r) => r.coalition === c.name);
      const others = rows.filter((r) => !r.own);
      const seen = others.filter((r) => r.observers.length > 0);
      return {
        name: c.name,
        members: c.members,
        payments: rows.length,
        own: rows.length - others.length,
        seen: seen.length,
        seenShare: others.length ? round6(seen.length / others.length) : 0,
        payee: sideBlock(seen, others.length, (r) => [r.payees, r.payee]),
        payer: sideBlock(seen, others.length, (r) => [r.payers, r.payer]),
        /** Payments whose every payee search gave up (too many paths): no payee set. */
        searchesGivenUp: seen.filter((r) => r.payees === undefined).length,
      };
    }),
  };
}

export type PrivacyBlock = ReturnType<typeof privacyBlock>;

const share = (x: number): string => `${(x * 100).toFixed(1)}%`;
const sizes = (s: { mean: number; median: number }): string => `${s.mean.toFixed(1)} / ${s.median}`;

const HEADER = ['coalition', 'members', 'payments seen', 'payee identified', 'payer identified', 'payee set mean / median', 'payer set mean / median'];

/** One row per coalition, as report.md and report.html show it (members by alias, or short ids). */
function privacyRows(block: PrivacyBlock, aliases?: Readonly<Record<string, string>>): string[][] {
  return block.coalitions.map((c) => [
    c.name,
    c.members.map((m) => displayName(m, aliases)).join(', '),
    `${c.seen} of ${c.payments - c.own} (${share(c.seenShare)})`,
    `${c.payee.identified} (${share(c.payee.identifiedShare)})`,
    `${c.payer.identified} (${share(c.payer.identifiedShare)})`,
    sizes(c.payee.anonymitySet),
    sizes(c.payer.anonymitySet),
  ]);
}

function privacyText(block: PrivacyBlock): string {
  return `What coalitions of nodes infer from the ${groupDigits(block.hopViews)} hop views (what each hop read from its onion: hop-views.csv): payee candidates from the remaining CLTV budget (final delta ${block.finalCltvDelta} blocks) and the amount, payer candidates from the paths that can carry the amount. Payments made or received by a member are left out. Per payment: privacy.csv.`;
}

/** report.md's section. */
export function privacyMarkdown(block: PrivacyBlock, aliases?: Readonly<Record<string, string>>): string[] {
  return ['## Privacy', '', privacyText(block), '', `| ${HEADER.join(' | ')} |`, '| --- | --- | ---: | ---: | ---: | ---: | ---: |', ...privacyRows(block, aliases).map((r) => `| ${r.join(' | ')} |`), ''];
}

/** report.html's section, with the two row files linked. */
export function privacyHtml(block: PrivacyBlock, aliases?: Readonly<Record<string, string>>): string {
  const text = escapeHtml(privacyText(block)).replace(/(hop-views|privacy)\.csv/g, '<a href="$1.csv">$1.csv</a>');
  return `<h2>Privacy</h2>\n<p class="note">${text}</p>\n${htmlTable(HEADER, privacyRows(block, aliases), new Set([2, 3, 4, 5, 6]))}`;
}

/** hop-views.csv: one row per onion a hop read, in order; payer, payee and position are the truth, not what the hop knew. */
export function hopViewsCsv(rec: PrivacyRecords): string {
  return toCsv(
    ['time_ms', 'height', 'payment', 'part', 'node', 'prev', 'next', 'channel', 'incoming_msat', 'incoming_cltv', 'amount_msat', 'outgoing_cltv', 'cltv_budget', 'payer', 'payee', 'position'],
    rec.views.map((v) => [v.time, v.height, v.payment, v.part, v.node, v.prev, v.next ?? '', v.channel, v.incomingMsat, v.incomingCltv, v.amountMsat, v.outgoingCltv, v.next === undefined ? '' : cltvBudget(v, rec.finalCltvDelta), v.payer, v.payee, v.position]),
  );
}

/** Sets of at most this many nodes are listed in privacy.csv (the count always is). */
const LISTED = 5;

/** privacy.csv: one row per coalition and routed payment. */
export function privacyCsv(rec: PrivacyRecords): string {
  const side = (set: readonly string[] | undefined, truth: string): unknown[] =>
    set === undefined ? ['', '', '', ''] : [set.length, set.length === 1 && set[0] === truth ? 1 : 0, set.includes(truth) ? 1 : 0, set.length <= LISTED ? set.join(';') : ''];
  return toCsv(
    ['coalition', 'payment', 'payer', 'payee', 'own', 'observers', 'payee_candidates', 'payee_identified', 'payee_in_set', 'payee_set', 'payer_candidates', 'payer_identified', 'payer_in_set', 'payer_set'],
    rec.inferences.map((r) => [r.coalition, r.payment, r.payer, r.payee, r.own ? 1 : 0, r.observers.join(';'), ...side(r.payees, r.payee), ...side(r.payers, r.payer)]),
  );
}
