// Screenshots of every screen with realistic data, for looking at the UI:
//   npm run build:renderer && npx tsx test/e2e/screenshots.ts   → /tmp/shots/*.png
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openApp } from '../../main/app';
import { startWebHost } from '../../main/web/server';
import { applyAllotments, type VaRow } from '../../main/core/funds/allotments';
import { noTreasury, CHROMIUM_ARGS, CHROMIUM_PATH } from './support/host';
import { seedDemo } from './support/seed';

const OUT = process.env.SHOTS_DIR ?? '/tmp/shots';
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
  await seedFunds(app).catch((err) => console.warn('funds not seeded:', (err as Error).message));
  const host = await startWebHost(app, { port: 0, staticDir: path.resolve('dist/renderer') });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (m) => m.type() === 'error' && console.error('[page]', m.text()));
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    await page.goto(host.url);
    const base = host.url.replace(/\/\?token=.*$/, '/');
    const shot = async (name: string, hash: string, ready: string) => {
      await page.goto(`${base}${hash}`);
      await page.waitForSelector(ready);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(OUT, `${name}.png`) });
      console.log(`${name}.png`);
    };
    await shot('01-pi-list', '#/pis', '#pi-table [role=row][aria-rowindex]');
    await shot('02-pi-detail-completed', `#/pi/${ids.completed}`, '#benf-table tbody tr');
    await page.screenshot({ path: path.join(OUT, '02b-pi-detail-full.png'), fullPage: true });
    await page.locator('.main').evaluate((el) => el.scrollTo(0, 600));
    await page.screenshot({ path: path.join(OUT, '02c-pi-detail-scrolled.png') });
    await shot('03-pi-detail-declined', `#/pi/${ids.declined}`, '.call-list');
    await shot('04-pi-detail-revision', `#/pi/${ids.revision}`, '.call-list');
    await shot('05-calls', '#/calls', '.call-detail');
    await shot('06-calls-for-pi', `#/calls?piId=${ids.completed}`, '.call-detail');
    await shot('07-payments', '#/payments', '.page-header');
    await shot('08-funds', '#/funds', '.page-header');
    await shot('09-jobs', '#/jobs', '.page-header');
    await shot('10-sms', '#/sms', '[role=grid] [role=row][aria-rowindex]');
    await shot('11-pi-list-failed', '#/pis', '#pi-table');
    await page.getByRole('tab', { name: /Failed/ }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(OUT, '11-pi-list-failed.png') });
    await page.goto(`${base}#/pi/${ids.completed}`);
    await page.getByRole('button', { name: 'Generate Revised PI' }).click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(OUT, '12-revise-dialog.png') });

    await page.setViewportSize({ width: 1366, height: 768 });
    await shot('13-needs-action-1366', '#/worklist', '.page-header');
    await shot('14-pi-detail-1366', `#/pi/${ids.completed}`, '#benf-table tbody tr');
    await page.getByRole('button', { name: 'Generate Revised PI' }).click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(OUT, '15-revise-dialog-1366.png') });

    await page.setViewportSize({ width: 1024, height: 700 });
    await shot('20-narrow-pi-list', '#/pis', '#pi-table [role=row][aria-rowindex]');
    await shot('21-narrow-pi-detail', `#/pi/${ids.completed}`, '#benf-table tbody tr');
    await shot('22-narrow-calls', '#/calls', '.call-detail');
    await shot('23-narrow-jobs', '#/jobs', '.page-header');
  } finally {
    await browser.close();
    await host.close();
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Funds through the VA writer (still being built by its owner: best effort for the pictures).
async function seedFunds(app: Awaited<ReturnType<typeof openApp>>) {
  const head = {
    hoa: '2217-05-191-2634-01-00-00-00',
    tenantId: 'od.angul',
    ddoCode: 'DDO1013',
    granteeCode: 'GR1013',
    ssuIaId: 'SSU-ANGUL',
  };
  const row = (
    sl: number,
    type: string,
    rupees: number,
    dist: string,
    ssu: string,
    date: string,
  ): VaRow => ({
    ddoCode: 'DDO1013',
    schemeCode: 'MUKTA',
    schemeName: 'Mukhyamantri Karma Tatpara Abhiyan',
    allotmentDate: date,
    allotmentTxnSlNo: String(sl),
    allotmentAmount: rupees * 100,
    allotmentTxnType: type,
    mstAllotmentDistId: dist,
    ssuAllotmentId: ssu,
  });
  await app.ledger.write((tx) =>
    applyAllotments(
      tx,
      head,
      [
        row(1, 'Initial Allotment', 2_500_000, 'MAD-88421', 'SSUA-5512', '2023-04-12 11:20:00'),
        row(2, 'Additional allotment', 1_200_000, 'MAD-88421', 'SSUA-5512', '2023-07-03 16:05:00'),
        row(1, 'Initial Allotment', 800_000, 'MAD-88507', 'SSUA-5530', '2023-08-18 10:45:00'),
        row(3, 'Allotment withdrawal', 150_000, 'MAD-88421', 'SSUA-5512', '2023-09-29 12:00:00'),
        row(1, 'Additional allotment', 300_000, 'MAD-99999', 'SSUA-5601', '2023-10-10 09:30:00'),
      ],
      NOW,
    ),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
