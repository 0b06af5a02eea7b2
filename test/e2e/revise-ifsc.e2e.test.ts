// A revised PI in the real UI against the embedded sandbox treasury: a bank return, then the
// revised-PI dialog refuses a made-up IFSC (and so does main, asked directly), and accepts a
// real one, naming its bank; the sandbox takes the revised PI. On the way, a damaged import
// file shows its errors grouped, with hints. Chromium at 1366×768.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { App } from '../../main/app';
import { tempDir } from '../support/tmp';
import {
  openConsolePage,
  openScreen,
  treasuryHoursLater,
  type ConsolePage,
  importCsv,
} from './support/console-page';

const dir = tempDir('jit-revise-ifsc-');
const SHOTS = process.env.SHOTS_DIR;
let app: App;
let world: ConsolePage | undefined;
let page: Page;

const HEAD =
  'payment_number,tenant_id,hoa,purpose,benef_id,name,account_no,ifsc,mobile,address,amount,account_type,beneficiary_type';
const ROW = (b: string, name: string, account: string, amount: string, ifsc = 'SBIN0003491') =>
  `EP/2023-24/000931,od.angul,2217-05-191-2634-01-00-00-00,Wages WO/2023/31,${b},${name},${account},${ifsc},9876500011,"Ward 2, Angul",${amount},SAVINGS,IND`;
const GOOD = [
  HEAD,
  ROW('IND-000931', 'Kuni Majhi', '30012345699', '1500.50'),
  ROW('IND-000932', 'Bhagaban Sethi', '30012345610', '800'),
].join('\n');
// What a spreadsheet makes of it: thousands commas, a rupee sign, an account in scientific
// notation, a branch code with the letter O.
const DAMAGED = [
  HEAD,
  ROW('IND-000931', 'Kuni Majhi', '3.00123E+10', '"1,500.50"'),
  ROW('IND-000932', 'Bhagaban Sethi', '30012345610', '₹ 800', 'SBIN0OO3491'),
].join('\n');

beforeAll(async () => {
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  ({ app, page } = world = await openConsolePage(dir));
});

afterAll(() => world?.close());

const open = (screen: string) => openScreen(page, screen);

async function shot(name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Cells and headers whose text is cut (wider than their box). */
async function cutCells(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) =>
    [...root.querySelectorAll('th, td, input')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent}`),
  );
}

/** The page's own call to main, past the dialog (as a tampered or older page would). */
function invokeFromPage(channel: string, request: unknown) {
  return page.evaluate(
    async ([c, r]) => {
      const token = sessionStorage.getItem('jitConsole.token');
      const res = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ channel: c, request: r }),
      });
      return (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
    },
    [channel, request] as const,
  );
}

describe('revised PI with a corrected IFSC', () => {
  it(
    'is refused for a made-up IFSC and accepted for a real one',
    { timeout: 180_000 },
    async () => {
      await app.engine.run('VA', { trigger: 'manual' });

      // A spreadsheet-damaged file first: refused whole, errors grouped with hints.
      await open('Payments');
      await importCsv(page, dir, DAMAGED, 'damaged.csv');
      const report = page.getByRole('alert').filter({ hasText: 'damaged.csv was not imported' });
      await report.waitFor();
      const groups = await report
        .getByRole('group', { name: 'Problems by kind' })
        .getByRole('button')
        .allTextContents();
      expect(groups).toEqual(['All 4', 'Amounts 2', 'Account numbers 1', 'IFSC codes 1']);
      const errors = (await report.getByRole('table', { name: 'Import errors' }).textContent())!;
      expect(errors).toMatch(/plain rupees: 1500\.50, not 1,500\.50/);
      expect(errors).toMatch(/plain rupees: 800, not ₹ 800/);
      expect(errors).toMatch(/scientific notation \(3\.00123E\+10\)/);
      expect(errors).toMatch(/ifsc is not a bank branch: a letter O or I .*SBIN0OO3491/);
      expect(await cutCells(report)).toEqual([]);
      await shot('import-errors-1366');

      await importCsv(page, dir, GOOD);
      const row = page.getByRole('row').filter({ hasText: 'EP/2023-24/000931' });
      await row.waitFor({ timeout: 20_000 });
      await row.getByRole('button', { name: 'Push' }).click();
      await expect.poll(async () => row.textContent(), { timeout: 20_000 }).toMatch(/Initiated/);

      await treasuryHoursLater(app, 8);
      const failed = () =>
        app.ledger.read.get<{ id: number; piId: number }>(
          "SELECT id, pi_id AS piId FROM beneficiaries WHERE name = 'Kuni Majhi' AND status = 'Payment Failed'",
        );
      await expect
        .poll(
          async () => {
            for (const s of ['PIS', 'PAG', 'PD', 'FD'] as const)
              await app.engine.run(s, { trigger: 'manual' });
            return failed();
          },
          { timeout: 120_000 },
        )
        .toBeTruthy();
      const { id: beneficiaryId, piId } = (await failed())!;

      await page.evaluate((id) => (window.location.hash = `#/pi/${id}`), piId);
      await page.getByRole('button', { name: 'Generate Revised PI' }).click();
      const dialog = page.getByRole('dialog');
      const why = dialog.locator('.revise-status');
      await expect
        .poll(() => why.textContent())
        .toBe('Tick at least one failed beneficiary to include.');
      await dialog.getByLabel('Include Kuni Majhi').check();
      await dialog.getByLabel('Corrected account number for Kuni Majhi').fill('3001 2345 611');
      await dialog.getByLabel('Account number again for Kuni Majhi').fill('30012345611');
      const ifsc = dialog.getByLabel('Corrected IFSC for Kuni Majhi');
      await ifsc.fill('sbin0oo3491');
      await dialog
        .getByText(/IFSC SBIN0OO3491 is not a bank branch/)
        .first()
        .waitFor();
      expect(await why.textContent()).toMatch(/^Kuni Majhi: IFSC SBIN0OO3491 is not a bank branch/);
      expect(await dialog.getByRole('button', { name: 'Review…' }).isDisabled()).toBe(true);
      expect(await cutCells(dialog.getByRole('table', { name: 'Failed beneficiaries' }))).toEqual(
        [],
      );
      await shot('revise-1-made-up-ifsc-1366');

      // Main refuses it too, whatever the page does.
      const refused = await invokeFromPage('cor.create', {
        piId,
        beneficiaries: [
          { beneficiaryId, correctedAccountNo: '30012345611', correctedIfsc: 'SBIN0OO3491' },
        ],
      });
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'REFUSED',
          message: expect.stringMatching(/SBIN0OO3491 is not a bank branch/),
        },
      });

      await ifsc.fill('UBIN0553841');
      await expect
        .poll(() => dialog.getByLabel('Bank for Kuni Majhi').textContent())
        .toBe('Union Bank of India');
      await dialog.getByRole('button', { name: 'Review…' }).click();
      const review = dialog.getByRole('table', { name: 'What will be sent' });
      const sent = (await review.textContent())!;
      expect(sent).toMatch(/30012345699.*→.*30012345611/);
      expect(sent).toMatch(/SBIN0003491.*→.*UBIN0553841.*Union Bank of India/);
      expect(await review.getByLabel('Total').textContent()).toBe('₹1,500.50');
      expect(await cutCells(review)).toEqual([]);
      await shot('revise-2-review-1366');
      await dialog.getByRole('button', { name: 'Send revised PI' }).click();
      await page
        .getByText(/Revised PI COR-.* is Initiated/)
        .first()
        .waitFor({ timeout: 20_000 });

      const cor = await app.ledger.read.get<{ status: string; ifsc: string; account: string }>(
        `SELECT p.status, b.ifsc, b.account_no AS account FROM pis p JOIN beneficiaries b ON b.pi_id = p.id
          WHERE p.kind = 'COR' AND b.name = 'Kuni Majhi'`,
      );
      expect(cor).toEqual({ status: 'Initiated', ifsc: 'UBIN0553841', account: '30012345611' });
    },
  );
});
