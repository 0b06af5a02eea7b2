// A finance user's day in the real UI, against the embedded sandbox treasury: bring in the
// allotments, import approved bills, push one, let the treasury move, run the jobs, and read
// the outcome on the PI page. Chromium drives the built renderer through the browser host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { App } from '../../main/app';
import { tempDir } from '../support/tmp';
import {
  openConsolePage,
  openScreen,
  runAll,
  treasuryHoursLater,
  type ConsolePage,
  bringAllotments,
} from './support/console-page';

const dir = tempDir('jit-flow-');
const SHOTS = process.env.SHOTS_DIR;
let world: ConsolePage | undefined;
let app: App;
let page: Page;

beforeAll(async () => {
  // The demo as shipped: its random returns and hold-backs never touch this bill's accounts.
  ({ app, page } = world = await openConsolePage(dir, {
    scenario: 'demo',
    viewport: { width: 1440, height: 900 },
  }));
});

afterAll(async () => {
  await world?.close();
});

async function shot(name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe('a day at the console', () => {
  it(
    'allotments in, bills imported and pushed, the nightly services run, the PI completes',
    { timeout: 120_000 },
    async () => {
      if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
      await bringAllotments(page);
      await shot('flow-1-funds');

      await openScreen(page, 'Payments');
      await page
        .getByLabel('Import file')
        .setInputFiles(path.resolve(__dirname, '../fixtures/payments-good.csv'));
      const row = page.getByRole('row').filter({ hasText: 'EP/2023-24/000461' });
      await row.waitFor({ timeout: 20_000 });
      await row.getByRole('button', { name: 'Push' }).click();
      await expect.poll(async () => row.textContent(), { timeout: 20_000 }).toMatch(/Initiated/);
      await shot('flow-2-pushed');

      await treasuryHoursLater(app, 8);
      await runAll(page);
      await openScreen(page, 'Payment Instructions');
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
