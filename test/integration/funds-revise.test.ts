import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  allot,
  beneficiariesOn,
  importPayment,
  openTestApp,
  result,
  scriptedTreasury,
  throughTreasury,
  vaRow,
  type TestApp,
} from './funds-support';
import { applyPiResult } from '../../main/core/pi/push';
import { createPi } from '../../main/core/pi/pi-create';
import { corCheck, corWindowEnd, createRevisedPi } from '../../main/core/pi/revise';
import { runCheck } from '../../main/core/funds/check';
import { logCall } from '../../main/core/pi/history';
import type { Outcome } from '../../shared/status';

const dir = tempDir();
let corOutcome: Outcome = 'OK';
const treasury = scriptedTreasury((service, params) =>
  corOutcome === 'OK'
    ? result(service, 'OK', {
        jitCorBillNo: params.jitCorBillNo,
        jitCorBillDate: params.jitCorBillDate,
        successCode: '0',
      })
    : result(service, corOutcome, undefined, 'Invalid beneficiary account'),
);
let app: TestApp;
beforeAll(async () => {
  app = await openTestApp(dir, 'revise', treasury);
  await allot(app, [vaRow('Initial Allotment', 'C1', 100_000)]);
});
afterAll(() => app.ledger.close());

/** A PI pushed and accepted, then taken through the treasury with `failed` beneficiaries returned. */
async function completedPi(
  number: string,
  amounts: number[],
  failed: number[],
  advice = true,
): Promise<number> {
  const paymentId = await importPayment(app, number, amounts);
  const { piId, billNo } = await createPi(app, paymentId);
  await app.ledger.write(async (tx) => {
    const res = result('PI', 'OK', { jitBillNo: billNo });
    const callId = await logCall(tx, res, { piId });
    await applyPiResult(tx, piId, res, { callId, at: app.now(), runId: null });
  });
  await throughTreasury(
    app,
    piId,
    failed.map((i) => `${number}-B${i}`),
    advice,
  );
  return piId;
}

describe('revised PI window', () => {
  it('is 90 days within the financial year, or until 30 April when the 90 days cross 31 March', () => {
    expect(corWindowEnd('2023-10-02')).toBe('2023-12-31');
    expect(corWindowEnd('2023-12-31')).toBe('2024-03-30');
    expect(corWindowEnd('2024-01-15')).toBe('2024-04-30');
    expect(corWindowEnd('2024-03-20')).toBe('2024-04-30');
    expect(corWindowEnd('2024-04-01')).toBe('2024-06-30');
  });
});

describe('revised PI refusals', () => {
  it('refuses a PI that is not Completed', async () => {
    const paymentId = await importPayment(app, 'R-PEND', [10]);
    const { piId } = await createPi(app, paymentId);
    const check = await corCheck(app, piId);
    expect(check).toMatchObject({
      allowed: false,
      newPiOffered: false,
      reason: expect.stringMatching(/Pending; only a Completed/),
    });
    await expect(
      createRevisedPi(app, { piId, beneficiaries: [{ beneficiaryId: 1 }] }),
    ).rejects.toMatchObject({ code: 'REFUSED' });
  });

  it('refuses a Completed PI with no failed beneficiary', async () => {
    const piId = await completedPi('R-NONE', [10], []);
    expect(await corCheck(app, piId)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/no failed beneficiary/),
    });
  });

  it('refuses when the original has no PAG bill reference', async () => {
    const piId = await completedPi('R-NOREF', [10, 20], [1]);
    await app.ledger.write((tx) => tx.run('DELETE FROM payment_advice WHERE pi_id = ?', [piId]));
    const check = await corCheck(app, piId);
    expect(check).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/no bill reference from its payment advice/),
    });
    const [b] = await beneficiariesOn(app, piId);
    await expect(
      createRevisedPi(app, { piId, beneficiaries: [{ beneficiaryId: b!.id }] }),
    ).rejects.toMatchObject({ code: 'REFUSED' });
    expect(treasury.calls).toHaveLength(0);
  });

  it('refuses outside the window and offers a new PI', async () => {
    const piId = await completedPi('R-LATE', [10], [1]);
    const saved = app.clock.t;
    app.clock.t = Date.parse('2024-01-01T00:00:00+05:30');
    try {
      expect(await corCheck(app, piId)).toMatchObject({
        allowed: false,
        newPiOffered: true,
        windowEndsOn: '2023-12-31',
      });
      const [b] = await beneficiariesOn(app, piId);
      await expect(
        createRevisedPi(app, { piId, beneficiaries: [{ beneficiaryId: b!.id }] }),
      ).rejects.toThrow(/window .* closed on 2023-12-31/);
    } finally {
      app.clock.t = saved;
    }
  });

  it('refuses a beneficiary that did not fail, and bad corrected bank details', async () => {
    const piId = await completedPi('R-PICK', [10, 20], [2]);
    const [paid, failed] = await beneficiariesOn(app, piId);
    expect(await corCheck(app, piId)).toMatchObject({
      allowed: true,
      beneficiaries: [expect.objectContaining({ id: failed!.id })],
    });
    await expect(
      createRevisedPi(app, { piId, beneficiaries: [{ beneficiaryId: paid!.id }] }),
    ).rejects.toThrow(/not a failed beneficiary/);
    await expect(
      createRevisedPi(app, {
        piId,
        beneficiaries: [{ beneficiaryId: failed!.id, correctedIfsc: 'SBIN123' }],
      }),
    ).rejects.toThrow(/IFSC/);
    await expect(
      createRevisedPi(app, {
        piId,
        beneficiaries: [{ beneficiaryId: failed!.id, correctedAccountNo: '12ab' }],
      }),
    ).rejects.toThrow(/9 to 18 digits/);
    expect(treasury.calls).toHaveLength(0);
  });

  it('creates a revised PI with the corrected details and no debit, then refuses a second one for the same beneficiary', async () => {
    const piId = await completedPi('R-OK', [10, 20], [1, 2]);
    const [b1, b2] = await beneficiariesOn(app, piId);
    const funds = await app.ledger.read.get('SELECT * FROM funds_summary');
    corOutcome = 'OK';
    const res = await createRevisedPi(app, {
      piId,
      beneficiaries: [
        { beneficiaryId: b1!.id, correctedAccountNo: '998877665544', correctedIfsc: 'UTIB0000999' },
      ],
    });
    expect(res).toMatchObject({
      billNo: 'COR-1013/2023-24/000001',
      status: 'Initiated',
      outcome: 'OK',
    });
    const sent = treasury.calls.at(-1)!;
    expect(sent.params).toMatchObject({
      jitCorBillNo: 'COR-1013/2023-24/000001',
      jitCorBillDeptCode: 'MUKTA',
      jitOrgBillRefNo: `REF-${piId}`,
      beneficiaryDtls: [
        {
          benefId: b1!.benfId,
          jitCurBillRefNo: `REF-${piId}`,
          orgAccountNo: b1!.accountNo,
          orgIfsc: b1!.ifsc,
          curAccountNo: b1!.accountNo,
          curIfsc: b1!.ifsc,
          correctedAccountNo: '998877665544',
          correctedIfsc: 'UTIB0000999',
        },
      ],
    });
    const row = await app.ledger.read.get<{
      parent_pi_id: number;
      account_no: string;
      org_account_no: string;
      parent_beneficiary_id: number;
      gross_paise: number;
    }>(
      'SELECT p.parent_pi_id, p.gross_paise, b.account_no, b.org_account_no, b.parent_beneficiary_id FROM pis p JOIN beneficiaries b ON b.pi_id = p.id WHERE p.id = ?',
      [res.piId],
    );
    expect(row).toEqual({
      parent_pi_id: piId,
      gross_paise: 1_000,
      account_no: '998877665544',
      org_account_no: b1!.accountNo,
      parent_beneficiary_id: b1!.id,
    });
    expect(await app.ledger.read.get('SELECT * FROM funds_summary')).toEqual(funds);
    await expect(
      createRevisedPi(app, { piId, beneficiaries: [{ beneficiaryId: b1!.id }] }),
    ).rejects.toThrow(/already being paid again by COR-1013\/2023-24\/000001/);
    // The other failed beneficiary can still be revised.
    expect(await corCheck(app, piId)).toMatchObject({ allowed: true });
    expect((await runCheck(app)).breaches).toEqual([]);
    void b2;
  });

  it('an error answer creates nothing and shows the message; No Response re-sends the same COR number', async () => {
    const piId = await completedPi('R-ERR', [10], [1]);
    const [b] = await beneficiariesOn(app, piId);
    const pick = { piId, beneficiaries: [{ beneficiaryId: b!.id }] };
    corOutcome = 'ERROR';
    await expect(createRevisedPi(app, pick)).rejects.toMatchObject({
      code: 'TREASURY',
      message: expect.stringMatching(/On call of COR API: Invalid beneficiary account/),
    });
    const firstNo = treasury.calls.at(-1)!.params.jitCorBillNo;
    corOutcome = 'NO_RESPONSE';
    await expect(createRevisedPi(app, pick)).rejects.toThrow(/No response is received/);
    const secondNo = treasury.calls.at(-1)!.params.jitCorBillNo;
    expect(secondNo).not.toBe(firstNo);
    expect(
      await app.ledger.read.get(
        "SELECT count(*) AS n FROM pis WHERE kind = 'COR' AND parent_pi_id = ?",
        [piId],
      ),
    ).toEqual({ n: 0 });
    // A different choice is refused while that unanswered one may exist at the treasury.
    await expect(
      createRevisedPi(app, {
        ...pick,
        beneficiaries: [{ beneficiaryId: b!.id, correctedIfsc: 'UTIB0000999' }],
      }),
    ).rejects.toThrow(/got no answer/);
    corOutcome = 'OK';
    const res = await createRevisedPi(app, pick);
    expect(treasury.calls.at(-1)!.params.jitCorBillNo).toBe(secondNo);
    expect(res.billNo).toBe(secondNo);
  });
});
