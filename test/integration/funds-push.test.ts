import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  allot,
  available,
  HOA,
  HOA2,
  importPayment,
  openTestApp,
  result,
  vaRow,
  type TestApp,
} from './funds-support';
import { applyPiResult, piPushPoller, releaseFunds } from '../../main/core/pi/push';
import { createPi } from '../../main/core/pi/pi-create';
import { runCheck } from '../../main/core/funds/check';
import { importPayments } from '../../main/core/payments/import';
import { pisPoller } from '../../main/core/reconcile/pollers/pis';
import { applyAs } from './funds-support';
import { AppError } from '../../main/core/errors';
import { logCall } from '../../main/core/pi/history';

const dir = tempDir();
let app: TestApp;
beforeAll(async () => {
  app = await openTestApp(dir, 'push');
});
afterAll(() => app.ledger.close());

const pi = (id: number) =>
  app.ledger.read.get<{
    status: string;
    bill_no: string;
    sanction_id: number;
    last_message: string | null;
  }>('SELECT status, bill_no, sanction_id, last_message FROM pis WHERE id = ?', [id]);
const apply = (piId: number, res: ReturnType<typeof result>) =>
  app.ledger.write(async (tx) => {
    const callId = await logCall(tx, res, { piId });
    await applyPiResult(tx, piId, res, { callId, at: app.now(), runId: null });
  });

describe('PI push: funds and the PI in one transaction', () => {
  it('debits the first sanction by head priority that covers the gross, and numbers the bill', async () => {
    await allot(app, [vaRow('Initial Allotment', 'S2', 10_000)], HOA2);
    await allot(app, [vaRow('Initial Allotment', 'S1', 1_000)]);
    const small = await importPayment(app, 'PAY-1', [300, 200]);
    const { piId, billNo } = await createPi(app, small);
    expect(billNo).toBe('PI-1013/2023-24/000001');
    expect(await available(app, 'S1')).toBe(50_000);
    expect(await pi(piId)).toMatchObject({ status: 'Pending' });
    // S1 (priority 1) cannot cover 600 now: S2 of the next head does.
    const big = await importPayment(app, 'PAY-2', [600]);
    const second = await createPi(app, big);
    expect(second.billNo).toBe('PI-1013/2023-24/000002');
    expect(await available(app, 'S2')).toBe(1_000_000 - 60_000);
    expect(await available(app, 'S1')).toBe(50_000);
    expect((await runCheck(app)).breaches).toEqual([]);
  });

  it('gives a payment no second PI while its latest is not Failed or Declined', async () => {
    const id = await importPayment(app, 'PAY-3', [10]);
    await createPi(app, id);
    await expect(createPi(app, id)).rejects.toThrow(
      /already has payment instruction PI-1013\/2023-24\/000003 \(Pending\)/,
    );
  });

  it('refuses when no sanction has enough, and writes nothing', async () => {
    const id = await importPayment(app, 'PAY-4', [1_000_000]);
    const before = await app.ledger.read.get<{ n: number }>('SELECT count(*) AS n FROM pis');
    const err = await createPi(app, id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/^Not enough funds for payment PAY-4/),
    });
    expect(await app.ledger.read.get('SELECT count(*) AS n FROM pis')).toEqual(before);
  });

  it('lets exactly one of two concurrent pushes take the last funds', async () => {
    const fresh = await openTestApp(dir, 'race');
    await allot(fresh, [vaRow('Initial Allotment', 'R1', 100)]);
    const a = await importPayment(fresh, 'RACE-A', [100]);
    const b = await importPayment(fresh, 'RACE-B', [100]);
    const outcomes = await Promise.allSettled([createPi(fresh, a), createPi(fresh, b)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/^Not enough funds/),
    });
    expect(await available(fresh, 'R1')).toBe(0);
    expect((await runCheck(fresh)).ok).toBe(true);
    await fresh.ledger.close();
  });

  it('merges lines paying the same account and IFSC, and cleans names for the treasury', async () => {
    const res = await importPayments(
      app,
      'm.json',
      JSON.stringify({
        payments: [
          {
            paymentNumber: 'PAY-M',
            tenantId: 'od.angul',
            hoa: HOA,
            purpose: 'Wages #17 <week 2>',
            beneficiaries: [
              {
                benefId: 'M1',
                name: "  Ram@esh   O'Brien_Das ",
                accountNo: '123456789',
                ifsc: 'SBIN0003491',
                amount: '10.25',
                address: 'Plot #4;  Angul',
              },
              {
                benefId: 'M2',
                name: 'Ramesh',
                accountNo: '123456789',
                ifsc: 'SBIN0003491',
                amount: 5,
              },
              {
                benefId: 'M3',
                name: 'Gita',
                accountNo: '123456789',
                ifsc: 'UTIB0000123',
                amount: 1,
              },
            ],
          },
        ],
      }),
    );
    expect(res.accepted).toBe(true);
    const paymentId = (await app.ledger.read.get<{ id: number }>(
      "SELECT id FROM payments WHERE payment_number = 'PAY-M'",
    ))!.id;
    const { piId } = await createPi(app, paymentId);
    const target = (await piPushPoller.select(app)).find((t) => t.piId === piId)!;
    const params = piPushPoller.params(target) as {
      billGrossAmount: string;
      billNumberOfBenf: number;
      purpose: string;
      beneficiaryDetails: Array<Record<string, unknown>>;
    };
    expect(params.billGrossAmount).toBe('16.25');
    expect(params.billNumberOfBenf).toBe(2);
    expect(params.purpose).toBe('Wages 17 week 2');
    expect(params.beneficiaryDetails).toEqual([
      expect.objectContaining({
        benefId: 'M1',
        benefName: 'Ram esh O Brien Das',
        benfAddress: 'Plot 4 Angul',
        benfAmount: '15.25',
      }),
      expect.objectContaining({ benefId: 'M3', benefName: 'Gita', benfAmount: '1.00' }),
    ]);
  });
});

describe('PI push answers', () => {
  it('OK → Initiated, beneficiaries Payment Initiated; a later error for it changes nothing', async () => {
    const id = await importPayment(app, 'PAY-OK', [5]);
    const { piId, billNo } = await createPi(app, id);
    await apply(piId, result('PI', 'OK', { jitBillNo: billNo, successCode: '0' }));
    expect((await pi(piId))!.status).toBe('Initiated');
    const bens = await app.ledger.read.all<{ status: string }>(
      'SELECT status FROM beneficiaries WHERE pi_id = ?',
      [piId],
    );
    expect(bens.every((b) => b.status === 'Payment Initiated')).toBe(true);
    const held = await available(app, 'S1');
    await apply(piId, result('PI', 'ERROR', undefined, 'Duplicate'));
    expect((await pi(piId))!.status).toBe('Initiated');
    expect(await available(app, 'S1')).toBe(held);
  });

  it('ERROR → Failed with its funds back; the payment may then get a new PI', async () => {
    const id = await importPayment(app, 'PAY-ERR', [7]);
    const before = await available(app, 'S1');
    const { piId } = await createPi(app, id);
    expect(await available(app, 'S1')).toBe(before - 700);
    await apply(
      piId,
      result('PI', 'ERROR', undefined, 'Wrong IFSC provided in Beneficiary Details for BenefId X'),
    );
    expect((await pi(piId))!.status).toBe('Failed');
    expect(await available(app, 'S1')).toBe(before);
    const again = await createPi(app, id);
    expect(again.piId).not.toBe(piId);
    expect((await runCheck(app)).breaches).toEqual([]);
  });

  it('No Response → stays Pending with its funds held; an answer about another bill is refused', async () => {
    const id = await importPayment(app, 'PAY-NR', [3]);
    const before = await available(app, 'S1');
    const { piId } = await createPi(app, id);
    await apply(piId, result('PI', 'NO_RESPONSE'));
    expect((await pi(piId))!.status).toBe('Pending');
    await expect(
      apply(piId, result('PI', 'OK', { jitBillNo: 'PI-9999/2023-24/000001' })),
    ).rejects.toThrow(/not PI-1013/);
    expect((await pi(piId))!.status).toBe('Pending');
    expect(await available(app, 'S1')).toBe(before - 300);
    expect((await piPushPoller.select(app)).map((t) => t.piId)).toContain(piId);
  });

  it('a PIS decline gives the funds back through releaseFunds, once', async () => {
    const id = await importPayment(app, 'PAY-DEC', [11]);
    const before = await available(app, 'S1');
    const { piId, billNo } = await createPi(app, id);
    await apply(piId, result('PI', 'OK', { jitBillNo: billNo }));
    await applyAs(
      app,
      pisPoller,
      (t) => t.piId === piId,
      result('PIS', 'ERROR', undefined, `This Bill Number ${billNo} is rejected by SSU angul_op`),
    );
    expect((await pi(piId))!.status).toBe('Declined');
    expect(await available(app, 'S1')).toBe(before);
    expect(await app.ledger.write((tx) => releaseFunds(tx, piId, app.now(), 'again'))).toBe(0);
    expect(await available(app, 'S1')).toBe(before);
    expect((await runCheck(app)).breaches).toEqual([]);
  });
});

describe('PI push errors that are not the treasury saying no', () => {
  it('a login failure, HTTP error or unreadable answer keeps the PI Pending with its funds held', async () => {
    const id = await importPayment(app, 'PAY-NOTNO', [3]);
    const before = await available(app, 'S1');
    const { piId } = await createPi(app, id);
    for (const jitError of [
      'HTTP 401: auth fail, you can retry!',
      'Invalid response: jitBillDate is not a date',
    ]) {
      await apply(piId, { ...result('PI', 'ERROR', undefined, jitError), refused: undefined });
      expect((await pi(piId))!.status).toBe('Pending');
    }
    expect(await available(app, 'S1')).toBe(before - 300);
    expect((await runCheck(app)).breaches).toEqual([]);
  });
});
