// The Payments page and the Overview in the real UI against the embedded sandbox: select
// several payments (keyboard and mouse), read the funds preview, push them with progress,
// keep a refusal on its row, and after the nightly runs read "Paid x/y" on the rows and the
// PI counts on the Overview. Screenshots of both screens at 1366×768 and 1920×1080.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { App } from '../../main/app';
import { tempDir } from '../support/tmp';
import {
  openConsolePage,
  openScreen,
  treasuryHoursLater,
  runAll,
  type ConsolePage,
  importCsv,
} from './support/console-page';

const dir = tempDir('jit-payments-');
const SHOTS = process.env.SHOTS_DIR ?? path.join(os.tmpdir(), 'jit-shots');
let app: App;
let world: ConsolePage | undefined;
let page: Page;

const HEAD = 'od.angul,2217-05-191-2634-01-00-00-00';
const CSV = [
  'payment_number,tenant_id,hoa,purpose,benef_id,name,account_no,ifsc,mobile,address,amount,account_type,beneficiary_type',
  `EP/2023-24/000801,${HEAD},Wages WO/2023/30,IND-000801,Kuni Majhi,30012345801,SBIN0003491,9876500081,"Ward 2, Angul",1500.50,SAVINGS,IND`,
  `EP/2023-24/000801,${HEAD},Wages WO/2023/30,IND-000802,Bhagaban Sethi,30012345899,SBIN0003491,9876500082,"Ward 2, Angul",800,SAVINGS,IND`,
  `EP/2023-24/000801,${HEAD},Wages WO/2023/30,IND-000803,Sabitri Behera,30012345803,UTIB0000123,9876500083,"Ward 4, Angul",650,SAVINGS,IND`,
  `EP/2023-24/000802,${HEAD},Wages WO/2023/31,IND-000804,Prakash Nayak,30012345804,SBIN0003491,9876500084,"Ward 1, Angul",2200,SAVINGS,IND`,
  `EP/2023-24/000802,${HEAD},Wages WO/2023/31,IND-000805,Gitanjali Mohanty,30012345805,SBIN0003491,9876500085,"Ward 1, Angul",975.25,SAVINGS,IND`,
  `EP/2023-24/000803,${HEAD},Community hall WO/2023/32,ORG-000806,Maa Tarini Constructions,501000123806,HDFC0001234,9437000086,"Station Road, Angul",4500000,CURRENT,ORG`,
].join('\n');

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  ({ app, page } = world = await openConsolePage(dir));
});

afterAll(() => world?.close());

const open = (screen: string) => openScreen(page, screen);

/** The screen at both office sizes; the page is left at 1366×768. */
async function shots(name: string) {
  for (const [w, h] of [
    [1920, 1080],
    [1366, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${w}.png`) });
    // Nothing cut: no header or cell wider than its box, no table wider than its frame.
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.table th, .table td, .table-wrap')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.tagName} ${el.textContent?.slice(0, 40)}`),
    );
    expect(cut, `${name} at ${w}×${h}`).toEqual([]);
  }
}

const rowOf = (number: string) => page.getByRole('row').filter({ hasText: number });

describe('payments page and overview', () => {
  it(
    'selects several payments, previews the funds, pushes them, and reads Paid x/y and the counts after a run',
    { timeout: 240_000 },
    async () => {
      await open('Overview');
      await page.getByText('No payment instructions yet.').waitFor();

      await open('Jobs');
      await page.getByRole('button', { name: 'Run VA now' }).click();
      await expect
        .poll(async () => page.locator('.topbar-job').count(), { timeout: 30_000 })
        .toBe(0);

      await open('Payments');
      await importCsv(page, dir, CSV);
      await rowOf('EP/2023-24/000803').waitFor({ timeout: 20_000 });

      // Keyboard for one, mouse for the others.
      await page.getByLabel('Select EP/2023-24/000801').focus();
      await page.keyboard.press('Space');
      expect(await page.getByLabel('Select EP/2023-24/000801').isChecked()).toBe(true);
      await page.getByLabel('Select EP/2023-24/000802').check();
      await page.getByLabel('Select EP/2023-24/000803').check();
      await page.getByText('3 selected').waitFor();

      await page.getByRole('button', { name: 'Push selected…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Push 3 payments' });
      const heads = dialog.getByRole('table', { name: 'Funds per head of account' });
      await heads.waitFor();
      // 1500.50 + 800 + 650 + 2200 + 975.25 = 6,125.75 taken; the ₹45 lakh bill is refused.
      expect(await heads.textContent()).toMatch(/₹6,125\.75/);
      const planned = dialog.getByRole('table', { name: 'Payments to push' });
      expect(
        await planned.getByRole('row').filter({ hasText: 'EP/2023-24/000803' }).textContent(),
      ).toMatch(
        /Would be refused: Not enough funds for payment EP\/2023-24\/000803: it needs ₹45,00,000\.00/,
      );
      expect(await dialog.textContent()).toMatch(/1 would be refused/);
      await shots('payments-2-preview');

      await dialog.getByRole('button', { name: 'Push 3 (1 will be refused)' }).click();
      await dialog.getByText(/^Done: 2 sent, 1 refused or failed\./).waitFor({ timeout: 60_000 });
      expect(await dialog.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
      await dialog.getByRole('button', { name: 'Done', exact: true }).click();

      // The refusal stays on its row after the dialog and any toast are gone, and after a reload.
      await page.reload();
      await rowOf('EP/2023-24/000803').waitFor();
      expect(await rowOf('EP/2023-24/000803').textContent()).toMatch(
        /Push refused.*it needs ₹45,00,000\.00/,
      );
      expect(await rowOf('EP/2023-24/000801').textContent()).toMatch(/Initiated/);

      await treasuryHoursLater(app, 8);
      await expect
        .poll(
          async () => {
            await runAll(page);
            await open('Payments');
            await rowOf('EP/2023-24/000801').waitFor();
            return [
              await rowOf('EP/2023-24/000801').textContent(),
              await rowOf('EP/2023-24/000802').textContent(),
            ].join(' | ');
          },
          { timeout: 150_000 },
        )
        .toMatch(/Paid 2\/3, 1 failed.*\|.*Paid 2\/2/);
      await shots('payments-1-list');

      await open('Overview');
      const counts = page.getByRole('table', { name: 'Payment instructions by status' });
      await counts.waitFor();
      const completed = await counts
        .getByRole('row')
        .filter({ hasText: 'Completed' })
        .textContent();
      expect(completed).toMatch(/^Completed20$/);
      expect(await page.getByRole('region', { name: 'Open failures' }).textContent()).toMatch(
        /^Open failures1beneficiaries · ₹800\.00 on 1 PI/,
      );
      expect(
        await page.getByRole('table', { name: 'Funds per head of account' }).textContent(),
      ).toMatch(/2217-05-191-2634-01-00-00-00/);
      expect(
        await page
          .getByRole('table', { name: 'Last run per service' })
          .getByRole('row')
          .filter({ hasText: 'PD' })
          .first()
          .textContent(),
      ).toMatch(/Done/);
      await shots('overview');
    },
  );
});
