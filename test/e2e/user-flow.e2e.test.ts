// A finance user's day in the real UI, against the embedded sandbox treasury: bring in the
// allotments, import approved bills, push one, let the treasury move, run the jobs, and read
// the outcome on the PI page. Chromium drives the built renderer through the browser host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openConsole } from '../../main/console';
import { startWebHost } from '../../main/web/server';
import type { App } from '../../main/app';
import { tempDir } from '../support/tmp';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/host';

const dir = tempDir('jit-flow-');
const SHOTS = process.env.SHOTS_DIR;
let app: App;
let host: Awaited<ReturnType<typeof startWebHost>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await openConsole([], { JIT_CONSOLE_DB: path.join(dir, 'ledger.db') });
  host = await startWebHost(app, {
    port: 0,
    staticDir: path.resolve(__dirname, '../../dist/renderer'),
  });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(host.url);
  await page.getByRole('heading', { name: 'Payment Instructions' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await app?.close();
});

/** Move around as a user does: by the sidebar. */
async function open(screen: 'Payment Instructions' | 'Payments' | 'Funds' | 'Jobs') {
  await page.getByRole('navigation').getByRole('link', { name: screen, exact: true }).click();
  await page.getByRole('heading', { name: screen, exact: true }).waitFor();
}

async function shot(name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Move the embedded sandbox's clock, as time passing at the treasury. */
async function treasuryHoursLater(hours: number) {
  const { treasury } = await app.info();
  const origin = new URL(treasury.baseUrl).origin;
  const res = await fetch(`${origin}/sandbox/advance?ms=${hours * 3_600_000}`, { method: 'POST' });
  expect(res.ok).toBe(true);
}

describe('a day at the console', () => {
  it(
    'allotments in, bills imported and pushed, the nightly services run, the PI completes',
    { timeout: 120_000 },
    async () => {
      if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
      await open('Jobs');
      await page.getByRole('button', { name: 'Run VA now' }).click();
      await open('Funds');
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.getByText('MAD-1013-01').count();
          },
          { timeout: 20_000 },
        )
        .toBeGreaterThan(0);
      await shot('flow-1-funds');

      await open('Payments');
      await page
        .getByLabel('Import file')
        .setInputFiles(path.resolve(__dirname, '../fixtures/payments-good.csv'));
      const row = page.getByRole('row').filter({ hasText: 'EP/2023-24/000461' });
      await row.waitFor({ timeout: 20_000 });
      await row.getByRole('button', { name: 'Push' }).click();
      await expect.poll(async () => row.textContent(), { timeout: 20_000 }).toMatch(/Initiated/);
      await shot('flow-2-pushed');

      await treasuryHoursLater(8);
      await open('Jobs');
      await page.getByRole('button', { name: 'Run all now' }).click();
      await open('Payment Instructions');
      const pi = page
        .getByRole('row')
        .filter({ hasText: /PI-1013\/\d{4}-\d{2}\/\d{6}/ })
        .first();
      await expect.poll(async () => pi.textContent(), { timeout: 60_000 }).toMatch(/Completed/);
      await shot('flow-3-list');

      await pi.click();
      await page.keyboard.press('Enter');
      await page.getByText('Beneficiaries', { exact: true }).first().waitFor();
      const body = await page.textContent('body');
      expect(body).toMatch(/On call of PD API: Response is received and updated successfully/);
      expect(body).toMatch(/On call of PAG API: Response is received and updated successfully/);
      expect(body).toMatch(/Sabitri Behera/);
      expect(body).toMatch(/Payment Successful/);
      await shot('flow-4-detail');

      const sms = await app.ledger.read.get<{ n: number }>(
        `SELECT count(*) AS n FROM sms_outbox WHERE event = 'PD'`,
      );
      expect(sms!.n).toBe(2);
      expect((await app.handlers['check.run']({})).breaches).toEqual([]);
    },
  );
});
