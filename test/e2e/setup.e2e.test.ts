// A first start on a real treasury, in the real UI: the treasury is the sandbox started as a
// separate process (`npm run sandbox`), reached by base URL, client id, an owner-only secret
// file and its public key file. The console opens the setup flow instead of empty screens;
// the ULB and its head are entered, Test connection logs in, the connection is saved, and
// VA brings that treasury's allotments in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openConsole } from '../../main/console';
import { startWebHost } from '../../main/web/server';
import type { App } from '../../main/app';
import { tempDir } from '../support/tmp';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/host';

const dir = tempDir('jit-setup-');
const SHOTS = process.env.SHOTS_DIR;
const SECRET = 'cuttack-secret-for-e2e';
let treasury: ChildProcess;
let baseUrl = '';
let app: App;
let host: Awaited<ReturnType<typeof startWebHost>>;
let browser: Browser;
let page: Page;

/** `npm run sandbox` on a free port; resolves with the base URL it prints. */
function startTreasury(keyFile: string): Promise<string> {
  treasury = spawn(
    process.execPath,
    [
      path.resolve('node_modules/tsx/dist/cli.mjs'),
      'sandbox/cli.ts',
      '--port',
      '0',
      '--public-key-out',
      keyFile,
      '--client-secret',
      SECRET,
    ],
    { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    treasury.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /JIT_BASE_URL=(\S+)/.exec(out);
      if (url) resolve(url[1]!);
    });
    treasury.once('exit', (code) => reject(new Error(`the sandbox exited (${code}): ${out}`)));
  });
}

beforeAll(async () => {
  const keyFile = path.join(dir, 'treasury.pem');
  baseUrl = await startTreasury(keyFile);
  const secretFile = path.join(dir, 'client-secret');
  fs.writeFileSync(secretFile, SECRET, { mode: 0o600 });
  // A server start: the treasury from the environment, its secret from an owner-only file.
  app = await openConsole([], {
    JIT_CONSOLE_DB: path.join(dir, 'ledger.db'),
    JIT_BASE_URL: baseUrl,
    JIT_CLIENT_ID: 'mukta-sandbox',
    JIT_CLIENT_SECRET_FILE: secretFile,
    JIT_PUBLIC_KEY_FILE: keyFile,
  });
  host = await startWebHost(app, {
    port: 0,
    staticDir: path.resolve(__dirname, '../../dist/renderer'),
  });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await app?.close();
  treasury?.kill();
});

async function shot(name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe('first start on a real treasury', () => {
  it(
    'opens the setup flow, saves the ULB, tests and saves the connection, then VA brings funds',
    { timeout: 120_000 },
    async () => {
      if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
      await page.goto(host.url);
      await page.getByRole('heading', { name: 'Set up the console' }).waitFor();
      expect(await page.textContent('body')).toMatch(
        /Missing before payments can be pushed:.*tenant, city code, DDO, grantee and SSU codes; a head of account/,
      );
      await shot('setup-1-first-start');

      const conn = page.getByRole('form', { name: 'Treasury connection' });
      await conn.getByText(/comes from the environment/).waitFor();
      expect(await conn.getByLabel('Base URL').inputValue()).toBe(baseUrl);
      // http:// to another machine is refused before anything is sent.
      await conn.getByLabel('Base URL').fill('http://treasury.example.in/api');
      await conn.getByLabel('Client id').fill('mukta-sandbox');
      await conn.getByLabel('Public key file').fill(path.join(dir, 'treasury.pem'));
      await conn.getByRole('button', { name: 'Test connection' }).click();
      await conn.getByText(/must be reached over https:\/\//).waitFor();
      // A wrong secret typed for the test: the treasury refuses the login.
      await conn.getByLabel('Base URL').fill(baseUrl);
      await conn.getByLabel('Client secret').fill('not-the-secret');
      await conn.getByRole('button', { name: 'Test connection' }).click();
      await conn.getByText('Connection failed.').waitFor();
      // No secret typed: the host's own (the owner-only file) is used.
      await conn.getByLabel('Client secret').fill('');
      await conn.getByRole('button', { name: 'Test connection' }).click();
      await conn.getByText('Connected.').waitFor();
      await shot('setup-2-connected');
      await conn.getByRole('button', { name: 'Save connection' }).click();
      await page.getByText('Treasury connection saved').waitFor();

      const ulb = page.getByRole('form', { name: 'ULB' });
      await ulb.getByLabel('Tenant').fill('od.angul');
      await ulb.getByLabel('City code').fill('1013');
      await ulb.getByLabel('DDO code').fill('DDO1013');
      await ulb.getByLabel('Grantee code').fill('GR1013');
      await ulb.getByLabel('SSU ia id').fill('SSU-ANGUL');
      // A bad head first: the error shows beside it and nothing is saved.
      await ulb.getByRole('button', { name: 'Save ULB' }).click();
      await ulb.getByText('register at least one head of account').waitFor();
      await ulb.getByRole('button', { name: 'Add head of account' }).click();
      await ulb.getByLabel('Head of account 1').fill('2217-05-191-2634-01-00-00-00');
      await ulb.getByLabel('Effective date of head 1').fill('2023-04-01');
      await ulb.getByRole('button', { name: 'Save ULB' }).click();

      // Set up: the console proper, and VA asks the separate treasury for the head's funds.
      await page.getByRole('heading', { name: 'Payment Instructions' }).waitFor();
      await page.getByRole('navigation').getByRole('link', { name: 'Jobs', exact: true }).click();
      await page.getByRole('button', { name: 'Run VA now' }).click();
      await page.getByRole('navigation').getByRole('link', { name: 'Funds', exact: true }).click();
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.getByText('MAD-1013-01').count();
          },
          { timeout: 30_000 },
        )
        .toBeGreaterThan(0);
      await page
        .getByRole('navigation')
        .getByRole('link', { name: 'Settings', exact: true })
        .click();
      await page.getByText('Set-up complete').waitFor();
      await shot('setup-3-settings');
      // The secret never reached the page.
      expect(await page.content()).not.toContain(SECRET);
      expect(
        await app.ledger.read.get(`SELECT value FROM settings WHERE key = 'setup.treasury'`),
      ).toEqual({ value: expect.stringContaining(baseUrl) });
    },
  );
});
