// Pushing a payment through the real send path: createPi's debit, the JitClient over
// loopback to the sandbox treasury, and the answer applied with its call row. Refusals and
// lost answers come from the sandbox's fault switches.
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  available,
  count,
  fund,
  HOA,
  headlessPayment,
  HOA2,
  importPayment,
  MIN,
  nights,
  testWorld,
  piRow,
  run,
  type FundsWorld,
  type WorldOptions,
} from './funds-support';
import { pushPayment, releaseFunds, repushPending } from '../../main/core/pi/push';
import { runCheck } from '../../main/core/funds/check';
import { importPayments } from '../../main/core/payments/import';
import { AppError } from '../../main/core/errors';
import { paymentStates } from '../../main/core/payments/progress';

const dir = tempDir();
const world = (opts?: WorldOptions): Promise<FundsWorld> => testWorld(dir, 'push', opts);

const piCalls = (w: FundsWorld, piId: number) =>
  w.app.ledger.read.all<{ outcome: string; request_json: string }>(
    `SELECT outcome, request_json FROM treasury_calls WHERE pi_id = ? AND service = 'PI' ORDER BY id`,
    [piId],
  );

describe('PI push: funds and the PI in one transaction', () => {
  it('a ledger failure while making the PI is not kept as the push being refused, and loses nothing', async () => {
    const w = await world();
    await fund(w, 'F1', 1_000);
    const paymentId = await importPayment(w.app, 'PAY-IOERR', [100]);
    // Planted: the ledger fails as a full disk would, when the PI row is written.
    await w.app.ledger.write((tx) =>
      tx.exec(`CREATE TRIGGER planted_failure BEFORE INSERT ON pis BEGIN
                 SELECT RAISE(ABORT, 'database or disk is full'); END`),
    );
    await expect(pushPayment(w.app, paymentId)).rejects.toThrow(/disk is full/);
    expect((await paymentStates(w.app.ledger.read, [paymentId])).get(paymentId)).toMatchObject({
      refusal: null,
    });
    expect(await available(w.app, 'F1')).toBe(100_000);
    expect(w.sandbox.stats().calls.PI).toBe(0);
    await w.app.ledger.write((tx) => tx.exec('DROP TRIGGER planted_failure'));
    expect(await pushPayment(w.app, paymentId)).toMatchObject({ status: 'Initiated' });
  });

  it('debits the first sanction by head priority that covers the gross, and numbers the bill', async () => {
    const w = await world();
    await fund(w, 'S2', 10_000, { hoa: HOA2 });
    await fund(w, 'S1', 1_000);
    const small = await pushPayment(w.app, await importPayment(w.app, 'PAY-1', [300, 200]));
    expect(small).toMatchObject({ billNo: 'PI-1013/2023-24/000001', status: 'Initiated' });
    expect(await available(w.app, 'S1')).toBe(50_000);
    // A payment naming no head: S1 (priority 1) cannot cover 600 now, S2 of the next head does.
    const big = await pushPayment(w.app, await headlessPayment(w.app, 'PAY-2', [600]));
    expect(big).toMatchObject({ billNo: 'PI-1013/2023-24/000002', status: 'Initiated' });
    expect(await available(w.app, 'S2')).toBe(1_000_000 - 60_000);
    expect(await available(w.app, 'S1')).toBe(50_000);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('takes a sanction that covers the gross exactly', async () => {
    const w = await world();
    await fund(w, 'E1', 250);
    const res = await pushPayment(w.app, await importPayment(w.app, 'PAY-EXACT', [100, 150]));
    expect(res.status).toBe('Initiated');
    expect(await available(w.app, 'E1')).toBe(0);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('sends the sanction it debits and its latest allotment that is not a withdrawal', async () => {
    const w = await world();
    const { slNo: initial } = await fund(w, 'S1', 1_000);
    w.sandbox.clock.advance(MIN);
    const { slNo: added } = await fund(w, 'S1', 500, { type: 'Additional allotment' });
    w.sandbox.clock.advance(MIN);
    await fund(w, 'S1', 100, { type: 'Allotment withdrawal' });
    expect(initial).toBeLessThan(added);
    const res = await pushPayment(w.app, await importPayment(w.app, 'PAY-SANC', [12.5]));
    const [call] = await piCalls(w, res.piId);
    expect(JSON.parse(call!.request_json).params).toMatchObject({
      jitBillNo: res.billNo,
      jitBillDate: '2023-10-02',
      jitBillDdoCode: 'DDO1013',
      granteeAgCode: 'GR1013',
      schemeCode: 'MUKTA',
      hoa: HOA,
      ssuIaId: 'SSU-ANGUL',
      mstAllotmentDistId: 'S1',
      ssuAllotmentId: `SSUA-${added}`,
      allotmentTxnSlNo: String(added),
      billGrossAmount: '12.50',
      billNetAmount: '12.50',
    });
  });

  it('names the need and the most any sanction has when none covers the payment', async () => {
    const w = await world();
    await fund(w, 'S1', 40.5);
    await fund(w, 'S2', 60.25, { hoa: HOA2 });
    // Named head: only its own sanctions count, and the refusal names that head.
    const id = await importPayment(w.app, 'PAY-SHORT', [70]);
    await expect(pushPayment(w.app, id)).rejects.toThrow(
      `Not enough funds for payment PAY-SHORT: it needs ₹70.00 and head of account ${HOA} lacks funds: none of its sanctions has that much available (the most available is ₹40.50, on sanction S1 of ${HOA}).`,
    );
    // No head named: every head of the tenant counts. S3 comes after S2 in pick order with as
    // much: the refusal names the first sanction that has the most.
    await fund(w, 'S3', 60.25, { hoa: HOA2 });
    await fund(w, 'S4', 1, { hoa: HOA2 });
    const any = await headlessPayment(w.app, 'PAY-SHORT-2', [70]);
    await expect(pushPayment(w.app, any)).rejects.toThrow(
      `Not enough funds for payment PAY-SHORT-2: it needs ₹70.00 and no head of account of od.angul has a sanction with that much available (the most available is ₹60.25, on sanction S2 of ${HOA2}).`,
    );
  });

  it('names a head with no sanction yet, and a tenant none of whose heads has one', async () => {
    const w = await world();
    await expect(
      pushPayment(w.app, await importPayment(w.app, 'PAY-NONE', [10], { hoa: HOA2 })),
    ).rejects.toThrow(
      `Not enough funds for payment PAY-NONE: it needs ₹10.00 and head of account ${HOA2} has no sanction yet.`,
    );
    await expect(
      pushPayment(w.app, await headlessPayment(w.app, 'PAY-NONE-2', [10])),
    ).rejects.toThrow(
      'Not enough funds for payment PAY-NONE-2: it needs ₹10.00 and no head of account of od.angul has a sanction yet.',
    );
  });

  it('gives a payment a new PI once its latest was declined', async () => {
    const w = await world({ scenario: { decline: { billNoPattern: '000001$' } } });
    await fund(w, 'S1', 100);
    const id = await importPayment(w.app, 'PAY-AGAIN', [10]);
    const first = await pushPayment(w.app, id);
    await nights(w, 'PIS');
    expect((await piRow(w.app, first.piId)).status).toBe('Declined');
    const second = await pushPayment(w.app, id);
    expect(second).toMatchObject({ billNo: 'PI-1013/2023-24/000002', status: 'Initiated' });
    expect(await available(w.app, 'S1')).toBe(10_000 - 1_000);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('gives a payment no second PI while its latest is Pending or Initiated', async () => {
    const w = await world();
    await fund(w, 'S1', 100);
    const pending = await importPayment(w.app, 'PAY-3', [10]);
    w.sandbox.faults.inject('PI', 'http500', { times: 1 });
    expect(await pushPayment(w.app, pending)).toMatchObject({ status: 'Pending' });
    await expect(pushPayment(w.app, pending)).rejects.toThrow(
      /already has payment instruction PI-1013\/2023-24\/000001 \(Pending\)/,
    );
    const sent = await importPayment(w.app, 'PAY-4', [10]);
    expect(await pushPayment(w.app, sent)).toMatchObject({ status: 'Initiated' });
    await expect(pushPayment(w.app, sent)).rejects.toThrow(/\(Initiated\)/);
    expect(await available(w.app, 'S1')).toBe(10_000 - 2_000);
  });

  it('refuses when no sanction has enough, writes nothing and sends nothing', async () => {
    const w = await world();
    await fund(w, 'S1', 100);
    const id = await importPayment(w.app, 'PAY-BIG', [100.01]);
    const err = await pushPayment(w.app, id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/^Not enough funds for payment PAY-BIG/),
    });
    expect(await count(w.app, 'SELECT count(*) AS n FROM pis')).toBe(0);
    expect(w.sandbox.stats().calls.PI).toBe(0);
    expect(await available(w.app, 'S1')).toBe(10_000);
  });

  it('lets exactly one of two concurrent pushes take the last funds', async () => {
    const w = await world();
    await fund(w, 'R1', 100);
    const a = await importPayment(w.app, 'RACE-A', [100]);
    const b = await importPayment(w.app, 'RACE-B', [100]);
    const outcomes = await Promise.allSettled([pushPayment(w.app, a), pushPayment(w.app, b)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/^Not enough funds/),
    });
    expect(await available(w.app, 'R1')).toBe(0);
    expect((await runCheck(w.app)).ok).toBe(true);
  });

  it('merges lines paying the same account and IFSC, and sends names cleaned for the treasury', async () => {
    const w = await world();
    await fund(w, 'S1', 100);
    const res = await importPayments(
      w.app,
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
    const paymentId = (await w.app.ledger.read.get<{ id: number }>(
      "SELECT id FROM payments WHERE payment_number = 'PAY-M'",
    ))!.id;
    const pushed = await pushPayment(w.app, paymentId);
    // The sandbox checks sums and counts as the treasury does: accepted means they agree.
    expect(pushed.status).toBe('Initiated');
    const [call] = await piCalls(w, pushed.piId);
    const params = JSON.parse(call!.request_json).params as {
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
  it('OK → Initiated, beneficiaries Payment Initiated, funds debited once', async () => {
    const w = await world();
    await fund(w, 'S1', 100);
    const res = await pushPayment(w.app, await importPayment(w.app, 'PAY-OK', [5, 6]));
    expect(res).toMatchObject({ status: 'Initiated', outcome: 'OK' });
    const bens = await w.app.ledger.read.all<{ status: string }>(
      'SELECT status FROM beneficiaries WHERE pi_id = ?',
      [res.piId],
    );
    expect(bens.map((b) => b.status)).toEqual(['Payment Initiated', 'Payment Initiated']);
    expect(await available(w.app, 'S1')).toBe(10_000 - 1_100);
    await expect(repushPending(w.app, res.piId)).rejects.toThrow(
      /is Initiated; only a Pending payment instruction is sent again/,
    );
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it("the treasury's refusal → Failed with its funds back and its message kept; the payment may then get a new PI", async () => {
    const w = await world();
    await fund(w, 'S1', 100);
    const id = await importPayment(w.app, 'PAY-ERR', [7]);
    w.sandbox.faults.inject('PI', 'errorMsgs', {
      times: 1,
      messages: [
        {
          errorCode: '340',
          errorMsg: 'Wrong IFSC provided in Beneficiary Details for BenefId PAY-ERR-B1',
        },
      ],
    });
    const changed: unknown[] = [];
    w.app.events.on('pi.changed', (e) => changed.push(e));
    const failed = await pushPayment(w.app, id);
    expect(failed).toMatchObject({ status: 'Failed', outcome: 'ERROR' });
    // Once when the PI is made (Pending), once when the answer is applied.
    expect(changed).toEqual([{ ids: [failed.piId] }, { ids: [failed.piId] }]);
    expect((await piRow(w.app, failed.piId)).lastMessage).toMatch(/340.*Wrong IFSC/);
    expect(
      await w.app.ledger.read.all(
        "SELECT reason FROM status_history WHERE pi_id = ? AND to_status = 'Failed'",
        [failed.piId],
      ),
    ).toEqual([{ reason: expect.stringMatching(/340.*Wrong IFSC/) }]);
    expect(await available(w.app, 'S1')).toBe(10_000);
    const moves = await w.app.ledger.read.all<{ kind: string; d: number; note: string }>(
      'SELECT kind, available_delta AS d, note FROM funds_transactions WHERE pi_id = ? ORDER BY id',
      [failed.piId],
    );
    expect(moves).toEqual([
      { kind: 'pi_debit', d: -700, note: failed.billNo },
      {
        kind: 'pi_release',
        d: 700,
        note: expect.stringMatching(
          new RegExp(`^${failed.billNo.replace(/\//g, '\\/')} failed: .*Wrong IFSC`),
        ),
      },
    ]);
    await expect(repushPending(w.app, failed.piId)).rejects.toMatchObject({
      code: 'REFUSED',
      message: `${failed.billNo} is Failed; only a Pending payment instruction is sent again.`,
    });
    const again = await pushPayment(w.app, id);
    expect(again).toMatchObject({ status: 'Initiated' });
    expect(again.piId).not.toBe(failed.piId);
    expect(again.billNo).not.toBe(failed.billNo);
    expect(await available(w.app, 'S1')).toBe(10_000 - 700);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('a lost answer keeps the PI Pending with its funds held; the nightly PI run re-sends the same bill', async () => {
    const w = await world();
    await fund(w, 'S1', 100);
    const id = await importPayment(w.app, 'PAY-NR', [3]);
    // The treasury takes the bill, then the connection drops before its answer.
    w.sandbox.faults.inject('PI', 'reset', { times: 1 });
    const first = await pushPayment(w.app, id);
    expect(first).toMatchObject({ status: 'Pending', outcome: 'NO_RESPONSE' });
    expect(await available(w.app, 'S1')).toBe(10_000 - 300);
    const summary = await run(w, 'PI');
    expect(summary.outcomes.OK).toBe(1);
    expect(await piRow(w.app, first.piId)).toMatchObject({
      status: 'Initiated',
      billNo: first.billNo,
    });
    const calls = await piCalls(w, first.piId);
    expect(calls.map((c) => c.outcome)).toEqual(['NO_RESPONSE', 'OK']);
    expect(new Set(calls.map((c) => JSON.parse(c.request_json).params.jitBillNo))).toEqual(
      new Set([first.billNo]),
    );
    expect(await available(w.app, 'S1')).toBe(10_000 - 300);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('a push that times out stays Pending; sent again by hand it keeps its one number', async () => {
    const w = await world();
    await fund(w, 'S1', 100);
    const id = await importPayment(w.app, 'PAY-TO', [3]);
    w.sandbox.faults.inject('PI', 'timeout', { times: 1, holdMs: 1_500 });
    const first = await pushPayment(w.app, id);
    expect(first).toMatchObject({ status: 'Pending', outcome: 'NO_RESPONSE' });
    await expect(pushPayment(w.app, id)).rejects.toMatchObject({ code: 'REFUSED' });
    const again = await repushPending(w.app, first.piId);
    expect(again).toMatchObject({
      piId: first.piId,
      billNo: first.billNo,
      status: 'Initiated',
      outcome: 'OK',
    });
    const calls = await piCalls(w, first.piId);
    expect(calls.map((c) => JSON.parse(c.request_json).params.jitBillNo)).toEqual([
      first.billNo,
      first.billNo,
    ]);
    // Sent again by hand, the call row counts it as the PI's second attempt.
    expect(
      await w.app.ledger.read.all(
        `SELECT attempt FROM treasury_calls WHERE pi_id = ? AND service = 'PI' ORDER BY id`,
        [first.piId],
      ),
    ).toEqual([{ attempt: 1 }, { attempt: 2 }]);
    expect(await count(w.app, 'SELECT count(*) AS n FROM pis')).toBe(1);
    expect(await available(w.app, 'S1')).toBe(10_000 - 300);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('a PI being sent right now is not sent again at the same time; an unknown PI is not found', async () => {
    const w = await world();
    await fund(w, 'S1', 100);
    w.sandbox.faults.inject('PI', 'http500', { times: 1 });
    const first = await pushPayment(w.app, await importPayment(w.app, 'PAY-TWICE', [3]));
    const outcomes = await Promise.allSettled([
      repushPending(w.app, first.piId),
      repushPending(w.app, first.piId),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(
      (outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason,
    ).toMatchObject({
      code: 'CONFLICT',
      message: 'This payment instruction is being sent right now; wait for its answer.',
    });
    expect(await piCalls(w, first.piId)).toHaveLength(2);
    await expect(repushPending(w.app, 999)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('Payment instruction 999'),
    });
  });

  it('the nightly re-send leaves alone a PI being sent right now', async () => {
    const w = await world({ clientTimeoutMs: 30_000 });
    await fund(w, 'S1', 100);
    let release!: () => void;
    const until = new Promise<void>((r) => (release = r));
    w.sandbox.faults.inject('PI', 'hold', { until, times: 1 });
    const push = pushPayment(w.app, await importPayment(w.app, 'PAY-FLY', [3]));
    await vi.waitFor(() => expect(w.sandbox.stats().calls.PI).toBe(1), { timeout: 30_000 });
    const night = await run(w, 'PI');
    release();
    const res = await push;
    expect(night.total).toBe(0);
    expect(res).toMatchObject({ status: 'Initiated', outcome: 'OK' });
    expect(w.sandbox.stats().calls.PI).toBe(1);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('a decline at PIS gives the funds back, once', async () => {
    const w = await world({ scenario: { decline: { billNoPattern: '000001$' } } });
    await fund(w, 'S1', 100);
    const { piId } = await pushPayment(w.app, await importPayment(w.app, 'PAY-DEC', [11]));
    expect(await available(w.app, 'S1')).toBe(10_000 - 1_100);
    await nights(w, 'PIS');
    expect((await piRow(w.app, piId)).status).toBe('Declined');
    expect(await available(w.app, 'S1')).toBe(10_000);
    expect(await w.app.ledger.write((tx) => releaseFunds(tx, piId, w.app.now(), 'again'))).toBe(0);
    await nights(w, 'PIS');
    expect(await available(w.app, 'S1')).toBe(10_000);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });
});

describe('PI push trouble that is not the treasury saying no', () => {
  for (const [fault, what] of [
    ['http500', 'an HTTP 500'],
    ['garbage', 'an answer that does not decrypt'],
    ['missingFields', 'an answer missing a field'],
  ] as const) {
    it(`${what} keeps the PI Pending with its funds held`, async () => {
      const w = await world();
      await fund(w, 'S1', 100);
      w.sandbox.faults.inject('PI', fault, { times: 1 });
      const res = await pushPayment(w.app, await importPayment(w.app, 'PAY-NOTNO', [3]));
      expect(res.status).toBe('Pending');
      expect(await available(w.app, 'S1')).toBe(10_000 - 300);
      expect((await runCheck(w.app)).breaches).toEqual([]);
    });
  }

  it('a session the treasury forgot is renewed and the bill sent once', async () => {
    const w = await world();
    await fund(w, 'S1', 100);
    w.sandbox.faults.inject('PI', 'sessionExpired', { times: 1 });
    const res = await pushPayment(w.app, await importPayment(w.app, 'PAY-SESS', [3]));
    expect(res.status).toBe('Initiated');
    expect(await available(w.app, 'S1')).toBe(10_000 - 300);
  });

  it('an answer about another bill keeps the PI Pending with its funds held', async () => {
    const w = await world();
    await fund(w, 'S1', 100);
    const other = 'PI-9999/2023-24/000001';
    w.sandbox.faults.inject('PI', 'answer', {
      times: 1,
      body: JSON.stringify({
        serviceId: 'PI',
        errorMsg: null,
        errorMsgs: [],
        data: [
          {
            jitBillNo: other,
            jitBillDate: '2023-10-02',
            ssuIaId: 'SSU-ANGUL',
            successCode: '0',
            sucessDescrp: 'Payment Instruction received successfully',
          },
        ],
      }),
    });
    const res = await pushPayment(w.app, await importPayment(w.app, 'PAY-OTHER', [3]));
    expect(res).toMatchObject({ status: 'Pending', outcome: 'ERROR' });
    expect(res.message).toContain(other);
    expect(await available(w.app, 'S1')).toBe(10_000 - 300);
    const bens = await w.app.ledger.read.all<{ status: string }>(
      'SELECT status FROM beneficiaries WHERE pi_id = ?',
      [res.piId],
    );
    expect(bens).toEqual([{ status: 'Payment Pending' }]);
  });

  it('a login failure keeps the PI Pending with its funds held', async () => {
    const w = await world();
    await fund(w, 'S1', 100);
    w.sandbox.faults.inject('LOGIN', 'error', { times: 5, message: 'auth fail, you can retry!' });
    w.sandbox.expireSessions();
    const res = await pushPayment(w.app, await importPayment(w.app, 'PAY-LOGIN', [3]));
    expect(res.status).toBe('Pending');
    expect(await available(w.app, 'S1')).toBe(10_000 - 300);
  });

  it('a re-send answered "already exists" after a lost answer keeps the funds held until PIS confirms', async () => {
    const w = await world({ scenario: { repeatPush: 'alreadyExists' } });
    await fund(w, 'S1', 100);
    w.sandbox.faults.inject('PI', 'reset', { times: 1 });
    const first = await pushPayment(w.app, await importPayment(w.app, 'PAY-HELD', [4]));
    expect(first.status).toBe('Pending');
    await run(w, 'PI');
    const [, resend] = await piCalls(w, first.piId);
    expect(resend).toMatchObject({ outcome: 'ERROR' });
    expect((await piRow(w.app, first.piId)).status).not.toMatch(/Failed|Declined/);
    expect(await available(w.app, 'S1')).toBe(10_000 - 400);
    expect((await runCheck(w.app)).breaches).toEqual([]);
    await nights(w, 'PI', 'PIS');
    expect(await piRow(w.app, first.piId)).toMatchObject({
      status: 'Approved',
      billNo: first.billNo,
    });
    expect(await available(w.app, 'S1')).toBe(10_000 - 400);
    expect(await count(w.app, 'SELECT count(*) AS n FROM pis')).toBe(1);
  });
});
