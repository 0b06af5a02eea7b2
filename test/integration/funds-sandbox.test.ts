// Funds, pushes and revised PIs against the sandbox treasury over 127.0.0.1, spoken to by the
// real JitClient, with the nightly pollers run by the real engine on the sandbox clock.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import { openApp, type App } from '../../main/app';
import { JitClient } from '../../main/jit/client';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { Engine } from '../../main/core/reconcile/engine';
import { pisPoller } from '../../main/core/reconcile/pollers/pis';
import { pagPoller } from '../../main/core/reconcile/pollers/pag';
import { pdPoller } from '../../main/core/reconcile/pollers/pd';
import { fdPoller } from '../../main/core/reconcile/pollers/fd';
import { ftpsPoller } from '../../main/core/reconcile/pollers/ftps';
import { ftfpsPoller } from '../../main/core/reconcile/pollers/ftfps';
import { vaPoller } from '../../main/core/funds/va-poller';
import { registerHeadsOfAccount } from '../../main/core/funds/heads';
import { importPayments } from '../../main/core/payments/import';
import { piPushPoller, pushPayment, repushPending } from '../../main/core/pi/push';
import { corCheck, createRevisedPi } from '../../main/core/pi/revise';
import { runCheck } from '../../main/core/funds/check';
import { fundsSummary } from '../../main/core/funds/queries';
import type { Poller } from '../../main/core/reconcile/poller';
import type { Service } from '../../shared/status';
import { HEADS, HOA, T0, TENANT } from './funds-support';

const MIN = 60_000;
const dir = tempDir();
let sandbox: Sandbox;
let app: App;
let engine: Engine;

const allotment = (sl: string, type: string, amount: string, afterStartMs: number) => ({
  hoa: HOA,
  ddoCode: 'DDO1013',
  granteCode: 'GR1013',
  schemeCode: 'MUKTA',
  schemeName: 'Mukhyamantri Karma Tatpara Abhiyan',
  ssuId: 'SSU-ANGUL',
  afterStartMs,
  allotmentTxnSlNo: sl,
  allotmentAmount: amount,
  allotmentTxnType: type,
  mstAllotmentDistId: 'MAD-1013-01',
  ssuAllotmentId: `SSUA-1013-000${sl}`,
});

beforeAll(async () => {
  sandbox = await createSandbox({
    now: T0,
    scenario: {
      seed: 7,
      delays: {
        approveAfterMs: 10 * MIN,
        adviceAfterMs: 20 * MIN,
        paidAfterMs: 30 * MIN,
        failedAfterMs: 60 * MIN,
      },
      fail: { accountSuffixes: ['99'], reason: 'Account closed or transferred' },
      allotments: [
        allotment('1', 'Initial Allotment', '1000.00', 0),
        allotment('2', 'Additional allotment', '500.50', 60 * MIN),
        allotment('3', 'ALLOTMENT WITHDRAWAL', '100', 26 * 60 * MIN),
      ],
    },
  });
  const treasury = new JitClient({
    baseUrl: sandbox.baseUrl,
    ...sandbox.credentials,
    publicKey: sandbox.credentials.publicKeyPem,
    timeoutMs: 1_000,
    now: () => sandbox.clock.now(),
  });
  app = await openApp({
    dbPath: path.join(dir, 'sandbox.db'),
    treasury,
    treasuryInfo: { kind: 'sandbox', baseUrl: sandbox.baseUrl },
    now: () => sandbox.clock.now(),
  });
  await registerHeadsOfAccount(app.ledger, HEADS);
  const pollers: Array<Poller<never>> = [
    vaPoller,
    piPushPoller,
    pisPoller,
    pagPoller,
    pdPoller,
    fdPoller,
    ftpsPoller,
    ftfpsPoller,
  ] as never;
  engine = new Engine(app, new Map(pollers.map((p) => [p.service, p as unknown as Poller])));
});

afterAll(async () => {
  await app?.close();
  await sandbox?.close();
});

const run = (service: Service) => engine.run(service, { trigger: 'manual' });
const available = async () =>
  (await fundsSummary(app.ledger)).find((r) => r.mstAllotmentDistId === 'MAD-1013-01')
    ?.availablePaise;

async function importOne(number: string, accounts: string[], rupees = 100): Promise<number> {
  const res = await importPayments(
    app,
    `${number}.json`,
    JSON.stringify([
      {
        paymentNumber: number,
        tenantId: TENANT,
        hoa: HOA,
        purpose: 'Wages',
        beneficiaries: accounts.map((accountNo, i) => ({
          benefId: `${number}-${i + 1}`,
          name: `Wage Seeker ${i + 1}`,
          accountNo,
          ifsc: 'SBIN0003491',
          mobile: '9876500001',
          amount: rupees,
          accountType: 'SAVINGS',
          beneficiaryType: 'IND',
        })),
      },
    ]),
  );
  expect(res.errors).toEqual([]);
  return (await app.ledger.read.get<{ id: number }>(
    'SELECT id FROM payments WHERE payment_number = ?',
    [number],
  ))!.id;
}

const bens = (piId: number) =>
  app.ledger.read.all<{ id: number; status: string; accountNo: string }>(
    'SELECT id, status, account_no AS accountNo FROM beneficiaries WHERE pi_id = ? ORDER BY id',
    [piId],
  );

describe('with the sandbox treasury', () => {
  it('VA: initial, additional and withdrawal arrive over the nights; repeats are ignored', async () => {
    await run('VA');
    expect(await available()).toBe(100_000);
    sandbox.clock.advance(2 * 60 * MIN);
    await run('VA');
    await run('VA');
    expect(await available()).toBe(150_050);
    sandbox.clock.advance(24 * 60 * MIN);
    await run('VA');
    expect(await available()).toBe(140_050);
    const n = await app.ledger.read.get<{ n: number }>(
      "SELECT count(*) AS n FROM funds_transactions WHERE kind IN ('allotment', 'withdrawal')",
    );
    expect(n!.n).toBe(3);
  });

  it('a pushed PI is accepted: Initiated, funds debited', async () => {
    const id = await importOne('SB-1', ['300012345610', '300012345611']);
    const res = await pushPayment(app, id);
    expect(res).toMatchObject({
      status: 'Initiated',
      outcome: 'OK',
      billNo: expect.stringMatching(/^PI-1013\/\d{4}-\d{2}\/\d{6}$/),
    });
    expect(await available()).toBe(140_050 - 20_000);
  });

  it('a PI rejected by the treasury fails and gives its funds back, with the message kept', async () => {
    const before = await available();
    const id = await importOne('SB-2', ['300012345612']);
    sandbox.faults.inject('PI', 'errorMsgs', {
      times: 1,
      messages: [
        {
          errorCode: '340',
          errorMsg: 'Wrong IFSC provided in Beneficiary Details for BenefId SB-2-1',
        },
      ],
    });
    const res = await pushPayment(app, id);
    expect(res).toMatchObject({
      status: 'Failed',
      outcome: 'ERROR',
      message: expect.stringMatching(/Wrong IFSC/),
    });
    expect(await available()).toBe(before);
    const pi = await app.ledger.read.get<{ last_message: string }>(
      'SELECT last_message FROM pis WHERE id = ?',
      [res.piId],
    );
    expect(pi!.last_message).toMatch(/340.*Wrong IFSC/);
  });

  it('a push that times out stays Pending and is re-sent with the same number: one PI, one number', async () => {
    const id = await importOne('SB-3', ['300012345613']);
    sandbox.faults.inject('PI', 'timeout', { times: 1, holdMs: 3_000 });
    const first = await pushPayment(app, id);
    expect(first).toMatchObject({ status: 'Pending', outcome: 'NO_RESPONSE' });
    await expect(pushPayment(app, id)).rejects.toMatchObject({ code: 'REFUSED' });
    const again = await repushPending(app, first.piId);
    expect(again).toMatchObject({
      piId: first.piId,
      billNo: first.billNo,
      status: 'Initiated',
      outcome: 'OK',
    });
    const pis = await app.ledger.read.all<{ bill_no: string }>(
      'SELECT p.bill_no FROM pis p WHERE payment_id = ?',
      [id],
    );
    expect(pis).toEqual([{ bill_no: first.billNo }]);
    const calls = await app.ledger.read.all<{ request_json: string }>(
      "SELECT request_json FROM treasury_calls WHERE pi_id = ? AND service = 'PI'",
      [first.piId],
    );
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((c) => JSON.parse(c.request_json).params.jitBillNo))).toEqual(
      new Set([first.billNo]),
    );
    expect((await runCheck(app)).breaches).toEqual([]);
  });

  it('the nightly PI run re-sends a Pending PI with its own number', async () => {
    const id = await importOne('SB-4', ['300012345614']);
    sandbox.faults.inject('PI', 'http500', { times: 1 });
    const first = await pushPayment(app, id);
    expect(first.status).toBe('Pending');
    const summary = await run('PI');
    expect(summary.outcomes.OK).toBe(1);
    expect(
      await app.ledger.read.get('SELECT status, bill_no AS billNo FROM pis WHERE id = ?', [
        first.piId,
      ]),
    ).toEqual({ status: 'Initiated', billNo: first.billNo });
  });

  async function nights(...services: Service[]): Promise<void> {
    for (const s of services) {
      sandbox.clock.advance(35 * MIN);
      await run(s);
    }
  }

  /** The sandbox pays a revised PI an hour after accepting it (approval, advice, payment). */
  async function paidRevision(): Promise<void> {
    sandbox.clock.advance(65 * MIN);
    await run('FTPS');
  }

  it('COR for a failed beneficiary, then FTPS pays it', async () => {
    const id = await importOne('SB-5', ['300012345615', '300012345699']);
    const { piId } = await pushPayment(app, id);
    await nights('PIS', 'PAG', 'PD');
    sandbox.clock.advance(70 * MIN);
    await run('FD');
    const [, failed] = await bens(piId);
    expect(failed!.status).toBe('Payment Failed');
    expect(await corCheck(app, piId)).toMatchObject({ allowed: true });
    const before = await available();
    const cor = await createRevisedPi(app, {
      piId,
      beneficiaries: [{ beneficiaryId: failed!.id, correctedAccountNo: '300012345616' }],
    });
    expect(cor).toMatchObject({
      status: 'Initiated',
      outcome: 'OK',
      billNo: expect.stringMatching(/^COR-1013\//),
    });
    expect(await available()).toBe(before);
    await paidRevision();
    const [paid] = await bens(cor.piId);
    expect(paid).toMatchObject({ status: 'Payment Successful', accountNo: '300012345616' });
    expect(await app.ledger.read.get('SELECT status FROM pis WHERE id = ?', [cor.piId])).toEqual({
      status: 'Completed',
    });
    expect((await runCheck(app)).breaches).toEqual([]);
  });

  it('COR that fails again (FTFPS), then a second COR from the revised PI', async () => {
    const id = await importOne('SB-6', ['300012345617', '300012345699']);
    const { piId } = await pushPayment(app, id);
    await nights('PIS', 'PAG', 'PD');
    sandbox.clock.advance(70 * MIN);
    await run('FD');
    const [, failed] = await bens(piId);
    // The "corrected" account still ends in 99: the bank returns it again.
    const cor = await createRevisedPi(app, {
      piId,
      beneficiaries: [{ beneficiaryId: failed!.id, correctedAccountNo: '300012340099' }],
    });
    await paidRevision();
    sandbox.clock.advance(70 * MIN);
    await run('FTFPS');
    const [again] = await bens(cor.piId);
    expect(again!.status).toBe('Payment Failed');
    await expect(
      createRevisedPi(app, { piId, beneficiaries: [{ beneficiaryId: failed!.id }] }),
    ).rejects.toThrow(/no failed beneficiary that is not already in a revised PI/);
    const second = await createRevisedPi(app, {
      piId: cor.piId,
      beneficiaries: [{ beneficiaryId: again!.id, correctedAccountNo: '300012345618' }],
    });
    expect(second).toMatchObject({ status: 'Initiated', outcome: 'OK' });
    await paidRevision();
    expect((await bens(second.piId))[0]).toMatchObject({
      status: 'Payment Successful',
      accountNo: '300012345618',
    });
    expect((await runCheck(app)).breaches).toEqual([]);
  });
});
