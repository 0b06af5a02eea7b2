// VA allotments through the real path: rows the sandbox treasury reports, fetched by the
// engine's VA run over loopback and applied by the real poller.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  allotmentRow,
  available,
  fund,
  HEADS,
  HOA,
  HOA2,
  DAY,
  importPayment,
  MIN,
  testWorld,
  run,
  type FundsWorld,
} from './funds-support';
import { fundsSummary, listAllotments } from '../../main/core/funds/queries';
import { runCheck } from '../../main/core/funds/check';
import { registerHeadsOfAccount } from '../../main/core/funds/heads';
import { pushPayment } from '../../main/core/pi/push';

const dir = tempDir();
const world = (): Promise<FundsWorld> => testWorld(dir, 'allot');

const txCount = async (w: FundsWorld, distId: string) =>
  (await w.app.ledger.read.get<{ n: number }>(
    'SELECT count(*) AS n FROM funds_transactions t JOIN sanctions s ON s.id = t.sanction_id WHERE s.mst_allotment_dist_id = ?',
    [distId],
  ))!.n;

/** The next row comes a minute later on the treasury's clock. */
const later = (w: FundsWorld) => w.sandbox.clock.advance(MIN);

describe('VA allotments', () => {
  it('an initial allotment creates the sanction with its funds', async () => {
    const w = await world();
    await fund(w, 'D1', 1000);
    expect(await fundsSummary(w.app.ledger)).toEqual([
      expect.objectContaining({
        mstAllotmentDistId: 'D1',
        tenantId: 'od.angul',
        hoa: HOA,
        allottedPaise: 100_000,
        availablePaise: 100_000,
      }),
    ]);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('an additional allotment adds and a withdrawal deducts, whatever the case of the type', async () => {
    const w = await world();
    await fund(w, 'D1', 1000);
    later(w);
    await fund(w, 'D1', '500.50', { type: 'ADDITIONAL ALLOTMENT' });
    later(w);
    await fund(w, 'D1', 200.25, { type: 'allotment Withdrawal' });
    expect(await available(w.app, 'D1')).toBe(100_000 + 50_050 - 20_025);
    const [row] = await fundsSummary(w.app.ledger);
    expect(row!.allottedPaise).toBe(130_025);
    expect(await txCount(w, 'D1')).toBe(3);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('the same allotment (ssuAllotmentId + txn number) is applied once however often it comes', async () => {
    const w = await world();
    await fund(w, 'D1', 1000);
    const { slNo } = await fund(w, 'D1', 100, { type: 'Additional allotment' });
    const before = await available(w.app, 'D1');
    expect(before).toBe(110_000);
    // The treasury reports it again in the same answer, and on every run that day.
    w.sandbox.addAllotments([
      allotmentRow(w, 'D1', 100, { type: 'Additional allotment', repeatOf: slNo }),
    ]);
    await run(w, 'VA');
    await run(w, 'VA');
    expect(await available(w.app, 'D1')).toBe(before);
    expect(await txCount(w, 'D1')).toBe(2);
  });

  it('a withdrawal beyond available applies only what is there and is flagged with the shortfall', async () => {
    const w = await world();
    await fund(w, 'D2', 300);
    later(w);
    await fund(w, 'D2', 500, { type: 'Allotment withdrawal' });
    expect(await available(w.app, 'D2')).toBe(0);
    const flagged = await listAllotments(w.app.ledger, { flaggedOnly: true, limit: 50, offset: 0 });
    expect(flagged.rows).toEqual([
      expect.objectContaining({
        mstAllotmentDistId: 'D2',
        // The treasury's date is kept for staff (and orders the allotments kept waiting).
        allotmentDate: expect.any(String),
        amountPaise: 50_000,
        appliedPaise: 30_000,
        flag: expect.stringMatching(/shortfall Rs\. 200\.00/),
      }),
    ]);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('an allotment for an unknown sanction is kept, flagged and applies nothing', async () => {
    const w = await world();
    await fund(w, 'NOPE', 700, { type: 'Additional allotment' });
    const row = await w.app.ledger.read.get<{
      sanction_id: number | null;
      applied_paise: number;
      flag: string;
    }>(
      "SELECT sanction_id, applied_paise, flag FROM allotments WHERE mst_allotment_dist_id = 'NOPE'",
    );
    expect(row).toMatchObject({ sanction_id: null, applied_paise: 0 });
    expect(row!.flag).toMatch(/No sanction NOPE/);
    expect(await fundsSummary(w.app.ledger)).toEqual([]);
  });

  it('allotments that came before their initial allotment are applied when it arrives', async () => {
    const w = await world();
    await fund(w, 'LATE', 300, { type: 'Additional allotment' });
    later(w);
    await fund(w, 'LATE', 100, { type: 'Allotment withdrawal' });
    expect(await fundsSummary(w.app.ledger)).toEqual([]);
    later(w);
    await fund(w, 'LATE', 1000);
    expect(await available(w.app, 'LATE')).toBe(120_000);
    const rows = await w.app.ledger.read.all<{ applied_paise: number; flag: string | null }>(
      "SELECT applied_paise, flag FROM allotments WHERE mst_allotment_dist_id = 'LATE' ORDER BY id",
    );
    expect(rows).toEqual([
      { applied_paise: 30_000, flag: null },
      { applied_paise: 10_000, flag: null },
      { applied_paise: 100_000, flag: null },
    ]);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('an unknown allotment type is kept and flagged, nothing applied', async () => {
    const w = await world();
    await fund(w, 'D1', 1000);
    await fund(w, 'D1', 10, { type: 'Expense' });
    expect(await available(w.app, 'D1')).toBe(100_000);
    const page = await listAllotments(w.app.ledger, { flaggedOnly: true, limit: 50, offset: 0 });
    expect(page.rows).toEqual([
      expect.objectContaining({
        txnType: 'Expense',
        flag: expect.stringMatching(/Unknown allotment type/),
      }),
    ]);
  });

  it('an answer with an amount that is not paise applies nothing at all', async () => {
    const w = await world();
    await fund(w, 'D1', 1000);
    later(w);
    w.sandbox.addAllotments([
      allotmentRow(w, 'D1', 5, { type: 'Additional allotment' }),
      allotmentRow(w, 'D1', '1.005', { type: 'Additional allotment' }),
    ]);
    const summary = await run(w, 'VA');
    expect(summary.outcomes.OK).toBe(0);
    const call = await w.app.ledger.read.get<{ outcome: string; message: string }>(
      `SELECT outcome, message FROM treasury_calls WHERE service = 'VA' AND call_key = ? ORDER BY id DESC LIMIT 1`,
      [HOA],
    );
    expect(call).toMatchObject({ outcome: 'ERROR', message: expect.stringMatching(/1\.005/) });
    expect(await available(w.app, 'D1')).toBe(100_000);
    expect(await txCount(w, 'D1')).toBe(1);
  });

  it('asks from the effective date first, then from the day of the last answered run', async () => {
    const w = await world();
    const asked = async () =>
      (
        await w.app.ledger.read.all<{ p: string }>(
          `SELECT request_json ->> '$.params' AS p FROM treasury_calls WHERE service = 'VA' ORDER BY id`,
        )
      ).map((r) => JSON.parse(r.p) as Record<string, string>);
    // The treasury takes the call but its answer is lost: the next run asks from the same date.
    w.sandbox.faults.inject('VA', 'reset', { times: 1 });
    await fund(w, 'F1', 1);
    expect(await available(w.app, 'F1')).toBeNaN();
    later(w);
    await run(w, 'VA');
    expect(await available(w.app, 'F1')).toBe(100);
    w.sandbox.clock.advance(2 * 24 * 60 * MIN);
    await run(w, 'VA');
    const [lost, first, next] = (await asked()).filter((p) => p.hoa === HOA);
    expect(lost).toEqual({
      hoa: HOA,
      ddoCode: 'DDO1013',
      granteCode: 'GR1013',
      fromDate: '2023-04-01 00:00:00',
    });
    expect(first!.fromDate).toBe('2023-04-01 00:00:00');
    expect(next!.fromDate).toBe('2023-10-02 00:00:00');
    expect(await available(w.app, 'F1')).toBe(100);
  });
});

describe('VA answers with several rows', () => {
  it('applies an initial allotment before the others of the same answer, whatever their order', async () => {
    const w = await world();
    // The additional allotment is dated first, and comes first in the answer.
    w.sandbox.addAllotments([allotmentRow(w, 'ORD', 250, { type: 'Additional allotment' })]);
    later(w);
    w.sandbox.addAllotments([allotmentRow(w, 'ORD', 1000)]);
    await run(w, 'VA');
    expect(await available(w.app, 'ORD')).toBe(125_000);
    const flagged = await listAllotments(w.app.ledger, { flaggedOnly: true, limit: 10, offset: 0 });
    expect(flagged.total).toBe(0);
  });

  it('a second initial allotment for a known sanction is added and flagged', async () => {
    const w = await world();
    await fund(w, 'TWICE', 100);
    later(w);
    await fund(w, 'TWICE', 50);
    expect(await available(w.app, 'TWICE')).toBe(15_000);
    const flagged = await listAllotments(w.app.ledger, { flaggedOnly: true, limit: 10, offset: 0 });
    expect(flagged.rows.map((r) => [r.flag, r.appliedPaise])).toEqual([
      ['Initial allotment for sanction TWICE, which already exists: added to it.', 5_000],
    ]);
  });

  it('keeps the sanction as the treasury names it, and flags in words staff can act on', async () => {
    const w = await world();
    await fund(w, 'NAMED', 10);
    await fund(w, 'GHOST', 5, { type: 'Allotment withdrawal' });
    await fund(w, 'NAMED', 3, { type: '  allotment   WITHDRAWAL ' });
    await fund(w, 'NAMED', 20, { type: 'Allotment withdrawal' });
    expect(await fundsSummary(w.app.ledger)).toEqual([
      expect.objectContaining({
        mstAllotmentDistId: 'NAMED',
        ddoCode: 'DDO1013',
        schemeName: 'Mukhya Mantri Karma Tatpara Abhiyan',
        allottedPaise: 0,
        availablePaise: 0,
      }),
    ]);
    const flags = (
      await listAllotments(w.app.ledger, { flaggedOnly: true, limit: 10, offset: 0 })
    ).rows.map((r) => r.flag);
    expect(flags).toEqual([
      'Withdrawal of Rs. 20.00 exceeds the available Rs. 7.00: applied Rs. 7.00, shortfall Rs. 13.00.',
      'No sanction GHOST is known (no initial allotment): nothing applied.',
    ]);
    const sanction = await w.app.ledger.read.get(
      'SELECT scheme_code AS scheme, grantee_ag_code AS grantee, ssu_ia_id AS ssu, tenant_id AS tenant FROM sanctions',
    );
    expect(sanction).toEqual({
      scheme: 'MUKTA',
      grantee: 'GR1013',
      ssu: 'SSU-ANGUL',
      tenant: 'od.angul',
    });
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('an allotment of nothing is kept but moves no funds', async () => {
    const w = await world();
    await fund(w, 'NIL', 10);
    await fund(w, 'NIL', 0, { type: 'Additional allotment' });
    const kept = await listAllotments(w.app.ledger, { flaggedOnly: false, limit: 10, offset: 0 });
    expect(kept.rows.map((r) => [r.amountPaise, r.appliedPaise, r.flag])).toEqual([
      [0, 0, null],
      [1_000, 1_000, null],
    ]);
    expect(await txCount(w, 'NIL')).toBe(1);
    expect(await available(w.app, 'NIL')).toBe(1_000);
  });

  it('a withdrawal from an empty sanction moves nothing and is flagged in full', async () => {
    const w = await world();
    await fund(w, 'EMPTY', 10);
    await fund(w, 'EMPTY', 10, { type: 'Allotment withdrawal' });
    await fund(w, 'EMPTY', 4, { type: 'Allotment withdrawal' });
    expect(await txCount(w, 'EMPTY')).toBe(2);
    const flags = (await listAllotments(w.app.ledger, { flaggedOnly: true, limit: 10, offset: 0 }))
      .rows;
    // Withdrawing exactly what is available is no shortfall: only the second one is flagged.
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      appliedPaise: 0,
      flag: 'Withdrawal of Rs. 4.00 exceeds the available Rs. 0.00: applied Rs. 0.00, shortfall Rs. 4.00.',
    });
  });
});

describe('VA answers the treasury words its own way', () => {
  it('applies the rows of an answer in date order whatever order they come in', async () => {
    const w = await world();
    await fund(w, 'REV', 100);
    later(w);
    w.sandbox.addAllotments([allotmentRow(w, 'REV', 100, { type: 'Additional allotment' })]);
    later(w);
    w.sandbox.addAllotments([allotmentRow(w, 'REV', 150, { type: 'Allotment withdrawal' })]);
    // Newest first: the withdrawal, taken first, would find only 100 of its 150.
    w.sandbox.faults.inject('VA', 'reverse', { times: 1, billNo: HOA });
    await run(w, 'VA');
    expect(await available(w.app, 'REV')).toBe(5_000);
    // And oldest first, as the treasury usually answers: the same order.
    w.sandbox.clock.advance(DAY);
    w.sandbox.addAllotments([allotmentRow(w, 'REV', 100, { type: 'Additional allotment' })]);
    later(w);
    w.sandbox.addAllotments([allotmentRow(w, 'REV', 150, { type: 'Allotment withdrawal' })]);
    await run(w, 'VA');
    expect(await available(w.app, 'REV')).toBe(0);
    const flagged = await listAllotments(w.app.ledger, { flaggedOnly: true, limit: 10, offset: 0 });
    expect(flagged.total).toBe(0);
  });

  it("keeps a sanction's DDO and grantee as the treasury's rows name them, and pushes with them", async () => {
    const w = await world();
    w.sandbox.faults.inject('VA', 'setField', {
      times: 1,
      billNo: HOA,
      fields: { ddoCode: 'OLSHUD001', granteeAgCode: 'GOHUDULBMPL0036' },
    });
    await fund(w, 'CODES', 1000);
    expect(await fundsSummary(w.app.ledger)).toEqual([
      expect.objectContaining({ mstAllotmentDistId: 'CODES', ddoCode: 'OLSHUD001' }),
    ]);
    const res = await pushPayment(w.app, await importPayment(w.app, 'PAY-CODES', [10]));
    const call = await w.app.ledger.read.get<{ params: string }>(
      `SELECT request_json ->> '$.params' AS params FROM treasury_calls WHERE service = 'PI' AND pi_id = ?`,
      [res.piId],
    );
    expect(JSON.parse(call!.params)).toMatchObject({
      jitBillDdoCode: 'OLSHUD001',
      granteeAgCode: 'GOHUDULBMPL0036',
      mstAllotmentDistId: 'CODES',
    });
  });
});

describe('VA rows of a sanction of another head', () => {
  it("stay unapplied when that sanction later gets more funds in its own head's answer", async () => {
    const w = await world();
    await fund(w, 'MINE', 100);
    await fund(w, 'OURS', 100);
    later(w);
    // HOA2's answer names HOA's sanctions: both rows are flagged and apply nothing.
    w.sandbox.addAllotments([
      allotmentRow(w, 'MINE', 30, { hoa: HOA2, type: 'Additional allotment' }),
      allotmentRow(w, 'OURS', 50, { hoa: HOA2, type: 'Additional allotment' }),
    ]);
    await run(w, 'VA');
    later(w);
    await fund(w, 'MINE', 10, { type: 'Additional allotment' });
    expect(await available(w.app, 'MINE')).toBe(11_000);
    later(w);
    // A second initial allotment in its own head's answer is added (and flagged as such); the
    // row that came in the other head's answer still waits for someone to ask the treasury.
    await fund(w, 'OURS', 20);
    expect(await available(w.app, 'OURS')).toBe(12_000);
    const rows = await w.app.ledger.read.all<{ distId: string; applied: number; flag: string }>(
      `SELECT mst_allotment_dist_id AS distId, applied_paise AS applied, flag FROM allotments
        WHERE flag IS NOT NULL ORDER BY id`,
    );
    expect(rows).toEqual([
      { distId: 'MINE', applied: 0, flag: expect.stringMatching(/belongs to head of account/) },
      { distId: 'OURS', applied: 0, flag: expect.stringMatching(/belongs to head of account/) },
      {
        distId: 'OURS',
        applied: 2_000,
        flag: 'Initial allotment for sanction OURS, which already exists: added to it.',
      },
    ]);
  });
});

describe('the funds pages', () => {
  it('lists sanctions by head priority, and allotments newest first, a page at a time', async () => {
    const w = await world();
    await fund(w, 'LOW', 10, { hoa: HOA2 });
    await fund(w, 'HIGH', 20);
    await fund(w, 'HIGH', 5, { type: 'Expense' });
    expect((await fundsSummary(w.app.ledger)).map((r) => [r.mstAllotmentDistId, r.hoa])).toEqual([
      ['HIGH', HOA],
      ['LOW', HOA2],
    ]);
    const all = await listAllotments(w.app.ledger, { flaggedOnly: false, limit: 2, offset: 0 });
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => [r.mstAllotmentDistId, r.amountPaise])).toEqual([
      ['HIGH', 500],
      ['HIGH', 2_000],
    ]);
    const next = await listAllotments(w.app.ledger, { flaggedOnly: false, limit: 2, offset: 2 });
    expect(next.rows.map((r) => r.mstAllotmentDistId)).toEqual(['LOW']);
    const flagged = await listAllotments(w.app.ledger, { flaggedOnly: true, limit: 10, offset: 0 });
    expect(flagged).toMatchObject({ total: 1, rows: [{ txnType: 'Expense', appliedPaise: 0 }] });
  });
});

describe('heads of account', () => {
  it('a tenant without a city code cannot push: the refusal names the missing code', async () => {
    const w = await world();
    await registerHeadsOfAccount(w.app.ledger, [
      {
        ...HEADS[0]!,
        hoa: '2217-05-191-2634-09-00-00-00',
        tenantId: 'od.new-town',
        cityCode: undefined,
      },
    ]);
    await fund(w, 'NT', 100, { hoa: '2217-05-191-2634-09-00-00-00' });
    const id = await importPayment(w.app, 'PAY-NT', [10], {
      hoa: '2217-05-191-2634-09-00-00-00',
      tenantId: 'od.new-town',
    });
    await expect(pushPayment(w.app, id)).rejects.toThrow(
      /PAY-NT cannot be pushed: .*Missing: the city code of od\.new-town \(for bill numbers\)/,
    );
  });

  it('registering a head again updates it; a bad effective date is refused', async () => {
    const w = await world();
    await registerHeadsOfAccount(w.app.ledger, [{ ...HEADS[1]!, priority: 0 }]);
    await fund(w, 'FIRST', 100);
    await fund(w, 'NOW-FIRST', 100, { hoa: HOA2 });
    expect((await fundsSummary(w.app.ledger)).map((r) => r.mstAllotmentDistId)).toEqual([
      'NOW-FIRST',
      'FIRST',
    ]);
    await expect(
      registerHeadsOfAccount(w.app.ledger, [{ ...HEADS[0]!, effectiveDate: '01/04/2023' }]),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: `The effective date of ${HOA} must be yyyy-MM-dd or yyyy-MM-dd HH:mm:ss.`,
    });
  });
});
