/**
 * `npm run screenshot`: serves the last HTML report (vite preview), opens it in headless
 * Chromium (Debian's /usr/bin/chromium, driven by playwright-core), opens one chain claim and
 * saves what a reader sees to reports/screenshot-*.png. Also the check that the report shows
 * a claim's annotations and plot: it fails if they are not on the page.
 */
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const PORT = 4174;
const CLAIM = process.argv[2] ?? 'C4';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const server = spawn('npx', ['vite', 'preview', '--outDir', 'reports', '--port', String(PORT), '--strictPort'], {
  stdio: 'ignore',
  detached: true,
});
const stop = () => {
  try {
    process.kill(-(server.pid as number));
  } catch {
    // already gone
  }
};
try {
  await waitForServer(`http://localhost:${PORT}/`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  await page.goto(`http://localhost:${PORT}/`);
  await page.getByText(`${CLAIM} · `, { exact: false }).first().waitFor({ timeout: 20_000 });
  await page.screenshot({ path: 'reports/screenshot-dashboard.png' });
  // Open the claim's "holds" test: the first "holds" row below the claim's row in the tree.
  const claimRow = await page.getByText(`${CLAIM} · `, { exact: false }).first().boundingBox();
  const holdsRows = await Promise.all((await page.getByText('holds', { exact: true }).all()).map((row) => row.boundingBox()));
  const target = holdsRows.filter((box) => box && claimRow && box.y > claimRow.y).sort((a, b) => (a?.y ?? 0) - (b?.y ?? 0))[0];
  if (!target) throw new Error(`no "holds" test under ${CLAIM} in the report tree`);
  await page.mouse.click(target.x + target.width / 2, target.y + target.height / 2);
  await page.getByText(`${CLAIM}: holds`, { exact: false }).first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(1000);
  await page.screenshot({ path: 'reports/screenshot-claim.png' });
  const svgCount = await page.locator('img[src*="svg"], svg image, img').count();
  console.log(
    `report shows ${CLAIM}'s annotations; ${svgCount} image element(s) on the page; saved reports/screenshot-dashboard.png and reports/screenshot-claim.png`,
  );
  await browser.close();
} finally {
  stop();
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the report server did not start at ${url}`);
}
