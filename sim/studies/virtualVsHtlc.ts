/**
 * The virtual-channel study: the same three nodes and workload (Alice pays Carol 30 × 1,000 sat
 * every 10 min from 1 h, Bob offline 2h–4h, 100 ms per message) once over a Perun virtual
 * channel (scenarios/examples/virtual-channel.yaml) and once routed with HTLCs through Bob
 * (scenarios/studies/virtual-vs-htlc.yaml). `npm run study:virtual` prints the table; the test
 * beside this file pins its numbers.
 */
import { loadScenario, runScenario, type RunRecords } from '../scenario/index.js';
import { summarize } from '../report/index.js';

export interface StudyColumn {
  readonly succeeded: number;
  readonly attempted: number;
  /** Payments made while the intermediary was offline, and how many went through. */
  readonly duringOffline: number;
  readonly succeededDuringOffline: number;
  readonly latencyMs: number;
  /** What the payer paid the intermediary in forwarding fees. */
  readonly intermediaryFeesMsat: number;
  readonly onChainFeesMsat: number;
  /** Money locked for the payments (γ's collateral of Bob; in-flight HTLCs on both hops), time-averaged over the run, and at its peak. */
  readonly lockedAvgMsat: number;
  readonly lockedPeakMsat: number;
  readonly intermediaryOnlineFor: string;
}


export function virtualStudy(virtualFile: string, htlcFile: string): { readonly virtual: StudyColumn; readonly htlc: StudyColumn } {
  const vRun: RunRecords = runScenario(loadScenario(virtualFile), {});
  const p = vRun.crossChain!.virtualChannels[0]!;
  const spec = loadScenario(virtualFile).virtualChannels[0]!;
  const bob = spec.offline.find((o) => o.node === spec.nodes[1])!;
  const during = (atMs: number): boolean => atMs >= bob.fromMs && atMs < bob.untilMs;
  const inWindow = p.payments.filter((x) => during(x.atMs));
  const seconds = vRun.simulatedMs / 1000;
  const virtual: StudyColumn = {
    succeeded: p.paymentsSucceeded,
    attempted: p.payments.length,
    duringOffline: inWindow.length,
    succeededDuringOffline: inWindow.filter((x) => x.ok).length,
    latencyMs: Math.max(...p.payments.filter((x) => x.ok).map((x) => x.latencyMs)),
    intermediaryFeesMsat: 0,
    onChainFeesMsat: vRun.crossChain!.chains.btc!.feesMsat,
    lockedAvgMsat: Math.round(p.intermediaryLockedMsatSeconds / seconds),
    lockedPeakMsat: p.intermediaryCollateralMsat,
    intermediaryOnlineFor: `opening (4 messages at ${spec.openAtMs / 60_000} min) and closing (from ${spec.validForMs / 3_600_000 + spec.openAtMs / 3_600_000} h, within the ${spec.challengeSeconds / 60} min challenge)`,
  };
  const hRun = runScenario(loadScenario(htlcFile), {});
  const h = summarize(hRun);
  const hInWindow = hRun.payments.filter((x) => during(x.time));
  const htlc: StudyColumn = {
    succeeded: h.payments.succeeded,
    attempted: h.payments.attempted,
    duringOffline: hInWindow.length,
    succeededDuringOffline: hInWindow.filter((x) => x.status === 'succeeded').length,
    latencyMs: h.payments.latencyMs.p99,
    intermediaryFeesMsat: h.payments.feesPaidMsat,
    onChainFeesMsat: hRun.accounting.feesMsat,
    lockedAvgMsat: h.liquidity.htlcLockedAvgMsat,
    lockedPeakMsat: h.liquidity.htlcLockedPeakMsat,
    intermediaryOnlineFor: 'every payment (it forwards each HTLC and its fulfil)',
  };
  return { virtual, htlc };
}

const sat = (msat: number): string => `${(msat / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 })} sat`;

export function studyTable(s: ReturnType<typeof virtualStudy>): string {
  const row = (label: string, f: (c: StudyColumn) => string): string => `| ${label} | ${f(s.virtual)} | ${f(s.htlc)} |`;
  return [
    '| same 3 nodes, same 30 payments | Perun virtual channel | HTLC routing through Bob |',
    '|---|---|---|',
    row('payments succeeded', (c) => `${c.succeeded} / ${c.attempted}`),
    row('while Bob is offline', (c) => `${c.succeededDuringOffline} / ${c.duringOffline}`),
    row('latency per payment', (c) => `${c.latencyMs} ms`),
    row('forwarding fees paid to Bob', (c) => sat(c.intermediaryFeesMsat)),
    row('on-chain fees in the run', (c) => sat(c.onChainFeesMsat)),
    row('locked for the payments, peak (Perun: Bob\'s collateral; HTLC: both hops)', (c) => sat(c.lockedPeakMsat)),
    row('locked, time-averaged over the run', (c) => sat(c.lockedAvgMsat)),
    row('Bob must be online for', (c) => c.intermediaryOnlineFor),
  ].join('\n');
}
