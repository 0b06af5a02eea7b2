// Revised PIs (COR) through the real path: a PI pushed to the sandbox, taken to Completed by
// the engine's nightly runs with the bank returning some credits, then createRevisedPi over
// loopback. Refusals and lost answers come from the sandbox's fault switches.
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { Settings } from 'luxon';
import fs from 'node:fs';
import path from 'node:path';
import { Conn } from '../../main/ledger/conn';
import { openApp } from '../../main/app';
import { JitClient } from '../../main/jit/client';
import type { JobProgress } from '../../shared/types';
import { tempDir } from '../support/tmp';
import {
  beneficiariesOn,
  completedPi,
  count,
  fund,
  importPayment,
  nights,
  testWorld,
  type FundsWorld,
} from './funds-support';
import { pushPayment, repushPending } from '../../main/core/pi/push';
import { corCheck, corWindowEnd, createRevisedPi } from '../../main/core/pi/revise';
import { runCheck } from '../../main/core/funds/check';

const dir = tempDir();
let links = 0;
async function world(): Promise<FundsWorld> {
  const w = await testWorld(dir, 'revise');
  await fund(w, 'C1', 100_000);
  return w;
}

const corCalls = (w: FundsWorld) =>
  w.app.ledger.read.all<{ outcome: string; params: string }>(
    `SELECT outcome, request_json ->> '$.params' AS params FROM treasury_calls WHERE service = 'COR' ORDER BY id`,
  );
const refOf = async (w: FundsWorld, piId: number) =>
  (await w.app.ledger.read.get<{ ref: string }>(
    'SELECT online_bill_ref_no AS ref FROM payment_advice WHERE pi_id = ?',
    [piId],
  ))!.ref;

// [bill date, last day of its revised-PI window]
const WINDOWS = [
  ['2023-10-02', '2023-12-31'],
  ['2023-12-31', '2024-03-30'],
  ['2024-01-01', '2024-03-31'],
  ['2024-01-02', '2024-04-30'],
  ['2024-01-15', '2024-04-30'],
  ['2024-03-31', '2024-04-30'],
  ['2024-04-01', '2024-06-30'],
  ['2024-12-31', '2025-03-31'],
];

const lastCall = (w: FundsWorld, piId: number) =>
  w.app.ledger.read.get(
    'SELECT last_outcome AS outcome, last_message AS message FROM pis WHERE id = ?',
    [piId],
  );
const piRowOf = async (w: FundsWorld, piId: number) =>
  (await w.app.ledger.read.get<{ status: string }>('SELECT status FROM pis WHERE id = ?', [piId]))!;

/**
 * A second console on the same ledger file (in real life another process: `serve`, or the
 * window and the CLI). Reached through a link to the folder, so this process's guard against
 * a double click (keyed by the file's path) does not see the first console's send. Its client
 * waits 30 s for an answer (the world's waits 1 s), so an answer held back is not cut off.
 */
async function secondConsole(w: FundsWorld) {
  const link = `${dir}-link-${++links}`;
  fs.symlinkSync(dir, link);
  const app = await openApp({
    dbPath: path.join(link, path.basename(w.app.ledger.file)),
    treasury: new JitClient({
      baseUrl: w.sandbox.baseUrl,
      clientId: w.sandbox.credentials.clientId,
      clientSecret: w.sandbox.credentials.clientSecret,
      publicKey: w.sandbox.credentials.publicKeyPem,
      timeoutMs: 30_000,
      now: () => w.sandbox.clock.now(),
    }),
    treasuryInfo: { kind: 'sandbox', baseUrl: w.sandbox.baseUrl },
    now: () => w.sandbox.clock.now(),
  });
  onTestFinished(async () => {
    await app.close();
    fs.unlinkSync(link);
  });
  return app;
}

describe('revised PI window (pure)', () => {
  it('is 90 days within the financial year, or until 30 April when the 90 days cross 31 March', () => {
    for (const [bill, last] of WINDOWS) expect(corWindowEnd(bill!)).toBe(last);
  });

  it("is counted in India dates whatever the zone of the machine's clock", () => {
    const machine = Settings.defaultZone;
    onTestFinished(() => void (Settings.defaultZone = machine));
    // East of India, 31 March starts before it does in India: the 90th day must still fit.
    for (const zone of ['Asia/Tokyo', 'Pacific/Kiritimati', 'America/New_York']) {
      Settings.defaultZone = zone;
      for (const [bill, last] of WINDOWS) expect([zone, corWindowEnd(bill!)]).toEqual([zone, last]);
    }
  });
});

describe('revised PI refusals', () => {
  it('refuses a PI that is not Completed, and sends nothing', async () => {
    const w = await world();
    w.sandbox.faults.inject('PI', 'http500', { times: 1 });
    const { piId, status } = await pushPayment(w.app, await importPayment(w.app, 'R-PEND', [10]));
    expect(status).toBe('Pending');
    expect(await corCheck(w.app, piId)).toMatchObject({
      allowed: false,
      newPiOffered: false,
      reason: expect.stringMatching(/Pending; only a Completed/),
    });
    const [b] = await beneficiariesOn(w.app, piId);
    await expect(
      createRevisedPi(w.app, { piId, beneficiaries: [{ beneficiaryId: b!.id }] }),
    ).rejects.toMatchObject({ code: 'REFUSED' });
    expect(w.sandbox.stats().calls.COR).toBe(0);
  });

  it('an unknown PI is not found, and nothing is sent', async () => {
    const w = await world();
    await expect(corCheck(w.app, 9_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      createRevisedPi(w.app, { piId: 9_999, beneficiaries: [{ beneficiaryId: 1 }] }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(w.sandbox.stats().calls.COR).toBe(0);
  });

  it('refuses a Completed PI with no failed beneficiary', async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-NONE', [10], []);
    expect(await corCheck(w.app, piId)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/no failed beneficiary/),
    });
  });

  it('refuses when the original has no PAG bill reference (planted: the advice row removed)', async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-NOREF', [10, 20], [1]);
    await w.app.ledger.write((tx) => tx.run('DELETE FROM payment_advice WHERE pi_id = ?', [piId]));
    expect(await corCheck(w.app, piId)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/no bill reference from its payment advice/),
    });
    const [b] = await beneficiariesOn(w.app, piId);
    await expect(
      createRevisedPi(w.app, { piId, beneficiaries: [{ beneficiaryId: b!.id }] }),
    ).rejects.toMatchObject({ code: 'REFUSED' });
    expect(w.sandbox.stats().calls.COR).toBe(0);
  });

  it('refuses outside the window, offers a new PI, and sends nothing', async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-LATE', [10], [1]);
    w.sandbox.clock.set(Date.parse('2024-01-01T00:00:00+05:30'));
    expect(await corCheck(w.app, piId)).toMatchObject({
      allowed: false,
      newPiOffered: true,
      windowEndsOn: '2023-12-31',
    });
    const [b] = await beneficiariesOn(w.app, piId);
    await expect(
      createRevisedPi(w.app, { piId, beneficiaries: [{ beneficiaryId: b!.id }] }),
    ).rejects.toThrow(/window .* closed on 2023-12-31/);
    expect(w.sandbox.stats().calls.COR).toBe(0);
  });

  it('refuses a beneficiary that did not fail, one picked twice, and bad corrected bank details', async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-PICK', [10, 20], [2]);
    const [paid, failed] = await beneficiariesOn(w.app, piId);
    expect(await corCheck(w.app, piId)).toMatchObject({
      allowed: true,
      reason: null,
      beneficiaries: [expect.objectContaining({ id: failed!.id })],
    });
    const attempt = (beneficiaries: Array<Record<string, unknown>>) =>
      createRevisedPi(w.app, { piId, beneficiaries } as never);
    await expect(attempt([{ beneficiaryId: paid!.id }])).rejects.toThrow(
      /not a failed beneficiary/,
    );
    await expect(
      attempt([{ beneficiaryId: failed!.id }, { beneficiaryId: failed!.id }]),
    ).rejects.toThrow(/picked twice/);
    await expect(
      attempt([{ beneficiaryId: failed!.id, correctedIfsc: 'SBIN123' }]),
    ).rejects.toThrow(/IFSC/);
    await expect(
      attempt([{ beneficiaryId: failed!.id, correctedAccountNo: '12ab' }]),
    ).rejects.toThrow(/9 to 18 digits/);
    expect(w.sandbox.stats().calls.COR).toBe(0);
  });
});

describe('revised PI sent to the treasury', () => {
  it("numbers a revised PI from the tenant's name when the tenant has no city code (a ledger from before they were required)", async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-CITY', [10], [1]);
    const [b1] = await beneficiariesOn(w.app, piId);
    // Pushes now refuse a tenant without one; a PI made before that may still be revised.
    await w.app.ledger.write((tx) =>
      tx.run("DELETE FROM settings WHERE key = 'tenant.cityCode.od.angul'"),
    );
    const res = await createRevisedPi(w.app, { piId, beneficiaries: [{ beneficiaryId: b1!.id }] });
    expect(res).toMatchObject({ billNo: 'COR-ANGUL/2023-24/000001', status: 'Initiated' });
  });

  it('creates a revised PI with the corrected details and no debit, then refuses a second one for the same beneficiary', async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-OK', [10, 20], [1, 2]);
    const [b1] = await beneficiariesOn(w.app, piId);
    const ref = await refOf(w, piId);
    const funds = await w.app.ledger.read.all('SELECT * FROM funds_summary');
    const res = await createRevisedPi(w.app, {
      piId,
      beneficiaries: [
        { beneficiaryId: b1!.id, correctedAccountNo: '998877665544', correctedIfsc: 'UTIB0000123' },
      ],
    });
    expect(res).toMatchObject({
      billNo: 'COR-1013/2023-24/000001',
      status: 'Initiated',
      outcome: 'OK',
    });
    const [sent] = await corCalls(w);
    expect(JSON.parse(sent!.params)).toMatchObject({
      jitCorBillNo: 'COR-1013/2023-24/000001',
      jitCorBillDate: '2023-10-02',
      jitCorBillDeptCode: 'MUKTA',
      jitOrgBillRefNo: ref,
      beneficiaryDtls: [
        {
          benefId: b1!.benfId,
          jitCurBillRefNo: ref,
          orgAccountNo: b1!.accountNo,
          orgIfsc: b1!.ifsc,
          curAccountNo: b1!.accountNo,
          curIfsc: b1!.ifsc,
          correctedAccountNo: '998877665544',
          correctedIfsc: 'UTIB0000123',
        },
      ],
    });
    const row = await w.app.ledger.read.get(
      'SELECT p.parent_pi_id, p.gross_paise, b.account_no, b.org_account_no, b.parent_beneficiary_id, b.amount_paise FROM pis p JOIN beneficiaries b ON b.pi_id = p.id WHERE p.id = ?',
      [res.piId],
    );
    expect(row).toEqual({
      parent_pi_id: piId,
      gross_paise: 1_000,
      amount_paise: 1_000,
      account_no: '998877665544',
      org_account_no: b1!.accountNo,
      parent_beneficiary_id: b1!.id,
    });
    expect(await w.app.ledger.read.all('SELECT * FROM funds_summary')).toEqual(funds);
    await expect(
      createRevisedPi(w.app, { piId, beneficiaries: [{ beneficiaryId: b1!.id }] }),
    ).rejects.toThrow(/already being paid again by COR-1013\/2023-24\/000001/);
    // The other failed beneficiary can still be revised.
    expect(await corCheck(w.app, piId)).toMatchObject({ allowed: true });
    expect((await runCheck(w.app)).breaches).toEqual([]);
    // The treasury pays it (FTPS): the revised PI completes and nothing is paid twice.
    await nights(w, 'FTPS');
    expect(
      await w.app.ledger.read.get('SELECT status FROM beneficiaries WHERE pi_id = ?', [res.piId]),
    ).toEqual({ status: 'Payment Successful' });
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it("the treasury's refusal creates nothing and shows its message; after a lost answer the revised PI keeps its number", async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-ERR', [10], [1]);
    const [b] = await beneficiariesOn(w.app, piId);
    const pick = { piId, beneficiaries: [{ beneficiaryId: b!.id }] };
    const changed: unknown[] = [];
    w.app.events.on('pi.changed', (e) => changed.push(e));
    w.sandbox.faults.inject('COR', 'error', { times: 1, message: 'Invalid beneficiary account' });
    await expect(createRevisedPi(w.app, pick)).rejects.toMatchObject({
      code: 'TREASURY',
      message: expect.stringMatching(/On call of COR API: Invalid beneficiary account/),
    });
    // No revised PI: the original's page shows the refusal, and the window is told to look.
    expect(changed).toEqual([{ ids: [piId] }]);
    expect(await lastCall(w, piId)).toEqual({
      outcome: 'ERROR',
      message: expect.stringMatching(/Invalid beneficiary account/),
    });
    // The treasury takes this one, then the connection drops before its answer.
    w.sandbox.faults.inject('COR', 'reset', { times: 1 });
    const held = await createRevisedPi(w.app, pick);
    expect(held).toMatchObject({ status: 'Pending', outcome: 'NO_RESPONSE' });
    // A Pending revised PI is sent again as a COR, never as a PI.
    await expect(repushPending(w.app, held.piId)).rejects.toMatchObject({ code: 'REFUSED' });
    expect(w.sandbox.stats().calls.PI).toBe(1);
    const [first, second] = (await corCalls(w)).map((c) => JSON.parse(c.params).jitCorBillNo);
    expect(second).not.toBe(first);
    expect(held.billNo).toBe(second);
    // It may be at the treasury: no other revision of that beneficiary, nothing re-sent.
    await expect(
      createRevisedPi(w.app, {
        ...pick,
        beneficiaries: [{ beneficiaryId: b!.id, correctedIfsc: 'UTIB0000123' }],
      }),
    ).rejects.toThrow(/no failed beneficiary that is not already in a revised PI/);
    expect((await runCheck(w.app)).breaches).toEqual([]);
    // The nightly re-send (same number, same content) is accepted; FTPS pays it once.
    await nights(w, 'COR', 'FTPS');
    expect((await corCalls(w)).map((c) => JSON.parse(c.params).jitCorBillNo)).toEqual([
      first,
      second,
      second,
    ]);
    expect(
      await w.app.ledger.read.all(
        "SELECT bill_no, status FROM pis WHERE kind = 'COR' AND parent_pi_id = ?",
        [piId],
      ),
    ).toEqual([{ bill_no: second, status: 'Completed' }]);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it("a clean refusal of a revision creates nothing, even when the PI's own push once got no answer", async () => {
    const w = await world();
    const paymentId = await importPayment(w.app, 'R-PI-LOST', [10], { failing: [1] });
    // The first push dies before the treasury sees it; the nightly re-send is accepted.
    w.sandbox.faults.inject('PI', 'http500', { times: 1 });
    const pushed = await pushPayment(w.app, paymentId);
    expect(pushed).toMatchObject({ status: 'Pending', outcome: 'NO_RESPONSE' });
    // The first PI of this ledger: its unanswered push is logged under its id, not the COR's number.
    expect(pushed.piId).toBe(1);
    await nights(w, 'PI', 'PIS', 'PAG', 'PD', 'FD');
    const [b] = await beneficiariesOn(w.app, pushed.piId);
    expect(b!.status).toBe('Payment Failed');
    w.sandbox.faults.inject('COR', 'error', { times: 1, message: 'Invalid beneficiary account' });
    await expect(
      createRevisedPi(w.app, { piId: pushed.piId, beneficiaries: [{ beneficiaryId: b!.id }] }),
    ).rejects.toMatchObject({ code: 'TREASURY' });
    expect(await count(w.app, "SELECT count(*) AS n FROM pis WHERE kind = 'COR'")).toBe(0);
  });

  it('a COR that fails again can be revised from the revised PI, naming the bill it failed on', async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-TWICE', [10, 20], [2]);
    const [, failed] = await beneficiariesOn(w.app, piId);
    // The "corrected" account still ends in 99: the bank returns it again.
    const cor = await createRevisedPi(w.app, {
      piId,
      beneficiaries: [{ beneficiaryId: failed!.id, correctedAccountNo: '300012340099' }],
    });
    await nights(w, 'FTPS', 'FTFPS');
    const [again] = await beneficiariesOn(w.app, cor.piId);
    expect(again!.status).toBe('Payment Failed');
    await expect(
      createRevisedPi(w.app, { piId, beneficiaries: [{ beneficiaryId: failed!.id }] }),
    ).rejects.toThrow(/no failed beneficiary that is not already in a revised PI/);
    const second = await createRevisedPi(w.app, {
      piId: cor.piId,
      beneficiaries: [{ beneficiaryId: again!.id, correctedAccountNo: '300012345618' }],
    });
    expect(second).toMatchObject({ status: 'Initiated', outcome: 'OK' });
    const [, secondCall] = await corCalls(w);
    const params = JSON.parse(secondCall!.params);
    expect(params.jitOrgBillNo).toBe(
      (await w.app.ledger.read.get<{ b: string }>('SELECT bill_no AS b FROM pis WHERE id = ?', [
        piId,
      ]))!.b,
    );
    expect(params.beneficiaryDtls[0]).toMatchObject({
      orgAccountNo: failed!.accountNo,
      curAccountNo: '300012340099',
      correctedAccountNo: '300012345618',
    });
    await nights(w, 'FTPS');
    expect((await beneficiariesOn(w.app, second.piId))[0]).toMatchObject({
      status: 'Payment Successful',
      accountNo: '300012345618',
    });
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('sends the original bill, logs the call on the revised PI, and takes a new number for the next revision', async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-LOG', [10, 20], [1, 2]);
    const [b1, b2] = await beneficiariesOn(w.app, piId);
    const original = await w.app.ledger.read.get<{ billNo: string; billDate: string }>(
      'SELECT bill_no AS billNo, bill_date AS billDate FROM pis WHERE id = ?',
      [piId],
    );
    const changed: unknown[] = [];
    w.app.events.on('pi.changed', (e) => changed.push(e));
    const first = await createRevisedPi(w.app, {
      piId,
      beneficiaries: [{ beneficiaryId: b1!.id }],
    });
    expect(changed).toEqual([{ ids: [piId, first.piId] }]);
    expect(first.message).toBe('On call of COR API: Response is received and updated successfully');
    const [call] = await corCalls(w);
    expect(JSON.parse(call!.params)).toMatchObject({
      jitOrgBillNo: original!.billNo,
      jitOrgBillDate: original!.billDate,
      beneficiaryDtls: [
        expect.objectContaining({ correctedAccountNo: b1!.accountNo, correctedIfsc: b1!.ifsc }),
      ],
    });
    expect(
      await w.app.ledger.read.all(
        `SELECT pi_id AS piId, outcome FROM treasury_calls WHERE service = 'COR'`,
      ),
    ).toEqual([{ piId: first.piId, outcome: 'OK' }]);
    expect(await lastCall(w, first.piId)).toEqual({ outcome: 'OK', message: first.message });
    const second = await createRevisedPi(w.app, {
      piId,
      beneficiaries: [{ beneficiaryId: b2!.id }],
    });
    expect([first.billNo, second.billNo]).toEqual([
      'COR-1013/2023-24/000001',
      'COR-1013/2023-24/000002',
    ]);
    expect(await corCheck(w.app, piId)).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/no failed beneficiary that is not already in a revised PI/),
    });
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('a revised PI for a PI being revised right now is refused, not sent twice', async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-RACE', [10], [1]);
    const [b] = await beneficiariesOn(w.app, piId);
    const pick = { piId, beneficiaries: [{ beneficiaryId: b!.id }] };
    const outcomes = await Promise.allSettled([
      createRevisedPi(w.app, pick),
      createRevisedPi(w.app, pick),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({
      code: 'CONFLICT',
      message: 'A revised PI for this payment instruction is being sent right now.',
    });
    expect(w.sandbox.stats().calls.COR).toBe(1);
    // Once the first is done, the PI is free again (and its one failed line is taken).
    await expect(createRevisedPi(w.app, pick)).rejects.toThrow(
      /has no failed beneficiary that is not already in a revised PI/,
    );
  });

  it('an answer about another revised PI holds this one under its own number', async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-OTHER', [10], [1]);
    const [b] = await beneficiariesOn(w.app, piId);
    w.sandbox.faults.inject('COR', 'answer', {
      times: 1,
      body: JSON.stringify({
        serviceId: 'COR',
        errorMsg: null,
        errorMsgs: [],
        data: [
          {
            jitCorBillNo: 'COR-9999/2023-24/000001',
            jitCorBillDate: '2023-10-02',
            successCode: '0',
            sucessDescrp: 'Revised Payment Instruction received successfully',
          },
        ],
      }),
    });
    const res = await createRevisedPi(w.app, { piId, beneficiaries: [{ beneficiaryId: b!.id }] });
    expect(res).toMatchObject({ status: 'Pending', billNo: 'COR-1013/2023-24/000001' });
    expect(res.message).toMatch(
      /Response is for revised PI COR-9999\/2023-24\/000001, not COR-1013/,
    );
    expect(await count(w.app, "SELECT count(*) AS n FROM pis WHERE kind = 'COR'")).toBe(1);
    expect((await runCheck(w.app)).breaches).toEqual([]);
    // Not a refusal: it is not held for FTPS but sent again that night, under its number.
    await nights(w, 'COR');
    expect((await corCalls(w)).map((c) => JSON.parse(c.params).jitCorBillNo)).toEqual([
      res.billNo,
      res.billNo,
    ]);
    expect(
      await w.app.ledger.read.get('SELECT status, held_since AS heldSince FROM pis WHERE id = ?', [
        res.piId,
      ]),
    ).toEqual({ status: 'Initiated', heldSince: null });
  });

  it('a second console revising the same PI while the first waits for its answer re-sends that revision, never another', async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-TWO', [10, 20, 30], [1, 2, 3]);
    const [b1, b2, b3] = await beneficiariesOn(w.app, piId);
    const other = await secondConsole(w);
    let release!: () => void;
    const until = new Promise<void>((r) => (release = r));
    w.sandbox.faults.inject('COR', 'hold', { until, times: 1 });
    const first = createRevisedPi(other, {
      piId,
      beneficiaries: [{ beneficiaryId: b1!.id }, { beneficiaryId: b2!.id }],
    });
    await vi.waitFor(() => expect(w.sandbox.stats().calls.COR).toBe(1), { timeout: 30_000 });
    // The first may be at the treasury: another choice of beneficiaries or bank details is refused.
    for (const beneficiaries of [
      [{ beneficiaryId: b1!.id }, { beneficiaryId: b3!.id }],
      [{ beneficiaryId: b1!.id }, { beneficiaryId: b2!.id, correctedIfsc: 'UTIB0000123' }],
    ]) {
      await expect(createRevisedPi(w.app, { piId, beneficiaries })).rejects.toThrow(
        /got no answer from the treasury and may exist there/,
      );
    }
    // The same choice (in any order) is that revision, sent again under its number.
    const again = await createRevisedPi(w.app, {
      piId,
      beneficiaries: [{ beneficiaryId: b2!.id }, { beneficiaryId: b1!.id }],
    });
    // A console started now finds the first send in flight, its revision already made: it
    // keeps nothing more.
    await secondConsole(w);
    expect(await w.app.ledger.read.all("SELECT id, status FROM pis WHERE kind = 'COR'")).toEqual([
      { id: again.piId, status: 'Initiated' },
    ]);
    release();
    const res = await first;
    expect(again.billNo).toBe(res.billNo);
    expect(again.piId).toBe(res.piId);
    // Its own OK finds the revised PI the re-send made: the caller is told it is Initiated.
    expect(res).toMatchObject({ status: 'Initiated', outcome: 'OK' });
    expect((await corCalls(w)).map((c) => JSON.parse(c.params).jitCorBillNo)).toEqual([
      res.billNo,
      res.billNo,
    ]);
    expect(await count(w.app, "SELECT count(*) AS n FROM pis WHERE kind = 'COR'")).toBe(1);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('a first send whose answer is lost after a re-send made the revised PI keeps that one', async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-TWO-LOST', [10], [1]);
    const [b] = await beneficiariesOn(w.app, piId);
    const pick = { piId, beneficiaries: [{ beneficiaryId: b!.id }] };
    const other = await secondConsole(w);
    let release!: () => void;
    const until = new Promise<void>((r) => (release = r));
    // The treasury takes the first send; its answer is lost only once the re-send is applied.
    w.sandbox.faults.inject('COR', 'reset', { until, times: 1 });
    const first = createRevisedPi(other, pick);
    await vi.waitFor(() => expect(w.sandbox.stats().calls.COR).toBe(1), { timeout: 30_000 });
    const again = await createRevisedPi(w.app, pick);
    expect(again).toMatchObject({ status: 'Initiated', outcome: 'OK' });
    release();
    const lost = await first;
    expect(lost).toMatchObject({ piId: again.piId, billNo: again.billNo, outcome: 'NO_RESPONSE' });
    expect(
      await w.app.ledger.read.all(
        "SELECT bill_no AS billNo, status, held_since AS heldSince FROM pis WHERE kind = 'COR'",
      ),
    ).toEqual([{ billNo: again.billNo, status: 'Initiated', heldSince: null }]);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('a re-send refused while the first send of that revision is unanswered is held for FTPS', async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-TWO-NO', [10], [1]);
    const [b] = await beneficiariesOn(w.app, piId);
    const pick = { piId, beneficiaries: [{ beneficiaryId: b!.id }] };
    const other = await secondConsole(w);
    let release!: () => void;
    const until = new Promise<void>((r) => (release = r));
    w.sandbox.faults.inject('COR', 'hold', { until, times: 1 });
    const first = createRevisedPi(other, pick);
    await vi.waitFor(() => expect(w.sandbox.stats().calls.COR).toBe(1), { timeout: 30_000 });
    w.sandbox.faults.inject('COR', 'error', { times: 1, message: 'Duplicate bill' });
    const again = await createRevisedPi(w.app, pick);
    expect(again).toMatchObject({ status: 'Pending', outcome: 'ERROR' });
    expect(
      await w.app.ledger.read.get<{ heldSince: number | null }>(
        'SELECT held_since AS heldSince FROM pis WHERE id = ?',
        [again.piId],
      ),
    ).toEqual({ heldSince: expect.any(Number) });
    release();
    expect((await first).piId).toBe(again.piId);
    expect(await count(w.app, "SELECT count(*) AS n FROM pis WHERE kind = 'COR'")).toBe(1);
  });

  it('a console started while a revision was in flight (as after a crash) keeps it Pending under its number', async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-CRASH', [10], [1]);
    const [b] = await beneficiariesOn(w.app, piId);
    const stopped = await secondConsole(w);
    let release!: () => void;
    const until = new Promise<void>((r) => (release = r));
    w.sandbox.faults.inject('COR', 'hold', { until, times: 1 });
    const inFlight = createRevisedPi(stopped, { piId, beneficiaries: [{ beneficiaryId: b!.id }] });
    await vi.waitFor(() => expect(w.sandbox.stats().calls.COR).toBe(1), { timeout: 30_000 });
    const sent = (await w.app.ledger.read.get<{ billNo: string }>(
      "SELECT call_key AS billNo FROM treasury_calls WHERE service = 'COR'",
    ))!.billNo;
    // Start-up finds the call in flight: the revision may be at the treasury.
    await secondConsole(w);
    const kept = await w.app.ledger.read.all<{ id: number; billNo: string; status: string }>(
      "SELECT id, bill_no AS billNo, status, held_since AS heldSince FROM pis WHERE kind = 'COR'",
    );
    // Sent again under its number, not held: nothing refused it.
    expect(kept).toEqual([
      { id: expect.any(Number), billNo: sent, status: 'Pending', heldSince: null },
    ]);
    expect(
      await w.app.ledger.read.all(
        "SELECT pi_id AS piId, in_flight AS inFlight FROM treasury_calls WHERE service = 'COR'",
      ),
    ).toEqual([{ piId: kept[0]!.id, inFlight: 0 }]);
    release();
    expect((await inFlight).piId).toBe(kept[0]!.id);
  });

  it('a console started while two revisions of one PI are in flight keeps only the one not yet made', async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-TWO-INF', [10, 20], [1, 2]);
    const [b1, b2] = await beneficiariesOn(w.app, piId);
    // Both opened first: a console's start-up closes the calls it finds in flight.
    const [a, b] = [await secondConsole(w), await secondConsole(w)];
    const held = () => {
      let release!: () => void;
      const until = new Promise<void>((r) => (release = r));
      w.sandbox.faults.inject('COR', 'hold', { until, times: 1 });
      return release;
    };
    // Revision X: its first send in flight, made meanwhile by a re-send from this console.
    const releaseX = held();
    const firstX = createRevisedPi(a, {
      piId,
      beneficiaries: [{ beneficiaryId: b1!.id }],
    });
    await vi.waitFor(() => expect(w.sandbox.stats().calls.COR).toBe(1), { timeout: 30_000 });
    const x = await createRevisedPi(w.app, { piId, beneficiaries: [{ beneficiaryId: b1!.id }] });
    // Revision Y of the other beneficiary: in flight, not made yet.
    const releaseY = held();
    const firstY = createRevisedPi(b, {
      piId,
      beneficiaries: [{ beneficiaryId: b2!.id }],
    });
    await vi.waitFor(() => expect(w.sandbox.stats().calls.COR).toBe(3), { timeout: 30_000 });
    await secondConsole(w);
    const cors = await w.app.ledger.read.all<{ id: number; billNo: string; status: string }>(
      "SELECT id, bill_no AS billNo, status FROM pis WHERE kind = 'COR' ORDER BY id",
    );
    expect(cors).toEqual([
      { id: x.piId, billNo: x.billNo, status: 'Initiated' },
      { id: expect.any(Number), billNo: expect.not.stringMatching(x.billNo), status: 'Pending' },
    ]);
    const y = cors[1]!;
    // Each in-flight call stays with its own bill: X's first send is not filed under Y.
    expect(
      await w.app.ledger.read.all(
        "SELECT call_key AS billNo, pi_id AS piId FROM treasury_calls WHERE service = 'COR' ORDER BY id",
      ),
    ).toEqual([
      { billNo: x.billNo, piId },
      { billNo: x.billNo, piId: x.piId },
      { billNo: y.billNo, piId: y.id },
    ]);
    releaseX();
    releaseY();
    expect(await firstX).toMatchObject({ piId: x.piId, billNo: x.billNo });
    expect(await firstY).toMatchObject({ piId: y.id, billNo: y.billNo });
    expect(await count(w.app, "SELECT count(*) AS n FROM pis WHERE kind = 'COR'")).toBe(2);
  });

  it('an answer the ledger cannot save at once waits, says why, and is saved', async () => {
    const w = await world();
    const piId = await completedPi(w, 'R-BUSY', [10], [1]);
    const [b] = await beneficiariesOn(w.app, piId);
    const app = await secondConsole(w);
    const waiting: JobProgress[] = [];
    app.events.on('job.progress', (p) => p.state === 'waiting' && waiting.push(p));
    const other = await Conn.open(w.app.ledger.file);
    onTestFinished(() => other.close());
    let release!: () => void;
    const until = new Promise<void>((r) => (release = r));
    w.sandbox.faults.inject('COR', 'hold', { until, times: 1 });
    const sent = createRevisedPi(app, { piId, beneficiaries: [{ beneficiaryId: b!.id }] });
    await vi.waitFor(() => expect(w.sandbox.stats().calls.COR).toBe(1), { timeout: 30_000 });
    // Logged before it went out: after a crash the call row still names the revision sent.
    const ahead = await w.app.ledger.read.all<{ inFlight: number; billNo: string }>(
      `SELECT in_flight AS inFlight, request_json ->> '$.params.jitCorBillNo' AS billNo
         FROM treasury_calls WHERE service = 'COR'`,
    );
    expect(ahead).toEqual([{ inFlight: 1, billNo: expect.stringMatching(/^COR-/) }]);
    await other.exec('BEGIN IMMEDIATE');
    release();
    await vi.waitFor(
      () =>
        expect(waiting.map((p) => [p.service, p.message])).toContainEqual([
          'COR',
          expect.stringMatching(/Another program .* is holding the ledger/),
        ]),
      { timeout: 30_000 },
    );
    await other.exec('COMMIT');
    const res = await sent;
    expect(res).toMatchObject({ status: 'Initiated', billNo: ahead[0]!.billNo });
    expect(
      await w.app.ledger.read.all(
        `SELECT in_flight AS inFlight, pi_id AS piId FROM treasury_calls WHERE service = 'COR'`,
      ),
    ).toEqual([{ inFlight: 0, piId: res.piId }]);
    expect((await piRowOf(w, res.piId)).status).toBe('Initiated');
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });
});
