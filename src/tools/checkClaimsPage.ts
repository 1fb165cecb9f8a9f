/**
 * `npm run check:page` (the last step of `npm test`): opens reports/claims.html from file:// in
 * headless Chromium (Debian's /usr/bin/chromium or CHROMIUM_PATH, driven by playwright-core)
 * and checks what a reader needs is on the page: the header with the backend, one section per
 * claim in reports/claims.json, and every plot drawn with a size. Saves the page as
 * reports/screenshot-claims.png (the README's picture).
 *
 * Without a Chromium it says so and exits 0, so `npm test` works on a machine without one;
 * INITSPEC_REQUIRE_BROWSER=1 (set by .ci/run, which installs Chromium) makes that a failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { ClaimsReport } from '../report/claimsTable.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGE = path.resolve('reports', 'claims.html');
// The probe's flags: without the background-networking ones Chromium keeps dialling a closed network.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function fail(message: string): never {
  console.error(`check:page: ${message}`);
  process.exit(1);
}

if (!existsSync(PAGE)) fail(`no ${PAGE}: run the suite first (npm test writes it)`);
if (!existsSync(CHROMIUM)) {
  const message = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH): reports/claims.html was not opened`;
  if (process.env.INITSPEC_REQUIRE_BROWSER === '1') fail(message);
  console.log(`check:page: skipped — ${message}`);
  process.exit(0);
}

const report = JSON.parse(readFileSync(path.resolve('reports', 'claims.json'), 'utf8')) as ClaimsReport;
const claims = report.claims.filter((c) => c.role === 'claim');
const expectedPlots = claims.flatMap((c) => (c.plots ?? []).map((p) => path.basename(p)));

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
  });
  await page.goto(pathToFileURL(PAGE).href, { waitUntil: 'load' });
  const header = (await page.locator('header').innerText()).replace(/\s+/g, ' ');
  if (!header.includes(`backend: ${report.backend.split(' ')[0]}`)) fail(`the header does not name the backend: "${header}"`);
  const sections = await page.locator('section[data-claim]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-claim')));
  const missing = claims.map((c) => c.id).filter((id) => !sections.includes(id));
  if (missing.length > 0 || sections.length !== claims.length)
    fail(`${sections.length} claim sections on the page, ${claims.length} claims in claims.json; missing: ${missing.join(', ') || 'none'}`);
  const drawn = await page.locator('figure[data-plot] svg').evaluateAll((nodes) =>
    nodes.map(
      (n) =>
        ({ name: n.parentElement?.getAttribute('data-plot'), ...n.getBoundingClientRect().toJSON() }) as {
          name: string;
          width: number;
          height: number;
        },
    ),
  );
  const undrawn = expectedPlots.filter((name) => !drawn.some((d) => d.name === name && d.width > 50 && d.height > 50));
  if (undrawn.length > 0) fail(`${undrawn.length} of ${expectedPlots.length} plots are not drawn: ${undrawn.slice(0, 5).join(', ')}`);
  if (requests.length > 0) fail(`the page fetched from the network: ${requests.slice(0, 3).join(', ')}`);
  await page.screenshot({ path: path.resolve('reports', 'screenshot-claims.png') });
  console.log(
    `check:page: reports/claims.html opens from file:// with ${sections.length} claims and ${drawn.length} plots drawn; screenshot reports/screenshot-claims.png`,
  );
} finally {
  await browser.close();
}
