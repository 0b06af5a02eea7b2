// Every screen at 1280×720 (the window's smallest size), 1366×768 (the most common office
// screen) and 1920×1080, in Chromium on the
// browser host: a screenshot of each into screenshots/ (git-ignored; SHOTS_DIR overrides),
// and no table cell or column header whose content is cut.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app';
import { startWebHost, type WebHost } from '../../main/web/server';
import { tempDir } from '../support/tmp';
import { CHROMIUM_ARGS, CHROMIUM_PATH, noTreasury } from './support/host';
import {
  detailScreens,
  findOverflows,
  navScreens,
  settle,
  VIEWPORTS,
  type Overflow,
  type Screen,
} from './support/screens';
import { seedDemo, seedDemoFunds, type DemoIds } from './support/seed';

const STATIC_DIR = path.resolve('dist/renderer');
const SHOTS_DIR = path.resolve(process.env.SHOTS_DIR ?? 'screenshots');
const NOW = Date.UTC(2023, 9, 21, 16, 0);

let app: App;
let host: WebHost;
let browser: Browser;
let page: Page;
let ids: DemoIds;
const pageErrors: string[] = [];
const dir = tempDir('jit-screens-');

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium).`);
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html')))
    throw new Error(`${STATIC_DIR}/index.html is missing: run \`npm run build:renderer\` first.`);
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  app = await openApp({
    dbPath: path.join(dir, 'ledger.db'),
    treasury: noTreasury(),
    treasuryInfo: { kind: 'sandbox', baseUrl: 'http://127.0.0.1:7443/webservices/jitfs/v1.0' },
    now: () => NOW,
  });
  ids = await seedDemo(app, NOW);
  await seedDemoFunds(app, NOW);
  host = await startWebHost(app, { port: 0, staticDir: STATIC_DIR });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: VIEWPORTS[0] });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await app?.close();
});

async function visit(screen: Screen): Promise<void> {
  const base = host.url.replace(/\/\?token=.*$/, '/');
  // A fresh load per screen: no dialog or scroll position carried over from the last one.
  await page.goto(`${base}${screen.hash}`);
  await settle(page);
  if (screen.then) {
    await screen.then(page);
    await settle(page);
  }
}

describe('every screen at office sizes', () => {
  it('finds the screens from the navigation', async () => {
    const screens = await navScreens(page);
    expect(screens.map((s) => s.hash)).toEqual(
      expect.arrayContaining(['#/pis', '#/payments', '#/funds', '#/calls', '#/sms']),
    );
  });

  for (const vp of VIEWPORTS) {
    it(`saves a screenshot of each at ${vp.width}×${vp.height} and no cell is cut`, async () => {
      await page.setViewportSize(vp);
      await page.goto(host.url);
      const screens = [...(await navScreens(page)), ...detailScreens(ids)];
      const cut: Record<string, Overflow[]> = {};
      for (const screen of screens) {
        await visit(screen);
        const file = path.join(SHOTS_DIR, `${vp.width}x${vp.height}-${screen.name}.png`);
        await page.screenshot({ path: file });
        const overflows = await findOverflows(page);
        if (overflows.length) cut[screen.name] = overflows;
      }
      expect(cut).toEqual({});
      expect(pageErrors).toEqual([]);
    });
  }
});
