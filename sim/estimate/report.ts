/**
 * The text `estimate --simulate` prints: the scaling argument, what each phase measured, those
 * figures scaled back next to the bound, and which limit binds. Deterministic (no wall clock).
 */
import type { FailureReason } from './payments.js';
import { peakStage, type Simulation } from './simulate.js';

const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const f = (x: number, digits = 1): string => x.toFixed(digits);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export function explainSimulation(sim: Simulation): string {
  const { bound, scale, chain, churn, payments } = sim;
  const F = n(scale);
  const lines: string[] = [
    '',
    `Simulated at scale 1/${F} (seed ${sim.seed})`,
    `  Scaling (Little's law, N = λ·T): the chain carries ${f(bound.tps, 2)} / ${F} = ${chain.tps.toPrecision(3)} transactions/s`,
    `  (${chain.txsPerBlock} per block, a block every ${f(chain.blockIntervalMs / 1000, 0)} s on average), so at most ${f(bound.opensPerDay / scale)} channels`,
    `  open per day and ${n(chain.expectedChannels)} are open at once; lifetimes are unchanged, so counts are ${F}× smaller`,
    `  and every measured count × ${F} compares with the bound. ${n(chain.nodes)} nodes (3.5 channels each, as the public graph).`,
    '',
    `Phase 1: channel churn (openers arrive at ${sim.demand === 1 ? "the bound's rate" : `${sim.demand} × the bound's rate`}, ${f(chain.openRequestsPerDay)}/day; ${bound.txsPerChannel} transactions per channel`,
    `  competing for block space by fee rate; lifetimes exponential, mean ${bound.lifetimeDays} days)`,
  ];
  if (churn.steadyAtDays === undefined) lines.push(`  never steady within ${f(churn.days, 0)} days; measured over the last ${f(churn.measuredDays)} days`);
  else lines.push(`  steady after           ${f(churn.steadyAtDays, 0)} days (window means grew < 0.5%); measured over the next ${f(churn.measuredDays)} days`);
  const ratio = churn.meanOpen / chain.expectedChannels;
  lines.push(
    `  openers arrived/day    ${f(churn.openRequests / churn.days)}   (Poisson, mean ${f(chain.openRequestsPerDay)})`,
    `  channels opened/day    ${f(churn.opensPerDay)}   (bound ${f(bound.opensPerDay / scale)})`,
    `  open channels (mean)   ${n(churn.meanOpen)} × ${F} = ${n(churn.meanOpen * scale)}   vs bound ${n(bound.channels)} (${pct(ratio)})`,
    `  Little's law check     ${f(churn.opensPerDay)}/day × ${bound.lifetimeDays} days = ${n(churn.opensPerDay * bound.lifetimeDays)}`,
    `  blocks                 ${pct(churn.blockFullness ?? 0)} full; mempool ${n(churn.meanMempool)} transactions on average, ${n(churn.peakMempool)} at most`,
    `  confirmation wait      deposits ${f(churn.meanDepositWaitBlocks)} blocks, withdrawals ${f(churn.meanWithdrawalWaitBlocks)} blocks`,
    `  openers who gave up    ${n(churn.gaveUp)} of ${n(churn.openRequests)} (more than a day of transactions already waiting)`,
    `  limit: ${churnLimit(sim)}`,
  );

  const peak = peakStage(payments);
  lines.push('', `Phase 2: payments over the ${n(churn.channels.length)} channels open at the end (shortest routes; each hop's HTLC added one`);
  lines.push('  round trip after the last, 100 ms per message, and settled or failed back hop by hop, so a hop holds it for its');
  lines.push('  share of the route\'s round trips; 483 HTLC slots per direction, 1% reserve, amounts lognormal around 50,000 sat;');
  lines.push('  no channel closes and nothing goes on chain within the seconds simulated); the rate doubles each stage');
  lines.push('  offered/s   in flight   success   hops   held/hop   HTLCs/channel   failed: no route / liquidity / HTLC slots');
  for (const s of payments.stages) {
    lines.push(
      `  ${n(s.rate).padStart(9)}   ${n(s.meanInFlight).padStart(9)}   ${pct(s.succeeded / Math.max(1, s.payments)).padStart(7)}   ${f(s.meanHops, 2)}   ${`${n(s.meanHoldMs)} ms`.padStart(8)}   ${f(s.htlcsPerChannel, 2).padStart(13)}   ${n(s.failures['no-route'])} / ${n(s.failures.liquidity)} / ${n(s.failures['htlc-slots'])}`,
    );
  }
  const stop = { flat: 'in flight stopped growing', 'mostly-failing': 'most offered payments fail', 'max-stages': 'out of stages before in flight stopped growing' }[payments.stop];
  lines.push(`  stopped: ${stop}`);
  if (peak) {
    const perPath = churn.channels.length / peak.meanHops;
    lines.push(
      `  concurrent payments    ${n(peak.meanInFlight)} × ${F} = ${n(peak.meanInFlight * scale)}   vs bound ${n(bound.concurrentPayments)} (${f((peak.meanInFlight * scale) / bound.concurrentPayments, 1)}×)`,
      `  path length            ${f(peak.meanHops, 2)} hops used on average (the bound assumes ${bound.pathLength}): channels / hops = ${n(perPath)} × ${F} = ${n(perPath * scale)}`,
      `  limit: ${paymentLimit(sim)}`,
    );
    // Paths in a random graph are ≈ ln(nodes) / ln(mean degree) hops, so a network F× larger adds
    // ≈ ln F / ln k hops to each: an extrapolation, printed as one.
    const k = (2 * churn.channels.length) / chain.nodes;
    if (scale > 1 && k > 1) {
      const hops = peak.meanHops + Math.log(scale) / Math.log(k);
      lines.push(
        `  caveat: at full size paths would be ≈ ${f(hops)} hops (+ ln ${F} / ln ${f(k)}), so the payments figure × ${F} overstates;`,
        `  with liquidity per channel unchanged, ≈ ${n((peak.meanInFlight * scale * peak.meanHops) / hops)} concurrent payments (extrapolated, not simulated).`,
      );
    }
  }
  return lines.join('\n');
}

function churnLimit(sim: Simulation): string {
  const { churn, chain } = sim;
  const full = churn.blockFullness ?? 0;
  const shortBy = 1 - churn.meanOpen / chain.expectedChannels;
  if (full >= 0.9) {
    const gave = `${pct(churn.gaveUp / Math.max(1, churn.openRequests))} of openers gave up`;
    // One run's count is a finite-window sample: more blocks than average, or longer-lived
    // channels, can put it above a long-run upper bound.
    if (shortBy < 0) return `block space: blocks are ${pct(full)} full, so channels cannot open faster; this run's count is ${pct(-shortBy)} ABOVE the bound, which is a long-run average: sampling noise of one finite run (block times and lifetimes are random; ${gave}).`;
    return `block space: blocks are ${pct(full)} full, so channels cannot open faster; the count is ${pct(shortBy)} short of the bound (random arrivals and block times leave some blocks part-empty; ${gave}).`;
  }
  return `demand: blocks are only ${pct(full)} full, so openers, not block space, set the rate.`;
}

function paymentLimit(sim: Simulation): string {
  const peak = peakStage(sim.payments)!;
  const reasons: [FailureReason, string][] = [
    ['liquidity', 'liquidity: payments fail for want of spendable balance on a hop'],
    ['htlc-slots', 'HTLC slots: hops ran out of their 483 slots per direction'],
    ['no-route', "the topology: no route of channels large enough within 20 hops"],
  ];
  const failed = peak.payments - peak.succeeded;
  const [reason, text] = reasons.reduce((a, b) => (peak.failures[b[0]] > peak.failures[a[0]] ? b : a));
  if (failed === 0) return 'none reached: every payment succeeded.';
  const perChannel = `; each channel carries ${f(peak.htlcsPerChannel, 1)} HTLCs at once on average where the bound allows one payment per channel`;
  return `${text} (${pct(peak.failures[reason] / failed)} of failures)${perChannel}.`;
}
