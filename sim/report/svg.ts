/**
 * Minimal SVG charts for the self-contained HTML report: step lines over time with a legend and
 * vertical event markers. No scripts and no network: the page must open anywhere, offline.
 */

export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

export interface Marker {
  readonly x: number;
  readonly label: string;
  readonly color: string;
}

export interface ChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  readonly markers?: readonly Marker[];
  readonly formatY?: (y: number) => string;
  readonly bars?: boolean;
  /** Straight segments between points (a curve over a parameter) instead of steps over time. */
  readonly lines?: boolean;
  /** Tick labels of the x axis (default: simulated time); with it the axis starts at the first x, not 0. */
  readonly formatX?: (x: number) => string;
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939'];
const W = 860;
const H = 260;
const PAD = { left: 80, right: 16, top: 28, bottom: 40 };

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function lineChart(o: ChartOptions): string {
  const all = o.series.flatMap((s) => s.points);
  const xs = [...all.map((p) => p[0]), ...(o.markers ?? []).map((m) => m.x)];
  const ys = all.map((p) => p[1]);
  const x0 = o.formatX ? Math.min(...xs) : Math.min(0, ...xs);
  const x1 = Math.max(x0 + 1, ...xs);
  // Round the value axis out to a "nice" step (1, 2 or 5 × 10^k) so tick labels are readable.
  const step = niceStep((Math.max(o.lines ? Math.max(...ys) : 1, ...ys) - Math.min(0, ...ys)) / 4, o.lines === true);
  const y0 = Math.floor(Math.min(0, ...ys) / step) * step;
  const y1 = Math.max(y0 + step, Math.ceil(Math.max(...ys, o.lines ? y0 + step : 1) / step) * step);
  const sx = (x: number): number => PAD.left + ((x - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (y: number): number => H - PAD.bottom - ((y - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const fy = o.formatY ?? ((y: number) => String(Math.round(y)));
  const parts: string[] = [];
  parts.push(`<text x="${W / 2}" y="16" text-anchor="middle" class="title">${escapeHtml(o.title)}</text>`);
  for (let y = y0; y <= y1 + step / 2; y += step) {
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${sy(y).toFixed(1)}" y2="${sy(y).toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${(sy(y) + 4).toFixed(1)}" text-anchor="end" class="tick">${escapeHtml(fy(y))}</text>`);
  }
  for (let i = 0; i <= 5; i++) {
    const x = x0 + ((x1 - x0) * i) / 5;
    parts.push(`<text x="${sx(x).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle" class="tick">${escapeHtml((o.formatX ?? formatTime)(x))}</text>`);
  }
  parts.push(`<text x="${W / 2}" y="${H - 6}" text-anchor="middle" class="axis">${escapeHtml(o.xLabel)}</text>`);
  parts.push(`<text x="14" y="${H / 2}" text-anchor="middle" class="axis" transform="rotate(-90 14 ${H / 2})">${escapeHtml(o.yLabel)}</text>`);
  for (const m of o.markers ?? []) {
    parts.push(`<line x1="${sx(m.x).toFixed(1)}" x2="${sx(m.x).toFixed(1)}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="${m.color}" class="marker"><title>${escapeHtml(m.label)}</title></line>`);
  }
  o.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    if (o.bars) {
      const width = Math.max(1, (W - PAD.left - PAD.right) / Math.max(1, s.points.length) - 1);
      for (const [x, y] of s.points) parts.push(`<rect x="${(sx(x) - width).toFixed(1)}" y="${sy(y).toFixed(1)}" width="${width.toFixed(1)}" height="${(sy(y0) - sy(y)).toFixed(1)}" fill="${color}"/>`);
      return;
    }
    // Step line: a value holds until the next point (or straight segments for a curve).
    let d = '';
    s.points.forEach(([x, y], j) => {
      if (j === 0) d += `M${sx(x).toFixed(1)},${sy(y).toFixed(1)}`;
      else d += o.lines ? `L${sx(x).toFixed(1)},${sy(y).toFixed(1)}` : `H${sx(x).toFixed(1)}V${sy(y).toFixed(1)}`;
    });
    parts.push(`<path d="${d}" stroke="${color}" class="series"><title>${escapeHtml(s.name)}</title></path>`);
  });
  const legend = o.series.length > 1 ? `<div class="legend">${o.series.map((s, i) => `<span><i style="background:${PALETTE[i % PALETTE.length]}"></i>${escapeHtml(s.name)}</span>`).join('')}</div>` : '';
  return `<figure><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(o.title)}">${parts.join('')}</svg>${legend}</figure>`;
}

function niceStep(raw: number, fractional: boolean): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * (fractional ? power : Math.max(power, 1));
}

/** Simulated time (ms) as a short label. */
export function formatTime(ms: number): string {
  const s = ms / 1000;
  if (s < 120) return `${Math.round(s)}s`;
  if (s < 7200) return `${Math.round(s / 60)}min`;
  if (s < 172_800) return `${(s / 3600).toFixed(s < 36_000 ? 1 : 0)}h`;
  return `${(s / 86_400).toFixed(1)}d`;
}
