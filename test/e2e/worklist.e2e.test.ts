// Needs action in the real UI against the embedded sandbox: a bank return shows up on the
// worklist, a revised PI with a corrected account is sent from the PI page, the treasury pays
// it, and the worklist is empty again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
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
  bringAllotments,
  importCsv,
} from './support/console-page';

const dir = tempDir('jit-worklist-');
const SHOTS = process.env.SHOTS_DIR;
let app: App;
let world: ConsolePage | undefined;
let page: Page;

const CSV = [
  'payment_number,tenant_id,hoa,purpose,benef_id,name,account_no,ifsc,mobile,address,amount,account_type,beneficiary_type',
  'EP/2023-24/000901,od.angul,2217-05-191-2634-01-00-00-00,Wages WO/2023/21,IND-000901,Kuni Majhi,30012345699,SBIN0003491,9876500011,"Ward 2, Angul",1500.50,SAVINGS,IND',
  'EP/2023-24/000901,od.angul,2217-05-191-2634-01-00-00-00,Wages WO/2023/21,IND-000902,Bhagaban Sethi,30012345610,SBIN0003491,9876500012,"Ward 2, Angul",800,SAVINGS,IND',
].join('\n');

beforeAll(async () => {
  ({ app, page } = world = await openConsolePage(dir));
});

afterAll(() => world?.close());

const open = (screen: string) => openScreen(page, screen);

async function shot(name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe('needs action', () => {
  it(
    'lists a bank return, and is empty once the revised PI with a corrected account is paid',
    { timeout: 180_000 },
    async () => {
      if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
      await bringAllotments(page);

      await open('Payments');
      await importCsv(page, dir, CSV);
      const row = page.getByRole('row').filter({ hasText: 'EP/2023-24/000901' });
      await row.waitFor({ timeout: 20_000 });
      await row.getByRole('button', { name: 'Push' }).click();
      await expect.poll(async () => row.textContent(), { timeout: 20_000 }).toMatch(/Initiated/);

      await treasuryHoursLater(app, 8);
      await expect
        .poll(
          async () => {
            await runAll(page);
            await open('Needs action');
            return page
              .getByRole('table', { name: 'Failed beneficiaries by PI' })
              .getByRole('row')
              .count();
          },
          { timeout: 120_000 },
        )
        .toBe(2);
      const group = page
        .getByRole('table', { name: 'Failed beneficiaries by PI' })
        .getByRole('row')
        .nth(1);
      const text = (await group.textContent())!;
      expect(text).toMatch(/₹1,500.50/);
      expect(text).toMatch(/Account closed/);
      expect(text).toMatch(/Correct the bank details and generate a revised PI/);
      await shot('worklist-1-failed');

      // From the worklist to the PI, and a revised PI with a corrected account.
      await group.getByRole('link').click();
      await page.getByRole('button', { name: 'Generate Revised PI' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Include Kuni Majhi').check();
      await dialog.getByLabel('Corrected account number for Kuni Majhi').fill('30012345611');
      await dialog.getByLabel('Account number again for Kuni Majhi').fill('30012345611');
      await dialog.getByRole('button', { name: 'Review…' }).click();
      await dialog.getByRole('button', { name: 'Send revised PI' }).click();
      await page
        .getByText(/Revised PI COR-/)
        .first()
        .waitFor({ timeout: 20_000 });

      await open('Needs action');
      await expect(
        page.getByRole('table', { name: 'Failed beneficiaries by PI' }).textContent(),
      ).resolves.toMatch(/Wait for COR-/);

      await treasuryHoursLater(app, 8);
      await expect
        .poll(
          async () => {
            await runAll(page);
            await open('Needs action');
            return page.getByText('No failed beneficiary is waiting.').count();
          },
          { timeout: 120_000 },
        )
        .toBe(1);
      const paid = await app.ledger.read.get<{ status: string }>(
        `SELECT b.status FROM beneficiaries b JOIN pis p ON p.id = b.pi_id
          WHERE p.kind = 'COR' AND b.name = 'Kuni Majhi'`,
      );
      expect(paid?.status).toBe('Payment Successful');
      await shot('worklist-2-empty');
    },
  );
});
