// The built renderer in Debian's Chromium against the browser host and a real ledger.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app';
import { insertPi } from '../../main/core/pi/pi-store';
import { startWebHost, type WebHost } from '../../main/web/server';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { CHROMIUM_ARGS, CHROMIUM_PATH, noTreasury } from './support/host';

const STATIC_DIR = path.resolve('dist/renderer');
const NOW = Date.UTC(2023, 9, 21, 16, 0);

let app: App;
let host: WebHost;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
// Made at collection time: a tempDir made inside a hook would never get its clean-up hook.
const dir = tempDir('jit-e2e-');
const ids: Record<string, number> = {};

beforeAll(async () => {
  // No skipping: without Chromium or the built renderer this test must fail, loudly.
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium).`);
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html'))) {
    throw new Error(`${STATIC_DIR}/index.html is missing: run \`npm run build:renderer\` first.`);
  }
  app = await openApp({
    dbPath: path.join(dir, 'ledger.db'),
    treasury: noTreasury(),
    treasuryInfo: { kind: 'sandbox', baseUrl: 'http://127.0.0.1:1/jit' },
    now: () => NOW,
  });
  await app.ledger.write(async (tx) => {
    ids.a = await insertPi(tx, samplePi('PI-1013/2023-24/000182', 3), NOW);
    ids.b = await insertPi(tx, samplePi('PI-1013/2023-24/000183', 5, { status: 'Approved' }), NOW);
    ids.c = await insertPi(tx, samplePi('PI-1013/2023-24/000184', 2, { status: 'Pending' }), NOW);
  });
  host = await startWebHost(app, { port: 0, staticDir: STATIC_DIR });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await app?.close();
});

async function invoke(body: unknown, token = host.token) {
  const res = await fetch(new URL('/api/invoke', host.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      ok: boolean;
      error?: { code: string; message: string };
      data?: unknown;
    },
  };
}

describe('browser host + renderer in Chromium', () => {
  it('lists the PIs from the ledger', async () => {
    await page.goto(host.url);
    const grid = page.getByRole('grid', { name: 'Payment instructions' });
    for (const bill of [
      'PI-1013/2023-24/000182',
      'PI-1013/2023-24/000183',
      'PI-1013/2023-24/000184',
    ]) {
      await grid.getByText(bill, { exact: true }).waitFor();
    }
    const row = grid.locator('[role=row]', { hasText: 'PI-1013/2023-24/000183' });
    expect(await row.getByText('₹5,000.00').count()).toBe(1);
    expect(await row.getByText('Approved', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('tab', { name: /Pending/ }).textContent()).toContain('1');
    // The token left the address bar and lives in sessionStorage.
    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate(() => sessionStorage.getItem('jitConsole.token'))).toBe(host.token);
  });

  it('opens a PI with the keyboard and shows its beneficiaries', async () => {
    const grid = page.getByRole('grid', { name: 'Payment instructions' });
    await grid.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'PI-1013/2023-24/000183' }).waitFor();
    expect(page.url()).toContain(`#/pi/${ids.b}`);
    const benf = page.getByRole('table', { name: 'Beneficiaries' });
    for (let i = 1; i <= 5; i++)
      await benf.getByText(`Wage Seeker ${i}`, { exact: true }).waitFor();
    expect(await benf.getByText('Payment Initiated', { exact: true }).count()).toBe(5);
    await page.keyboard.press('Escape');
    await page.getByRole('grid', { name: 'Payment instructions' }).waitFor();
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
  });

  it('relays pi.changed to the page over SSE and the list reloads', async () => {
    await app.ledger.write((tx) => insertPi(tx, samplePi('PI-1013/2023-24/000185', 1), NOW));
    app.events.emit('pi.changed', { ids: [4] });
    await page
      .getByRole('grid', { name: 'Payment instructions' })
      .getByText('PI-1013/2023-24/000185')
      .waitFor();
  });
});

describe('search in Chromium', () => {
  it('finds a beneficiary by name, by the last 4 of her account and by UTR, shown under her PI', async () => {
    await app.ledger.write(async (tx) => {
      const pi = samplePi('PI-1013/2023-24/000186', 2);
      pi.beneficiaries[1] = {
        ...pi.beneficiaries[1]!,
        name: 'Kuni Majhi',
        accountNo: '300012349012',
      };
      const id = await insertPi(tx, pi, NOW);
      // The UTR as PD would write it (the search index follows any write to the row).
      await tx.run(
        `UPDATE beneficiaries SET utr_no = 'SBIN323100000042' WHERE pi_id = ? AND name = ?`,
        [id, 'Kuni Majhi'],
      );
    });
    const grid = page.getByRole('grid', { name: 'Payment instructions' });
    const box = page.getByRole('searchbox', { name: /Search by bill/ });
    const rows = grid.locator('[role=row][aria-rowindex]');
    for (const text of ['Kuni Majhi', '9012', 'SBIN323100000042']) {
      await box.fill('');
      await box.press('Escape');
      await grid.getByText('PI-1013/2023-24/000182', { exact: true }).waitFor();
      await box.fill(text);
      await grid
        .getByText('PI-1013/2023-24/000182', { exact: true })
        .waitFor({ state: 'detached' });
      const match = grid.getByLabel('Matched beneficiary Kuni Majhi');
      await match.waitFor();
      expect(await rows.count(), text).toBe(1);
      expect(await rows.first().textContent()).toContain('PI-1013/2023-24/000186');
      expect(await match.textContent()).toContain('SBIN323100000042');
    }
  });
});

describe('browser host over real HTTP', () => {
  it('serves the page with the strict CSP', async () => {
    const res = await fetch(new URL('/', host.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
    );
  });

  it('refuses a wrong or missing token with 401', async () => {
    const wrong = await invoke({ channel: 'pi.list', request: {} }, 'not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.body.ok).toBe(false);
    const none = await fetch(new URL('/api/invoke', host.url), { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    const events = await fetch(new URL('/api/events?token=nope', host.url));
    expect(events.status).toBe(401);
  });

  it('answers a good request with the contract result', async () => {
    const res = await invoke({ channel: 'pi.get', request: { id: ids.a } });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect((res.body.data as { pi: { billNo: string } }).pi.billNo).toBe('PI-1013/2023-24/000182');
  });

  it('refuses an unknown channel with UNKNOWN_CHANNEL and a malformed request with BAD_REQUEST', async () => {
    const unknown = await invoke({ channel: 'ledger.drop', request: {} });
    expect(unknown.body.error?.code).toBe('UNKNOWN_CHANNEL');
    const bad = await invoke({ channel: 'pi.get', request: { id: 'x' } });
    expect(bad.body.ok).toBe(false);
    expect(bad.body.error?.code).toBe('BAD_REQUEST');
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await invoke('{not json');
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('BAD_REQUEST');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const p of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/..%5c..%5cpackage.json',
    ]) {
      const status = await rawGet(p);
      expect([403, 404], p).toContain(status);
    }
  });
});

function rawGet(rawPath: string): Promise<number> {
  const { port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
