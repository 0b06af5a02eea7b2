// Screenshots of every screen with realistic data, for looking at the UI without the test run:
//   npm run build:renderer && npx tsx test/e2e/screenshots.ts   → screenshots/*.png
// (test/e2e/screens.e2e.test.ts saves the same pictures and checks that no cell is cut.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openApp } from '../../main/app';
import { startWebHost } from '../../main/web/server';
import { noTreasury, CHROMIUM_ARGS, CHROMIUM_PATH } from './support/host';
import { detailScreens, findOverflows, navScreens, settle, VIEWPORTS } from './support/screens';
import { seedDemo, seedDemoFunds } from './support/seed';

const OUT = path.resolve(process.env.SHOTS_DIR ?? 'screenshots');
const NOW = Date.UTC(2023, 9, 21, 16, 0);

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jit-shots-'));
  const app = await openApp({
    dbPath: path.join(dir, 'ledger.db'),
    treasury: noTreasury(),
    treasuryInfo: { kind: 'sandbox', baseUrl: 'http://127.0.0.1:7443/webservices/jitfs/v1.0' },
    now: () => NOW,
  });
  const ids = await seedDemo(app, NOW);
  await seedDemoFunds(app, NOW);
  const host = await startWebHost(app, { port: 0, staticDir: path.resolve('dist/renderer') });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: VIEWPORTS[0] });
    page.on('console', (m) => m.type() === 'error' && console.error('[page]', m.text()));
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    await page.goto(host.url);
    const base = host.url.replace(/\/\?token=.*$/, '/');
    const sizes = [...VIEWPORTS, { width: 1024, height: 700 }];
    for (const vp of sizes) {
      await page.setViewportSize(vp);
      for (const screen of [...(await navScreens(page)), ...detailScreens(ids)]) {
        await page.goto(`${base}${screen.hash}`);
        await settle(page);
        if (screen.then) {
          await screen.then(page);
          await settle(page);
        }
        const name = `${vp.width}x${vp.height}-${screen.name}.png`;
        await page.screenshot({ path: path.join(OUT, name) });
        const cut = await findOverflows(page);
        console.log(
          name,
          [...new Set(cut.map((c) => `${c.cell} (${c.text.slice(0, 24)})`))]
            .slice(0, 12)
            .join('\n   '),
        );
      }
    }
  } finally {
    await browser.close();
    await host.close();
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
