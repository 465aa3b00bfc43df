/**
 * Distributions of the payments: CDFs of latency, fee, hops and amount, and the success rate
 * against the amount (log bins, 10 per decade).
 */
import type { ChartSpec } from '../page/page.js';
import type { ReportContext } from '../context.js';
import { histogramCdf, logBinStart, sortedCdf, usedRange } from '../distributions.js';
import { count } from '../format.js';

const SAT = 1000;

function cdfChart(id: string, title: string, caption: string, xName: string, data: [number, number][], log: boolean, unit = '', xExtra: Record<string, unknown> = {}): ChartSpec {
  return {
    id,
    title,
    caption,
    dataHref: 'distributions.csv',
    points: data.length,
    height: 260,
    option: {
      animation: false,
      grid: { left: 64, right: 24, top: 20, bottom: 48 },
      tooltip: { trigger: 'axis', confine: true, formatter: `tip:number${unit ? `:${unit}` : ''}|percent` },
      xAxis: { type: log ? 'log' : 'value', name: xName, nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: 'fmt:number', hideOverlap: true }, scale: true, minorSplitLine: { show: log }, ...xExtra },
      yAxis: { type: 'value', min: 0, max: 1, name: 'fraction ≤ x', nameLocation: 'middle', nameGap: 44, axisLabel: { formatter: 'fmt:percent' } },
      series: [{ name: 'fraction ≤ x', type: 'line', step: 'end', showSymbol: data.length < 40, data, color: '#4e79a7' }],
    },
  };
}

/** The histogram's upper bin edges in sat (a log bin k ends where bin k+1 starts). */
const satEdge = (k: number): number => Math.max(0.001, logBinStart(k + 1) / SAT);

export function distributionCharts(ctx: ReportContext): ChartSpec[] {
  const st = ctx.run.stats;
  const d = st.distributions;
  const p = ctx.report.payments;
  const routed = st.sortedRoutedLatencies();
  const charts: ChartSpec[] = [];
  const direct = p.direct ? `; ${count(p.direct, 'direct payment')} between neighbours left out (applied at once, no HTLC)` : '';
  charts.push(cdfChart('cdf-latency', 'Latency of routed payments', `${count(routed.length, 'succeeded routed payment')}${direct}`, 'latency (ms)', sortedCdf(routed), false, 'ms'));
  charts.push(cdfChart('cdf-fee', 'Fees paid', `per succeeded routed payment, sat (bins of 10 per decade; payments between neighbours pay none)`, 'fee (sat)', histogramCdf(d.fees, satEdge), true, 'sat'));
  const hops: [number, number][] = d.hops.length ? [[d.hops.findIndex((n) => n > 0), 0]] : [];
  let seen = 0;
  const totalHops = d.hops.reduce((a, b) => a + b, 0);
  d.hops.forEach((n, h) => {
    seen += n;
    if (n > 0) hops.push([h, seen / totalHops]);
  });
  charts.push(cdfChart('cdf-hops', 'Hops', 'channels crossed per succeeded payment (1: between neighbours)', 'hops', hops, false, '', { minInterval: 1 }));
  charts.push(cdfChart('cdf-amount', 'Amounts', 'every payment attempted, sat (bins of 10 per decade)', 'amount (sat)', histogramCdf(d.attemptedByAmount, satEdge), true, 'sat'));
  charts.push(successByAmountChart(ctx));
  return charts;
}

/** Success rate in each amount bin, with the number of payments in the tooltip. */
function successByAmountChart(ctx: ReportContext): ChartSpec {
  const d = ctx.run.stats.distributions;
  const [first, last] = usedRange(d.attemptedByAmount);
  const data: [number, number, number][] = [];
  for (let k = Math.max(first, 0); k <= last && first >= 0; k++) {
    const n = d.attemptedByAmount[k]!;
    if (n > 0) data.push([Math.sqrt(Math.max(1e-3, logBinStart(k)) * logBinStart(k + 1)) / SAT, d.succeededByAmount[k]! / n, n]);
  }
  return {
    id: 'success-by-amount',
    title: 'Success rate against amount',
    caption: 'share of payments that succeeded in each amount bin (10 per decade); the dot size grows with the number of payments',
    dataHref: 'distributions.csv',
    points: data.length,
    height: 300,
    option: {
      animation: false,
      grid: { left: 64, right: 24, top: 20, bottom: 48 },
      tooltip: { trigger: 'item', confine: true, formatter: 'tip:number:sat|percent' },
      xAxis: { type: 'log', name: 'amount (sat)', nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: 'fmt:number', hideOverlap: true }, scale: true },
      yAxis: { type: 'value', min: 0, max: 1, name: 'succeeded', nameLocation: 'middle', nameGap: 44, axisLabel: { formatter: 'fmt:percent' } },
      series: [
        {
          name: 'success rate',
          type: 'line',
          data: data.map(([x, y, n]) => ({ value: [x, y], symbolSize: Math.min(18, 3 + Math.sqrt(n)) })),
          color: '#59a14f',
        },
      ],
    },
  };
}
