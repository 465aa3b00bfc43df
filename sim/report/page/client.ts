/**
 * The script inside every chart page: it reads each chart's option (JSON beside its <div>),
 * turns formatter names ("fmt:duration") into functions, renders it with ECharts, keeps the
 * simulated-time axis on round durations as the reader zooms, and makes the "data" links of
 * charts without a file download the chart's own data as CSV.
 *
 * groupDigits and formatDuration are the same functions the console and report.md use
 * (format.ts): their source text is shipped into the page.
 */
import { formatDuration, groupDigits } from '../format.js';

const SCRIPT = String.raw`
var DURATION_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5,
  36e5, 72e5, 108e5, 216e5, 432e5, 864e5, 1728e5, 6048e5, 12096e5, 2592e6, 7776e6, 31536e6];
function durationStep(span) {
  for (var i = 0; i < DURATION_STEPS.length; i++) if (span / DURATION_STEPS[i] <= 8) return DURATION_STEPS[i];
  return Math.ceil(span / 8 / 864e5) * 864e5;
}
/** Round a plain number for a label: grouped digits, at most 3 significant decimals. */
function num(v) {
  if (typeof v !== 'number' || !isFinite(v)) return String(v);
  var a = Math.abs(v);
  var text = a >= 1000 || Number.isInteger(v) ? String(Math.round(v)) : String(Number(v.toPrecision(3)));
  return groupDigits(text);
}
var BLOCKS = [];
/** The chain height at simulated time t (ms): the last block mined at or before t. */
function heightAt(t) {
  var lo = 0, hi = BLOCKS.length;
  while (lo < hi) { var mid = (lo + hi) >> 1; if (BLOCKS[mid][0] <= t) lo = mid + 1; else hi = mid; }
  return lo === 0 ? (BLOCKS.length ? BLOCKS[0][1] - 1 : 0) : BLOCKS[lo - 1][1];
}
var FORMATS = {
  duration: function (v) { return formatDuration(v); },
  height: function (v) { return '#' + groupDigits(String(heightAt(v))); },
  number: num,
  percent: function (v) { return num(v * 100) + '%'; },
  plain: function (v) { return String(Number(Number(v).toPrecision(4))); },
  log10: function (v) { return num(Math.pow(10, v)); },
};
function formatter(name) {
  var parts = name.split(':');
  var base = FORMATS[parts[0]] || num;
  var unit = parts[1] ? ' ' + parts[1] : '';
  return function (v) {
    var value = v !== null && typeof v === 'object' ? v.value : v;
    if (Array.isArray(value)) value = value[value.length - 1];
    return value === undefined || value === null ? '' : base(value) + unit;
  };
}
/** A tooltip listing every series at the pointer: "tip:XFORMAT|YFORMAT". */
function tooltip(formats) {
  var fx = formatter(formats.split('|')[0]);
  var fy = formatter(formats.split('|')[1] || 'number');
  return function (params) {
    var list = Array.isArray(params) ? params : [params];
    if (!list.length) return '';
    var head = list[0].axisValue !== undefined ? fx(list[0].axisValue) : fx(list[0].value[0]);
    return head + list.filter(function (p) { return p.seriesName.indexOf('​') !== 0; }).map(function (p) {
      return '<br>' + p.marker + p.seriesName + ': <b>' + fy(p.value) + '</b>';
    }).join('');
  };
}
/** Replaces every "fmt:NAME" string of an option by the formatter it names. */
function resolve(node) {
  if (Array.isArray(node)) return node.map(resolve);
  if (node && typeof node === 'object') {
    var out = {};
    for (var k in node) out[k] = resolve(node[k]);
    return out;
  }
  if (typeof node === 'string' && node.indexOf('tip:') === 0) return tooltip(node.slice(4));
  return typeof node === 'string' && node.indexOf('fmt:') === 0 ? formatter(node.slice(4)) : node;
}
/** Time axes (those whose labels are durations) get ticks at round durations of the visible span. */
function roundTicks(chart, spec) {
  if (!spec.timeAxis) return;
  var update = function () {
    var axis = chart.getModel().getComponent('xAxis', 0).axis;
    var ext = axis.scale.getExtent();
    var step = durationStep(ext[1] - ext[0]);
    var axes = chart.getOption().xAxis.map(function () { return { interval: step }; });
    chart.setOption({ xAxis: axes });
  };
  update();
  chart.on('datazoom', update);
}
function csvOf(rows) {
  return rows.map(function (r) { return r.map(function (c) { var s = c === null || c === undefined ? '' : String(c); return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }).join(','); }).join('\n') + '\n';
}
window.PCNSIM_CHARTS = [];
window.addEventListener('DOMContentLoaded', function () {
  var blocks = document.getElementById('pcnsim-blocks');
  if (blocks) BLOCKS = JSON.parse(blocks.textContent);
  document.querySelectorAll('figure.chart').forEach(function (fig) {
    var spec = JSON.parse(fig.querySelector('script[type="application/json"]').textContent);
    var el = fig.querySelector('.plot');
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    var option = resolve(spec.option);
    // Helper series (a band's base) are named with a leading zero-width space: not in the legend.
    if (option.legend && !option.legend.data) option.legend.data = option.series.map(function (x) { return x.name; }).filter(function (n) { return n && n.indexOf('\u200b') !== 0; });
    chart.setOption(option);
    roundTicks(chart, spec);
    window.PCNSIM_CHARTS.push({ id: spec.id, chart: chart, points: spec.points });
    var link = fig.querySelector('a.data[data-inline]');
    if (link && spec.csv) {
      link.href = URL.createObjectURL(new Blob([csvOf(spec.csv)], { type: 'text/csv' }));
    }
  });
  window.addEventListener('resize', function () { window.PCNSIM_CHARTS.forEach(function (c) { c.chart.resize(); }); });
});
`;

/** The page script: the shared number formats, then the renderer. */
export function clientScript(): string {
  return [groupDigits, formatDuration].map((f) => f.toString()).join('\n') + SCRIPT;
}
