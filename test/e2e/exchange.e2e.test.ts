// The exchange in the real UI: the peer simulator (its own process) sends a program and a
// disbursement; the disbursement appears, is pushed and paid through the sandbox treasury,
// and its on-disburse callbacks are listed, delivered, in the message log.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openApp, type App } from '../../main/app';
import { JitClient } from '../../main/jit/client';
import { startWebHost } from '../../main/web/server';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { registerHeadsOfAccount } from '../../main/core/funds/heads';
import { savePeer } from '../../main/core/exchange/peers';
import { tempDir } from '../support/tmp';
import { PEER_ID, startPeerProcess, until, type PeerProcess } from '../support/peer-process';
import { HEADS, HOA, T0 } from '../integration/funds-support';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/host';

const MIN = 60_000;
const dir = tempDir('jit-exchange-e2e-');
const SHOTS = process.env.SHOTS_DIR;
let sandbox: Sandbox;
let app: App;
let peer: PeerProcess;
let host: Awaited<ReturnType<typeof startWebHost>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  sandbox = await createSandbox({
    now: T0,
    scenario: {
      delays: {
        approveAfterMs: 10 * MIN,
        adviceAfterMs: 10 * MIN,
        paidAfterMs: 10 * MIN,
        failedAfterMs: 60 * MIN,
      },
      allotments: [
        {
          hoa: HOA,
          ddoCode: 'DDO1013',
          granteCode: 'GR1013',
          schemeCode: 'MUKTA',
          ssuId: 'SSU-ANGUL',
          afterStartMs: 0,
          allotmentTxnSlNo: '1',
          allotmentAmount: '50000',
          allotmentTxnType: 'Initial Allotment',
          mstAllotmentDistId: 'MAD-1013-01',
          ssuAllotmentId: 'SSUA-1013-0001',
        },
      ],
    },
  });
  app = await openApp({
    dbPath: path.join(dir, 'ledger.db'),
    treasury: new JitClient({
      baseUrl: sandbox.baseUrl,
      ...sandbox.credentials,
      publicKey: sandbox.credentials.publicKeyPem,
      timeoutMs: 2_000,
      now: () => sandbox.clock.now(),
    }),
    treasuryInfo: { kind: 'sandbox', baseUrl: sandbox.baseUrl },
    now: () => sandbox.clock.now(),
    exchange: { pollMs: 50, delivery: { baseMs: 50, maxMs: 200, timeoutMs: 2_000 } },
  });
  await registerHeadsOfAccount(app.ledger, HEADS);
  const status = await app.exchange.start({ port: 0 });
  peer = await startPeerProcess({
    dir,
    consoleUrl: status.url!,
    consolePublicKey: status.publicKey!,
  });
  await savePeer(app, { peerId: PEER_ID, uri: peer.url, publicKey: peer.publicKey });
  host = await startWebHost(app, {
    port: 0,
    staticDir: path.resolve(__dirname, '../../dist/renderer'),
  });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(host.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Program exchange' }).click();
  await page.getByRole('heading', { name: 'Program-service exchange' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await peer?.stop();
  await app?.close();
  await sandbox?.close();
});

async function shot(name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function tab(name: string) {
  await page.getByRole('tab', { name }).click();
  await page.reload();
}

describe('a disbursement from the peer, in the console', () => {
  it(
    'appears, gets paid, and its callbacks are in the message log',
    { timeout: 120_000 },
    async () => {
      await peer.send({
        endpoint: 'program/_create',
        message: { location_code: 'od.angul', name: 'MUKTA wages', start_date: 1696118400 },
      });
      const [program] = await until(
        'the program',
        () => peer.received(),
        (r) => r.length >= 1,
      );
      await app.engine.run('VA', { trigger: 'manual' });
      const res = await peer.send({
        endpoint: 'disburse/_create',
        message: {
          target_id: 'EP/0/2023-24/10/02/000042',
          location_code: 'od.angul',
          program_code: program!.message.program_code,
          net_amount: 1250.5,
          gross_amount: 1250.5,
          children: [
            {
              target_id: 'WS-1',
              individual: { name: 'Sabita Nayak', phone: '9876500001', address: 'Angul' },
              account_code: '300012345610@SBIN0003491',
              net_amount: 750.5,
              gross_amount: 750.5,
            },
            {
              target_id: 'WS-2',
              individual: { name: 'Ramesh Behera', phone: '9876500002', address: 'Angul' },
              account_code: '300012345611@SBIN0003491',
              net_amount: 500,
              gross_amount: 500,
            },
          ],
        },
      });
      expect(res.status).toBe(200);
      await until(
        'the PI to be accepted',
        () =>
          app.ledger.read.get<{ status: string }>(
            'SELECT status FROM pis ORDER BY id DESC LIMIT 1',
          ),
        (p) => p?.status === 'Initiated',
      );
      await tab('Disbursements');
      const row = page.getByRole('row').filter({ hasText: 'EP/0/2023-24/10/02/000042' });
      await expect.poll(() => row.getByText('INITIATED', { exact: true }).count()).toBe(1);
      await shot('exchange-1-disbursement-initiated');

      for (const service of ['PIS', 'PAG', 'PD'] as const) {
        sandbox.clock.advance(10 * MIN);
        await app.engine.run(service, { trigger: 'manual' });
      }
      await until(
        'every callback delivered',
        () =>
          app.ledger.read.get<{ n: number }>(
            `SELECT count(*) AS n FROM exchange_messages WHERE state = 'queued'`,
          ),
        (r) => r?.n === 0,
      );
      await page.reload();
      await expect.poll(() => row.getByText('SUCCESSFUL', { exact: true }).count()).toBe(1);
      await row.getByText('Completed', { exact: true }).waitFor();
      await shot('exchange-2-disbursement-paid');

      await row.getByRole('link', { name: 'Messages' }).click();
      const log = page.getByRole('grid', { name: 'Exchange messages' });
      await expect
        .poll(() => log.getByText('on-disburse/_update').count())
        .toBeGreaterThanOrEqual(3);
      expect(await log.getByText('on-disburse/_create').count()).toBe(1);
      expect(await log.getByText('disburse/_create', { exact: true }).count()).toBe(1);
      expect(await log.getByText('queued').count()).toBe(0);
      await log.getByText('on-disburse/_update').first().click();
      const detail = page.getByLabel(/^Message \d+$/);
      await detail.getByText('"status_code": "SUCCESSFUL"').first().waitFor();
      await detail.getByText('delivered', { exact: true }).waitFor();
      await shot('exchange-3-message-log');

      await tab('Programs & funds');
      await page.getByText('MAD-1013-01').waitFor();
      await shot('exchange-4-programs');
      await tab('Settings & peers');
      await page.getByText(PEER_ID).waitFor();
      await shot('exchange-5-settings');
    },
  );
});
