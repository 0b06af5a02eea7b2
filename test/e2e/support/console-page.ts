// The console in Chromium over the browser host, on the embedded sandbox treasury and a
// ledger in a temp folder: what the end-to-end tests of a user's screens start from.
import fs from 'node:fs';
import { expect } from 'vitest';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openConsole } from '../../../main/console';
import { startWebHost } from '../../../main/web/server';
import type { App } from '../../../main/app';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './host';

export interface ConsolePage {
  app: App;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Changes to the demo scenario; `QUIET` by default. */
export type ScenarioChanges = Record<string, unknown>;

// The demo scenario without its random returns, hold-backs and declines: only accounts ending
// in 99 come back from the bank, as closed.
export const QUIET: ScenarioChanges = {
  decline: {},
  holdBack: {},
  fail: { accountSuffixes: ['99'], reason: 'Account closed or transferred' },
};

function scenarioFile(dir: string, changes: ScenarioChanges): string {
  const demo = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '../../../sandbox/scenarios/default.json'), 'utf8'),
  ) as Record<string, unknown>;
  const file = path.join(dir, 'scenario.json');
  fs.writeFileSync(file, JSON.stringify({ ...demo, ...changes }));
  return file;
}

export interface OpenOptions {
  /** The demo scenario as shipped (`'demo'`), or changed; QUIET when not given. */
  scenario?: ScenarioChanges | 'demo';
  viewport?: { width: number; height: number };
}

/** The console open on the PI list (1366×768 unless told). */
export async function openConsolePage(
  dir: string,
  options: OpenOptions = {},
): Promise<ConsolePage> {
  const scenario = options.scenario ?? QUIET;
  const app = await openConsole([], {
    JIT_CONSOLE_DB: path.join(dir, 'ledger.db'),
    ...(scenario === 'demo' ? {} : { JIT_SANDBOX_SCENARIO: scenarioFile(dir, scenario) }),
  });
  const host = await startWebHost(app, {
    port: 0,
    staticDir: path.resolve(__dirname, '../../../dist/renderer'),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage({
    viewport: options.viewport ?? { width: 1366, height: 768 },
  });
  await page.goto(host.url);
  await page.getByRole('heading', { name: 'Payment Instructions' }).waitFor();
  return {
    app,
    browser,
    page,
    async close() {
      await browser.close();
      await host.close();
      await app.close();
    },
  };
}

/** A sidebar screen, once its heading is shown. */
export async function openScreen(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: screen, exact: true }).click();
  await page.getByRole('heading', { name: screen, exact: true }).waitFor();
}

/** Move the sandbox treasury's clock on, so the next runs find the PIs further along. */
export async function treasuryHoursLater(app: App, hours: number): Promise<void> {
  const { treasury } = await app.info();
  const origin = new URL(treasury.baseUrl).origin;
  const res = await fetch(`${origin}/sandbox/advance?ms=${hours * 3_600_000}`, { method: 'POST' });
  expect(res.ok).toBe(true);
}

/** Run every nightly service from the Jobs page and wait until none is running. */
export async function runAll(page: Page): Promise<void> {
  await openScreen(page, 'Jobs');
  await page.getByRole('button', { name: 'Run all now' }).click();
  await expect.poll(async () => page.locator('.topbar-job').count(), { timeout: 60_000 }).toBe(0);
}

/** Run VA from the Jobs page and wait until Funds shows the demo ULB's sanction. */
export async function bringAllotments(page: Page): Promise<void> {
  await openScreen(page, 'Jobs');
  await page.getByRole('button', { name: 'Run VA now' }).click();
  await openScreen(page, 'Funds');
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByText('MAD-1013-01').count();
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
}

/** Write `csv` into `dir` as `name` and give it to the open page's import box. */
export async function importCsv(page: Page, dir: string, csv: string, name = 'payments.csv') {
  const file = path.join(dir, name);
  fs.writeFileSync(file, csv);
  await page.getByLabel('Import file').setInputFiles(file);
}
