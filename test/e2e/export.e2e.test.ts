// Export in Chromium on the browser host: the CSV the page downloads is read back and checked
// row by row against the ledger, under the filter in view; a name that looks like a formula
// arrives inert.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app';
import { insertPi } from '../../main/core/pi/pi-store';
import { startWebHost, type WebHost } from '../../main/web/server';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { CHROMIUM_ARGS, CHROMIUM_PATH, noTreasury } from './support/host';
import { seedDemo } from './support/seed';

const STATIC_DIR = path.resolve('dist/renderer');
const NOW = Date.UTC(2023, 9, 21, 16, 0);
const dir = tempDir('jit-export-');
let app: App;
let host: WebHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium).`);
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html')))
    throw new Error(`${STATIC_DIR}/index.html is missing: run \`npm run build:renderer\` first.`);
  app = await openApp({
    dbPath: path.join(dir, 'ledger.db'),
    treasury: noTreasury(),
    treasuryInfo: { kind: 'sandbox', baseUrl: 'http://127.0.0.1:1/jit' },
    now: () => NOW,
  });
  await seedDemo(app, NOW);
  await app.ledger.write(async (tx) => {
    const pi = samplePi('PI-1013/2023-24/000777', 2, { status: 'Declined' });
    pi.beneficiaries[0] = { ...pi.beneficiaries[0]!, name: '=HYPERLINK("http://x","Kuni")' };
    pi.beneficiaries[1] = { ...pi.beneficiaries[1]!, name: '@Kuni Majhi' };
    await insertPi(tx, pi, NOW);
    // More PIs than one page of the list (200), so the export must fetch past what is loaded.
    for (let i = 0; i < 230; i++)
      await insertPi(tx, samplePi(`PI-1013/2023-24/${String(2000 + i).padStart(6, '0')}`, 1), NOW);
  });
  host = await startWebHost(app, { port: 0, staticDir: STATIC_DIR });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await app?.close();
});

/** Clicks Export CSV and returns the downloaded file's name and its rows as objects. */
async function exportCsv(): Promise<{
  name: string;
  rows: Record<string, string>[];
  bom: boolean;
}> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).first().click(),
  ]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const text = fs.readFileSync(file, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return { name: download.suggestedFilename(), rows: parsed.data, bom: text.startsWith('\uFEFF') };
}

const rupees = (paise: number) =>
  `${Math.trunc(paise / 100)}.${String(paise % 100).padStart(2, '0')}`;

describe('CSV export in Chromium', () => {
  it('exports the Declined tab of the PI list, every row as the ledger has it', async () => {
    await page.goto(host.url);
    await page.getByRole('tab', { name: /Declined/ }).click();
    await page.getByText(/instructions? match/).waitFor();
    const csv = await exportCsv();
    expect(csv.name).toMatch(/^payment-instructions_Declined_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.bom).toBe(true);

    const ledger = await app.ledger.read.all<{
      bill_no: string;
      gross_paise: number;
      status: string;
      n: number;
    }>(
      `SELECT p.bill_no, p.gross_paise, p.status,
              (SELECT count(*) FROM beneficiaries b WHERE b.pi_id = p.id) AS n
         FROM pis p WHERE p.status = 'Declined' ORDER BY p.id DESC`,
    );
    expect(ledger.length).toBeGreaterThan(1);
    expect(csv.rows).toHaveLength(ledger.length);
    ledger.forEach((pi, i) => {
      const row = csv.rows[i]!;
      expect(row['Bill no.']).toBe(pi.bill_no);
      expect(row['Status']).toBe(pi.status);
      expect(Number(row['Beneficiaries'])).toBe(pi.n);
      expect(Number(row['Gross (paise)'])).toBe(pi.gross_paise);
      expect(row['Gross (Rs)']).toBe(rupees(pi.gross_paise));
    });
  });

  it('exports every PI, not only the pages loaded on screen', async () => {
    await page.goto(host.url);
    await page.getByText(/Showing 200 of/).waitFor();
    const csv = await exportCsv();
    const ledger = await app.ledger.read.all<{ bill_no: string }>(
      'SELECT bill_no FROM pis ORDER BY id DESC',
    );
    expect(ledger.length).toBeGreaterThan(200);
    expect(csv.rows.map((r) => r['Bill no.'])).toEqual(ledger.map((p) => p.bill_no));
  });

  it('exports the SMS outbox under its search, dates in India time', async () => {
    await page.goto(`${host.url.replace(/\/\?token=.*$/, '/')}#/sms`);
    await page.getByRole('searchbox', { name: /Search SMS/ }).fill('Rashmita');
    await page.getByText(/messages? match/).waitFor();
    const csv = await exportCsv();
    expect(csv.name).toMatch(/^sms-outbox_Rashmita_/);
    const ledger = await app.ledger.read.all<{
      bill_no: string;
      name: string;
      utr_no: string;
      body: string;
      created_at: number;
    }>(
      `SELECT p.bill_no, b.name, s.utr_no, s.body, s.created_at FROM sms_outbox s
         JOIN beneficiaries b ON b.id = s.beneficiary_id JOIN pis p ON p.id = b.pi_id
        WHERE b.name LIKE 'Rashmita%' ORDER BY s.id DESC`,
    );
    expect(ledger.length).toBeGreaterThan(0);
    expect(csv.rows.map((r) => [r['Bill no.'], r['Beneficiary'], r['UTR'], r['Message']])).toEqual(
      ledger.map((s) => [s.bill_no, s.name, s.utr_no, s.body]),
    );
    const ist = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Kolkata',
      dateStyle: 'short',
      timeStyle: 'medium',
    });
    expect(csv.rows.map((r) => r['Queued (IST)'])).toEqual(
      ledger.map((s) => ist.format(new Date(s.created_at))),
    );
  });

  it('makes a beneficiary name that looks like a formula inert', async () => {
    const id = (await app.ledger.read.get<{ id: number }>(
      `SELECT id FROM pis WHERE bill_no = 'PI-1013/2023-24/000777'`,
    ))!.id;
    await page.goto(`${host.url.replace(/\/\?token=.*$/, '/')}#/pi/${id}`);
    await page.getByRole('table', { name: 'Beneficiaries' }).waitFor();
    const csv = await exportCsv();
    expect(csv.rows.map((r) => r['Name'])).toEqual([
      `'=HYPERLINK("http://x","Kuni")`,
      `'@Kuni Majhi`,
    ]);
    expect(csv.rows.map((r) => r['Amount (paise)'])).toEqual(['100000', '100000']);
  });
});
