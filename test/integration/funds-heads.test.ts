// Which sanction pays a payment (jit-protocol.md §4 "Funds"), through the real push path
// against the sandbox treasury: a payment that names its head is paid only from that head's
// sanctions; one that names none, from any head of the tenant in priority order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openApp, type App } from '../../main/app';
import { JitClient } from '../../main/jit/client';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { pushPayment } from '../../main/core/pi/push';
import { runServices } from '../../main/core/reconcile/jobs';
import { saveUlbSetup } from '../../main/core/settings/ulb';
import { runCheck } from '../../main/core/funds/check';
import { tempDir } from '../support/tmp';
import { INSTANT, T0 } from '../support/world';
import { HOA, HOA2, headlessPayment, importPayment } from './funds-support';

const dir = tempDir();
let sandbox: Sandbox;
let app: App;

const allotment = (hoa: string, n: string, rupees: string) => ({
  hoa,
  ddoCode: 'DDO1013',
  granteCode: 'GR1013',
  schemeCode: 'MUKTA',
  schemeName: 'Mukhyamantri Karma Tatpara Abhiyan',
  ssuId: 'SSU-ANGUL',
  afterStartMs: 0,
  allotmentTxnSlNo: '1',
  allotmentAmount: rupees,
  allotmentTxnType: 'Initial Allotment',
  mstAllotmentDistId: `MAD-${n}`,
  ssuAllotmentId: `SSUA-${n}`,
});

beforeAll(async () => {
  sandbox = await createSandbox({
    now: T0,
    scenario: {
      delays: INSTANT,
      allotments: [allotment(HOA, 'WAGES', '1000.00'), allotment(HOA2, 'MATERIAL', '3000.00')],
    },
  });
  app = await openApp({
    dbPath: path.join(dir, 'heads.db'),
    treasury: new JitClient({
      baseUrl: sandbox.baseUrl,
      ...sandbox.credentials,
      publicKey: sandbox.credentials.publicKeyPem,
      now: () => sandbox.clock.now(),
    }),
    treasuryInfo: { kind: 'sandbox', baseUrl: sandbox.baseUrl },
    now: () => sandbox.clock.now(),
  });
  await saveUlbSetup(app, {
    ulb: {
      tenantId: 'od.angul',
      cityCode: '1013',
      ddoCode: 'DDO1013',
      granteeCode: 'GR1013',
      ssuIaId: 'SSU-ANGUL',
    },
    heads: [
      { hoa: HOA, effectiveDate: '2023-04-01', priority: 1 },
      { hoa: HOA2, effectiveDate: '2023-04-01', priority: 2 },
    ],
  });
  await runServices(app, 'VA');
});

afterAll(async () => {
  await app?.close();
  await sandbox?.close();
});

const available = async (distId: string) =>
  (await app.handlers['funds.summary']({})).find((f) => f.mstAllotmentDistId === distId)
    ?.availablePaise;
const paidFrom = (piId: number) =>
  app.ledger.read.get<{ hoa: string; dist: string }>(
    `SELECT p.hoa, s.mst_allotment_dist_id AS dist FROM pis p JOIN sanctions s ON s.id = p.sanction_id WHERE p.id = ?`,
    [piId],
  );

describe('which sanction pays a payment', () => {
  it('a payment naming the wages head is refused when wages lack funds, though material has them', async () => {
    const id = await importPayment(app, 'W-BIG', [1500], { hoa: HOA });
    await expect(pushPayment(app, id)).rejects.toThrow(
      `Not enough funds for payment W-BIG: it needs ₹1,500.00 and head of account ${HOA} lacks funds: none of its sanctions has that much available (the most available is ₹1,000.00, on sanction MAD-WAGES of ${HOA}).`,
    );
    expect(await available('MAD-MATERIAL')).toBe(300_000);
    expect(await app.ledger.read.get('SELECT count(*) AS n FROM pis')).toEqual({ n: 0 });
  });

  it('a payment naming the material head is paid from material, never wages', async () => {
    const id = await importPayment(app, 'M-1', [200], { hoa: HOA2 });
    const pushed = await pushPayment(app, id);
    expect(pushed.status).toBe('Initiated');
    expect(await paidFrom(pushed.piId)).toEqual({ hoa: HOA2, dist: 'MAD-MATERIAL' });
    expect(await available('MAD-WAGES')).toBe(100_000);
    expect(await available('MAD-MATERIAL')).toBe(280_000);
  });

  it('a payment naming no head is paid from the first head, by priority, that has enough', async () => {
    const small = await pushPayment(app, await headlessPayment(app, 'D-1', [400]));
    expect(await paidFrom(small.piId)).toEqual({ hoa: HOA, dist: 'MAD-WAGES' });
    // Wages has Rs. 600 left: a Rs. 700 disbursement goes to the next head.
    const big = await pushPayment(app, await headlessPayment(app, 'D-2', [700]));
    expect(await paidFrom(big.piId)).toEqual({ hoa: HOA2, dist: 'MAD-MATERIAL' });
    const tooBig = await headlessPayment(app, 'D-3', [5000]);
    await expect(pushPayment(app, tooBig)).rejects.toThrow(
      /no head of account of od\.angul has a sanction with that much available \(the most available is ₹2,100\.00, on sanction MAD-MATERIAL/,
    );
    expect((await runCheck(app)).breaches).toEqual([]);
  });
});
