/**
 * The report pages in a real browser (Debian's chromium, driven by playwright-core): each kind
 * of page (a run report of an example and of studies, a game's sweep page) opens from file://,
 * every chart renders with data points, no console error is raised, and every "data" link
 * resolves (a file beside the page, or a CSV download made from the chart's data).
 * Without /usr/bin/chromium the suite is skipped, except under CI (.ci/run installs it).
 */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { findGame, gameParams, readGameDoc, seedsOf } from '../games/index.js';
import { sweepGame } from '../sweep/gameSweep.js';
import { sweepHtml } from '../games/sweepChart.js';
import { loadScenario, runScenario } from '../scenario/index.js';
import { summarize, writeReports } from './index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`browser tests: ${CHROMIUM} is missing (.ci/run installs Debian's chromium)`);
const describeBrowser = available ? describe : describe.skip;

interface Rendered {
  errors: string[];
  charts: { id: string; expected: number; series: number; drawn: number; canvas: boolean }[];
  links: { href: string; inline: boolean; text: string }[];
}

/** Runs in the page (a string: the project's types have no DOM): what each chart drew, and each data link's target. */
const PROBE = `(async () => {
  const charts = window.PCNSIM_CHARTS.map((c) => {
    const series = c.chart.getOption().series;
    return {
      id: c.id,
      expected: c.points,
      series: series.length,
      drawn: series.reduce((n, s) => n + (s.data ? s.data.length : 0) + (s.markLine && s.markLine.data ? s.markLine.data.length : 0), 0),
      canvas: c.chart.getDom().querySelector('canvas') !== null,
    };
  });
  const links = await Promise.all([...document.querySelectorAll('a.data')].map(async (a) => ({
    href: a.getAttribute('href') || '',
    inline: a.hasAttribute('data-inline'),
    text: a.hasAttribute('data-inline') ? await (await fetch(a.href)).text() : '',
  })));
  return { charts, links };
})()`;

async function open(browser: Browser, file: string): Promise<Rendered> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => void errors.push(e.message));
  page.on('request', (r) => void (!/^(file|blob|data):/.test(r.url()) && errors.push(`network request: ${r.url()}`)));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForFunction("window.PCNSIM_CHARTS && window.PCNSIM_CHARTS.length === document.querySelectorAll('figure.chart').length");
  const result = (await page.evaluate(PROBE)) as Omit<Rendered, 'errors'>;
  await page.close();
  return { errors, ...result };
}

function expectRendered(r: Rendered, file: string): void {
  expect(r.errors).toEqual([]);
  expect(r.charts.length).toBeGreaterThan(0);
  for (const c of r.charts) {
    expect(c.canvas).toBe(true);
    expect(c.series).toBeGreaterThan(0);
    expect(c.drawn).toBeGreaterThanOrEqual(Math.min(1, c.expected));
  }
  expect(r.links.length).toBe(r.charts.length);
  for (const link of r.links) {
    if (link.inline) expect(link.text.split('\n')[0]).toMatch(/,/);
    else {
      const target = join(dirname(file), link.href);
      expect(existsSync(target)).toBe(true);
      expect(statSync(target).size).toBeGreaterThan(0);
      expect(readFileSync(target, 'utf8').split('\n')[0]).toMatch(/,/);
    }
  }
}

describeBrowser('report pages in headless Chromium', () => {
  let browser: Browser;
  const out = mkdtempSync(join(tmpdir(), 'pcnsim-browser-'));

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] });
  }, 60_000);
  afterAll(async () => browser?.close());

  it.each(['scenarios/examples/one-channel-cheat.yaml', 'scenarios/examples/four-hop-fees.yaml', 'scenarios/studies/hub-failure.yaml', 'scenarios/studies/liquidity-drain.yaml'])(
    '%s: every chart renders with data, no console error, data links resolve',
    async (scenarioFile) => {
      const run = runScenario(loadScenario(join(root, scenarioFile)));
      const dir = writeReports(out, run, summarize(run));
      const file = join(dir, 'report.html');
      const r = await open(browser, file);
      expectRendered(r, file);
      // Charts with a story to tell show it: payments over time and the network have points.
      const byId = Object.fromEntries(r.charts.map((c) => [c.id, c]));
      expect(byId.throughput!.expected).toBeGreaterThan(0);
      expect(byId.network!.drawn).toBeGreaterThan(1);
    },
    60_000,
  );

  it.each([
    ['scenarios/examples/atomic-swap.yaml', ['chains', 'swap-timeline']],
    ['scenarios/examples/virtual-channel.yaml', ['chains', 'virtual-gamma']],
    ['scenarios/examples/lightning-swap-wrong-order.yaml', ['chains', 'lightning-timeline']],
  ])('%s: the chains’ and its own charts render with every point, no console error', async (scenarioFile, ids) => {
    const run = runScenario(loadScenario(join(root, scenarioFile)));
    const file = join(writeReports(out, run, summarize(run)), 'report.html');
    const r = await open(browser, file);
    expectRendered(r, file);
    for (const id of ids) {
      const c = r.charts.find((x) => x.id === id)!;
      expect(c.drawn).toBeGreaterThanOrEqual(c.expected);
    }
  }, 60_000);

  it('a game sweep page renders its band, lines and crossings, and its data link downloads the table', async () => {
    const game = findGame('breach')!;
    const doc = readGameDoc(root, game);
    const params = gameParams(game, doc);
    const s = await sweepGame(root, game, doc, params, 'online', [0.5, 0.75, 1], seedsOf(3));
    const file = join(out, 'sweep.html');
    writeFileSync(file, sweepHtml(game, s, 3, game.explain(params)));
    const r = await open(browser, file);
    expectRendered(r, file);
    expect(r.links[0]!.text.split('\n')[0]).toBe('online,runs,seeds,simulated_mean,ci_low,ci_high,simulated_min,simulated_max,predicted');
    expect(r.links[0]!.text.trim().split('\n')).toHaveLength(4);
  }, 60_000);
});
