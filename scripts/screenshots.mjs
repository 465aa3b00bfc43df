#!/usr/bin/env node
// Screenshots of report pages for a person to look at: renders each report.html (or any page)
// in headless Chromium and saves a full-page PNG beside it, or into --out DIR.
//   node scripts/screenshots.mjs reports/hub-failure/report.html … [--out DIR] [--width 1100] [--figure ID]
// Needs Debian's chromium (.ci/run installs it); `npm run screenshots` runs the bundled studies first.
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return value;
};
const outDir = flag('--out', undefined);
const width = Number(flag('--width', '1100'));
// --figure ID: only that chart (e.g. liquidity), not the whole page.
const only = flag('--figure', undefined);
if (args.length === 0) {
  console.error('usage: screenshots.mjs PAGE.html… [--out DIR] [--width PX]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  for (const file of args) {
    const errors = [];
    page.removeAllListeners('console');
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
    await page.waitForFunction(() => window.PCNSIM_CHARTS !== undefined && document.readyState === 'complete');
    await page.waitForTimeout(300);
    const name = `${basename(dirname(resolve(file)))}-${basename(file, '.html')}.png`;
    const png = outDir ? join(outDir, name) : join(dirname(resolve(file)), `${basename(file, '.html')}.png`);
    if (outDir) mkdirSync(outDir, { recursive: true });
    if (only) await page.locator(`figure#${only}`).screenshot({ path: png });
    else await page.screenshot({ path: png, fullPage: true });
    console.log(`${png}${errors.length ? `  (console errors: ${errors.join('; ')})` : ''}`);
  }
} finally {
  await browser.close();
}
