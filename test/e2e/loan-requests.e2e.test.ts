// A loan payment request posted over HTTP by the lender's system appears on the Requests page
// of the console in Chromium, is approved there, and the loan's charges show the new
// outstanding. Screenshots at 1366x768 go to $SHOTS_DIR when it is set.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app';
import { startWebHost, type WebHost } from '../../main/web/server';
import { tempDir } from '../support/tmp';
import { example, importFixture, startLoansApi, type LoansApi } from '../integration/loans-support';
import { CHROMIUM_ARGS, CHROMIUM_PATH, noTreasury } from './support/host';

const STATIC_DIR = path.resolve('dist/renderer');
const SHOTS = process.env.SHOTS_DIR;
const NOW = Date.UTC(2024, 0, 10, 6, 0);

let app: App;
let host: WebHost;
let api: LoansApi;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium).`);
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html')))
    throw new Error(`${STATIC_DIR}/index.html is missing: run \`npm run build:renderer\` first.`);
  const dir = tempDir('jit-e2e-loans-');
  app = await openApp({
    dbPath: path.join(dir, 'ledger.db'),
    treasury: noTreasury(),
    treasuryInfo: { kind: 'sandbox', baseUrl: 'http://127.0.0.1:1/jit' },
    now: () => NOW,
  });
  await importFixture(app);
  api = await startLoansApi(app);
  host = await startWebHost(app, { port: 0, staticDir: STATIC_DIR });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await api?.close();
  await app?.close();
});

async function shot(name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

const outstanding = (chargeId: number) =>
  page.getByRole('cell', { name: `Outstanding on charge ${chargeId}` });

describe('loan requests in the browser', () => {
  it('a request posted over HTTP appears, is approved, and the charge shows the new outstanding', async () => {
    await page.goto(host.url);
    await page.getByRole('navigation').getByRole('link', { name: 'Loan requests' }).click();
    await page.getByRole('heading', { name: 'Loan requests', exact: true }).waitFor();
    await page.getByText('Nothing to decide.').waitFor();
    await expect(outstanding(5105383).textContent()).resolves.toBe('₹5,51,957.00');

    // The lender's system posts the page's example while the page is open.
    const { status, json } = await api.post(example());
    expect(status).toBe(200);
    const id = json.data!.service_request_id;
    const card = page.getByRole('article', { name: `Request ${id}` });
    await card.waitFor();
    await expect(card.textContent()).resolves.toMatch(/Loan 5047876 · Manju Devi/);
    await expect(card.getByText('₹5,51,957.00').first().isVisible()).resolves.toBe(true);
    await expect(
      card.getByRole('list', { name: `Flags of request ${id}` }).textContent(),
    ).resolves.toMatch(/UTR 123456 is not in the ledger/);
    await shot('loans-01-queue');

    await card.getByRole('button', { name: 'Approve…' }).click();
    const dialog = page.getByRole('dialog', { name: `Approve request #${id}` });
    await dialog
      .getByRole('textbox', { name: 'Note' })
      .fill('UTR confirmed with the bank by phone');
    await shot('loans-02-approve');
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByText('Nothing to decide.').waitFor();
    await page.waitForFunction(
      () =>
        document.querySelector('[aria-label="Outstanding on charge 5105383"]')?.textContent ===
        '₹0.00',
    );
    await shot('loans-03-approved');

    await page.getByRole('tab', { name: 'Approved' }).click();
    const approved = page.getByRole('article', { name: `Request ${id}` });
    await expect(approved.textContent()).resolves.toMatch(
      /approved by console.*UTR confirmed with the bank by phone/,
    );
    const row = await app.ledger.read.get<{ outstanding_paise: number; paid_paise: number }>(
      'SELECT outstanding_paise, paid_paise FROM loan_charges WHERE charge_id = 5105383',
    );
    expect(row).toEqual({ outstanding_paise: 0, paid_paise: 55_195_700 });
  });

  it('a request entered in the console gets the same validation, and a rejection needs a reason', async () => {
    await page.getByRole('button', { name: 'New request…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New payment request' });
    await dialog.getByRole('textbox', { name: 'Payment amount (₹)' }).fill('100');
    await dialog.getByRole('textbox', { name: 'Payment bank id' }).fill('12301');
    await dialog.getByRole('textbox', { name: 'Beneficiary account' }).fill('923010011142070');
    await dialog.getByRole('textbox', { name: 'IFSC' }).fill('utib0001685');
    await dialog.getByRole('textbox', { name: 'Allocate to charge 5105384' }).fill('50');
    await dialog.getByRole('button', { name: 'Save request' }).click();
    await dialog.getByText('Total amount is not equal to total allocated amount').waitFor();
    await shot('loans-04-entry-refused');
    await dialog.getByRole('textbox', { name: 'Allocate to charge 5105384' }).fill('100');
    await dialog.getByRole('button', { name: 'Save request' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: 'To decide' }).click();
    const card = page.getByRole('article').filter({ hasText: 'Entered by console' });
    await card.getByRole('button', { name: 'Reject…' }).click();
    const reject = page.getByRole('dialog', { name: /^Reject request/ });
    const button = reject.getByRole('button', { name: 'Reject', exact: true });
    expect(await button.isDisabled()).toBe(true);
    await reject.getByRole('textbox', { name: 'Reason' }).fill('Entered against the wrong loan');
    await button.click();
    await page.getByText('Nothing to decide.').waitFor();
    await expect(outstanding(5105384).textContent()).resolves.toBe('₹1,180.00');
    expect(consoleErrors).toEqual([]);
  });

  it('a token issued on the Settings page lets the lender post; without it the API says 401', async () => {
    await page.goto(host.url);
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await page
      .getByRole('region', { name: 'Loan service API' })
      .getByRole('button', { name: 'API tokens…' })
      .click();
    await page.getByLabel('Token name').fill('lender from settings');
    await page.getByRole('button', { name: 'Issue token' }).click();
    const token = (await page.getByLabel('New token').textContent())!.trim();
    expect(token.length).toBeGreaterThan(20);
    // Past auth, the page's own answer shape (accepted, or refused by a validation rule).
    const ok = await api.post(example(), token);
    expect(ok.status).not.toBe(401);
    expect(ok.json).toHaveProperty('response');
    const refused = await api.post(example(), `${token}x`);
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual({ code: 401, message: 'auth fail, you can retry!' });
  });
});
