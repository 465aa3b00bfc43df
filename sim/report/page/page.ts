/**
 * A self-contained chart page: ECharts (inlined from the npm package, so the page opens from
 * file:// with no network), the page script, and one <figure> per chart with its option as JSON
 * and a "data" link (a CSV file beside the page, or the chart's own data as a CSV download).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { clientScript } from './client.js';

/** ECharts' prebuilt "common" bundle: line, bar, scatter and pie charts with every component. */
let echartsSource: string | undefined;
function echarts(): string {
  echartsSource ??= readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.common.min.js'), 'utf8');
  return echartsSource;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  /** One line under the title: what is drawn and how to read it. */
  readonly caption?: string;
  /** The ECharts option; strings "fmt:NAME[:unit]" become formatters in the page. */
  readonly option: Record<string, unknown>;
  /** A file beside the page holding the chart's data, or else `csv`: rows offered as a download. */
  readonly dataHref?: string;
  readonly csv?: readonly (readonly (string | number)[])[];
  /** The x axis is simulated time in ms (ticks at round durations). */
  readonly timeAxis?: boolean;
  /** Data points drawn (browser tests check that the chart shows them). */
  readonly points: number;
  readonly height?: number;
}

export function figure(spec: ChartSpec): string {
  const { option, csv, ...meta } = spec;
  const link = spec.dataHref
    ? `<a class="data" href="${escapeHtml(spec.dataHref)}">data (${escapeHtml(spec.dataHref)})</a>`
    : `<a class="data" data-inline download="${escapeHtml(spec.id)}.csv" href="#">data (CSV)</a>`;
  return `<figure class="chart" id="${escapeHtml(spec.id)}">
<figcaption><b>${escapeHtml(spec.title)}</b>${spec.caption ? ` — ${escapeHtml(spec.caption)}` : ''} ${link}</figcaption>
<div class="plot" style="height:${spec.height ?? 320}px"></div>
<script type="application/json">${scriptJson({ ...meta, option, ...(csv ? { csv } : {}) })}</script>
</figure>`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:2px}h3{font-size:15px;margin:18px 0 6px}
p.desc{color:#555;margin:0 0 16px}.note{color:#666;font-size:13px}
table{border-collapse:collapse;margin:8px 0}td,th{border-bottom:1px solid #e4e4e4;padding:3px 10px;text-align:left;vertical-align:top}
th{font-weight:600;background:#fafafa}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
figure.chart{margin:16px 0;border:1px solid #eee;border-radius:4px;padding:8px 8px 0}
figcaption{font-size:13px;color:#444}figcaption a.data{float:right;font-size:12px}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:0 16px}@media(max-width:800px){.grid2{grid-template-columns:1fr}}
.scroll{max-height:420px;overflow:auto}.wide{overflow-x:auto}`;

export interface PageOptions {
  readonly title: string;
  /** The page's HTML body, with figure() output where the charts go. */
  readonly body: string;
  /** [time ms, height] of blocks, for block-height axes. */
  readonly blocks?: readonly (readonly [number, number])[];
}

export function htmlPage(o: PageOptions): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(o.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style>
<script>${echarts()}</script>
<script>${clientScript()}</script>
${o.blocks ? `<script type="application/json" id="pcnsim-blocks">${scriptJson(o.blocks)}</script>` : ''}
</head><body>
${o.body}
</body></html>
`;
}

/** An HTML table; cells of columns listed in `numeric` are right-aligned. */
export function htmlTable(header: readonly string[], rows: readonly (readonly string[])[], numeric: ReadonlySet<number> = new Set()): string {
  const cls = (i: number): string => (numeric.has(i) ? ' class="n"' : '');
  return `<div class="wide"><table><tr>${header.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('')}</tr>
${rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')}</table></div>`;
}
