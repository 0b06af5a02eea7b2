import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  allot,
  applyAs,
  available,
  HOA,
  openTestApp,
  result,
  vaRow,
  type TestApp,
} from './funds-support';
import { vaPoller } from '../../main/core/funds/va-poller';
import { fundsSummary, listAllotments } from '../../main/core/funds/queries';
import { runCheck } from '../../main/core/funds/check';

const dir = tempDir();
let app: TestApp;
beforeAll(async () => {
  app = await openTestApp(dir, 'allotments');
});
afterAll(() => app.ledger.close());

const txCount = async (distId: string) =>
  (await app.ledger.read.get<{ n: number }>(
    'SELECT count(*) AS n FROM funds_transactions t JOIN sanctions s ON s.id = t.sanction_id WHERE s.mst_allotment_dist_id = ?',
    [distId],
  ))!.n;

describe('VA allotments', () => {
  it('an initial allotment creates the sanction with its funds', async () => {
    await allot(app, [vaRow('Initial Allotment', 'D1', 1000)]);
    const rows = await fundsSummary(app.ledger);
    expect(rows).toEqual([
      expect.objectContaining({
        mstAllotmentDistId: 'D1',
        tenantId: 'od.angul',
        hoa: HOA,
        allottedPaise: 100_000,
        availablePaise: 100_000,
      }),
    ]);
  });

  it('an additional allotment adds and a withdrawal deducts, whatever the case of the type', async () => {
    await allot(app, [
      vaRow('ADDITIONAL ALLOTMENT', 'D1', 500.5),
      vaRow('allotment Withdrawal', 'D1', 200.25),
    ]);
    expect(await available(app, 'D1')).toBe(100_000 + 50_050 - 20_025);
    const [row] = await fundsSummary(app.ledger);
    expect(row!.allottedPaise).toBe(130_025);
    expect(await txCount('D1')).toBe(3);
  });

  it('the same allotment (ssuAllotmentId + txn number) is applied once however often it comes', async () => {
    const row = vaRow('Additional allotment', 'D1', 100);
    await allot(app, [row]);
    const before = await available(app, 'D1');
    const count = await txCount('D1');
    await allot(app, [row, { ...row }]);
    expect(await available(app, 'D1')).toBe(before);
    expect(await txCount('D1')).toBe(count);
  });

  it('a withdrawal beyond available applies only what is there and is flagged with the shortfall', async () => {
    await allot(app, [vaRow('Initial Allotment', 'D2', 300)]);
    await allot(app, [vaRow('Allotment withdrawal', 'D2', 500)]);
    expect(await available(app, 'D2')).toBe(0);
    const flagged = await listAllotments(app.ledger, { flaggedOnly: true, limit: 50, offset: 0 });
    const w = flagged.rows.find((r) => r.mstAllotmentDistId === 'D2');
    expect(w).toMatchObject({ amountPaise: 50_000, appliedPaise: 30_000 });
    expect(w!.flag).toMatch(/shortfall Rs\. 200\.00/);
  });

  it('an allotment for an unknown sanction is kept, flagged and applies nothing', async () => {
    await allot(app, [vaRow('Additional allotment', 'NOPE', 700)]);
    const row = await app.ledger.read.get<{
      sanction_id: number | null;
      applied_paise: number;
      flag: string;
    }>(
      "SELECT sanction_id, applied_paise, flag FROM allotments WHERE mst_allotment_dist_id = 'NOPE'",
    );
    expect(row).toMatchObject({ sanction_id: null, applied_paise: 0 });
    expect(row!.flag).toMatch(/No sanction NOPE/);
    expect((await fundsSummary(app.ledger)).map((r) => r.mstAllotmentDistId)).not.toContain('NOPE');
  });

  it('allotments that came before their initial allotment are applied when it arrives', async () => {
    await allot(app, [
      vaRow('Additional allotment', 'LATE', 300),
      vaRow('Allotment withdrawal', 'LATE', 100),
    ]);
    expect((await fundsSummary(app.ledger)).map((r) => r.mstAllotmentDistId)).not.toContain('LATE');
    await allot(app, [vaRow('Initial Allotment', 'LATE', 1000)]);
    expect(await available(app, 'LATE')).toBe(120_000);
    const rows = await app.ledger.read.all<{ applied_paise: number; flag: string | null }>(
      "SELECT applied_paise, flag FROM allotments WHERE mst_allotment_dist_id = 'LATE' ORDER BY id",
    );
    expect(rows).toEqual([
      { applied_paise: 30_000, flag: null },
      { applied_paise: 10_000, flag: null },
      { applied_paise: 100_000, flag: null },
    ]);
    expect((await runCheck(app)).breaches).toEqual([]);
  });

  it('an unknown allotment type is kept and flagged, nothing applied', async () => {
    const before = await available(app, 'D1');
    await allot(app, [vaRow('Expense', 'D1', 10)]);
    expect(await available(app, 'D1')).toBe(before);
    const page = await listAllotments(app.ledger, { flaggedOnly: true, limit: 50, offset: 0 });
    expect(
      page.rows.some((r) => r.txnType === 'Expense' && /Unknown allotment type/.test(r.flag ?? '')),
    ).toBe(true);
  });

  it('an answer with an amount that is not paise applies nothing at all', async () => {
    const before = await available(app, 'D1');
    const res = await allot(app, [
      vaRow('Additional allotment', 'D1', 5),
      { ...vaRow('Additional allotment', 'D1', 1), allotmentAmount: 1.5 },
    ]);
    expect(res.outcome).toBe('ERROR');
    expect(await available(app, 'D1')).toBe(before);
  });

  it('asks from the effective date first, then from the day of the last successful run', async () => {
    const fresh = await openTestApp(dir, 'va-from');
    const t = (await vaPoller.select(fresh)).find((x) => x.key === HOA)!;
    expect(vaPoller.params(t)).toEqual({
      hoa: HOA,
      ddoCode: 'DDO1013',
      granteCode: 'GR1013',
      fromDate: '2023-04-01 00:00:00',
    });
    await applyAs(fresh, vaPoller, (x) => x.key === HOA, result('VA', 'NO_RESPONSE'));
    expect(
      vaPoller.params((await vaPoller.select(fresh)).find((x) => x.key === HOA)!).fromDate,
    ).toBe('2023-04-01 00:00:00');
    await allot(fresh, [vaRow('Initial Allotment', 'F1', 1)]);
    expect(
      vaPoller.params((await vaPoller.select(fresh)).find((x) => x.key === HOA)!).fromDate,
    ).toBe('2023-10-02 00:00:00');
    await fresh.ledger.close();
  });

  it('keeps the summary equal to the transactions, never negative', async () => {
    expect(await runCheck(app)).toMatchObject({ ok: true, breaches: [] });
  });
});

describe('heads of account from the sandbox scenario', () => {
  it('registers one head per code for one DDO, with its city code in bill numbers', async () => {
    const { default: scenario } = await import('../../sandbox/scenarios/default.json');
    const { seedHeadsOfAccount } = await import('../../main/core/funds/seed');
    const { nextBillNo } = await import('../../main/core/payments/bill-no');
    const fresh = await openTestApp(dir, 'seed');
    const res = await seedHeadsOfAccount(fresh.ledger, scenario.allotments, {
      tenantId: 'od.talcher',
      effectiveDate: '2023-04-01',
      ddoCode: 'DDO2045',
    });
    expect(res).toEqual({ registered: ['2217-05-191-2634-01-00-00-00'], skipped: [] });
    const head = await fresh.ledger.read.get(
      'SELECT tenant_id, ddo_code, grantee_code, ssu_ia_id, effective_date FROM heads_of_account WHERE hoa = ?',
      ['2217-05-191-2634-01-00-00-00'],
    );
    expect(head).toEqual({
      tenant_id: 'od.talcher',
      ddo_code: 'DDO2045',
      grantee_code: 'GR2045',
      ssu_ia_id: 'SSU-TALCHER',
      effective_date: '2023-04-01 00:00:00',
    });
    expect(
      await fresh.ledger.write((tx) =>
        nextBillNo(tx, 'PI', 'od.talcher', Date.parse('2024-04-01T00:00:00+05:30')),
      ),
    ).toBe('PI-2045/2024-25/000001');
    expect(
      await fresh.ledger.write((tx) =>
        nextBillNo(tx, 'PI', 'od.talcher', Date.parse('2024-04-02T00:00:00+05:30')),
      ),
    ).toBe('PI-2045/2024-25/000002');
    await fresh.ledger.close();
  });
});
