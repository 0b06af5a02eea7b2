// Every answer of the real treasury (test/fixtures/reference-samples, copied byte for byte from
// ../shared/reference-samples) sent by the sandbox over loopback with the real encryption, read
// by the real client and applied by the real engine to a ledger built through the real push,
// status and revision paths; the ledger is checked after each, and `check` finds nothing.
//
// The samples' own bill numbers are used wherever this console would issue them (PI-1013/
// 2023-24/000182 ...). Three kinds it never issues are renamed in the sample text and nothing
// else: revised PIs (PI-… there, COR-… here, same serial) and the other application's
// MUKTA/… bills (here, bills of ours in the same answer).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import { openApp, type App } from '../../main/app';
import { JitClient } from '../../main/jit/client';
import { registerHeadsOfAccount } from '../../main/core/funds/heads';
import { fundsSummary } from '../../main/core/funds/queries';
import { runCheck } from '../../main/core/funds/check';
import { importPayments } from '../../main/core/payments/import';
import { pushPayment } from '../../main/core/pi/push';
import { createRevisedPi } from '../../main/core/pi/revise';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import type { Service } from '../../shared/status';
import { REFERENCE_HEAD, sampleText, type SampleFile } from '../support/reference-samples';

const dir = tempDir('jit-reference-');
const T0 = Date.parse('2023-10-02T10:00:00+05:30');
const FY = 'PI-1013/2023-24/';
const COR = 'COR-1013/2023-24/';
let sandbox: Sandbox;
let app: App;

beforeAll(async () => {
  sandbox = await createSandbox({
    now: T0,
    scenario: {
      delays: { approveAfterMs: 0, adviceAfterMs: 0, paidAfterMs: 0, failedAfterMs: 0 },
      // The accounts the FTPS and FTFPS samples pay again fail at the bank the first time.
      fail: { accountSuffixes: ['12356', '78889', '78003'] },
    },
  });
  app = await openApp({
    dbPath: path.join(dir, 'ledger.db'),
    treasury: new JitClient({
      baseUrl: sandbox.baseUrl,
      ...sandbox.credentials,
      publicKey: sandbox.credentials.publicKeyPem,
      timeoutMs: 5_000,
    }),
    treasuryInfo: { kind: 'sandbox', baseUrl: sandbox.baseUrl },
    now: () => sandbox.clock.now(),
  });
  await registerHeadsOfAccount(app.ledger, [REFERENCE_HEAD]);
});

afterAll(async () => {
  await app?.close();
  await sandbox?.close();
});

/** The sandbox answers the next call of `service` about `bill` with the sample's text. */
function serve(
  service: Service | 'VA',
  file: SampleFile,
  bill: string,
  rename: Record<string, string> = {},
): string {
  let body = sampleText(file);
  for (const [from, to] of Object.entries(rename)) body = body.split(from).join(to);
  sandbox.faults.inject(service, 'answer', { times: 1, billNo: bill, body });
  return body;
}

async function run(service: Service, piId?: number) {
  const summary = await app.engine.run(service, { trigger: 'manual', ...(piId && { piId }) });
  return summary;
}

async function expectClean(): Promise<void> {
  expect((await runCheck(app)).breaches).toEqual([]);
}

/** The next PI (or revised PI) this ledger issues gets serial `seq`. */
const nextSerial = (prefix: string, seq: number) =>
  app.ledger.write((tx) =>
    tx.run(
      `INSERT INTO bill_sequences (prefix, next_seq) VALUES (?, ?)
       ON CONFLICT (prefix) DO UPDATE SET next_seq = excluded.next_seq`,
      [prefix, seq],
    ),
  );

interface Benf {
  benefId: string;
  accountNo: string;
  ifsc: string;
  amount: number;
}

async function importPayment(number: string, benfs: Benf[]): Promise<number> {
  const res = await importPayments(
    app,
    `${number}.json`,
    JSON.stringify([
      {
        paymentNumber: number,
        tenantId: REFERENCE_HEAD.tenantId,
        hoa: REFERENCE_HEAD.hoa,
        purpose: 'Wages',
        beneficiaries: benfs.map((b, i) => ({
          ...b,
          name: `Wage Seeker ${i + 1}`,
          mobile: `98765${String(i).padStart(5, '0')}`,
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

/** Import and push a payment as PI serial `seq`; the sandbox accepts it unless told otherwise. */
async function push(seq: number, benfs: Benf[]): Promise<number> {
  await nextSerial(FY, seq);
  const res = await pushPayment(app, await importPayment(`P-${seq}`, benfs));
  expect(res).toMatchObject({ billNo: `${FY}${String(seq).padStart(6, '0')}`, outcome: 'OK' });
  return res.piId;
}

/** A PI taken by the sandbox through approval, advice and payment to Completed. */
async function completed(seq: number, benfs: Benf[]): Promise<number> {
  const piId = await push(seq, benfs);
  for (const s of ['PIS', 'PAG', 'PD'] as const) await run(s, piId);
  expect((await pi(piId)).status).toBe('Completed');
  return piId;
}

const pi = async (id: number) =>
  (await app.ledger.read.get<{ status: string; billNo: string; pmtInstId: string | null }>(
    'SELECT status, bill_no AS billNo, pmt_inst_id AS pmtInstId FROM pis WHERE id = ?',
    [id],
  ))!;

const benfs = (piId: number) =>
  app.ledger.read.all<{
    benfId: string;
    status: string;
    utrNo: string | null;
    failedReason: string | null;
  }>(
    `SELECT benf_id AS benfId, status, utr_no AS utrNo, failed_reason AS failedReason
       FROM beneficiaries WHERE pi_id = ? ORDER BY id`,
    [piId],
  );

const lastCall = async (service: Service) =>
  (await app.ledger.read.get<{ outcome: string; message: string; response: string }>(
    `SELECT outcome, message, response_json AS response FROM treasury_calls WHERE service = ? ORDER BY id DESC LIMIT 1`,
    [service],
  ))!;

const ICICI = 'ICIC0003892';
const b = (benefId: string, accountNo: string, ifsc = ICICI, amount = 250): Benf => ({
  benefId,
  accountNo,
  ifsc,
  amount,
});

describe('the reference treasury samples, replayed through the sandbox', () => {
  it('va-response: both sanctions of the shared 860/"0" key, with their later allotments', async () => {
    serve('VA', 'va-response.json', REFERENCE_HEAD.hoa);
    expect((await run('VA')).outcomes.OK).toBe(1);
    const funds = await fundsSummary(app.ledger);
    expect(
      funds.map((f) => [f.mstAllotmentDistId, f.allottedPaise, f.availablePaise]).sort(),
    ).toEqual([
      ['920', 990_000, 990_000],
      ['921', 3_010_000, 3_010_000],
    ]);
    const flagged = await app.ledger.read.all('SELECT * FROM allotments WHERE flag IS NOT NULL');
    expect(flagged).toEqual([]);
    await expectClean();
  });

  let pi182 = 0;
  it('pi-response: the push is accepted (successCode "0", sucessDescrp)', async () => {
    await nextSerial(FY, 182);
    serve('PI', 'pi-response.json', `${FY}000182`);
    const res = await pushPayment(
      app,
      await importPayment('P-182', [
        b('BN-1013/000150', '389201502460'),
        b('BN-1013/000151', '389201502461'),
      ]),
    );
    expect(res).toMatchObject({ billNo: `${FY}000182`, status: 'Initiated', outcome: 'OK' });
    pi182 = res.piId;
    expect((await benfs(pi182)).map((x) => x.status)).toEqual([
      'Payment Initiated',
      'Payment Initiated',
    ]);
    await expectClean();
  });

  it('pis-response: approved, with its payment instruction id', async () => {
    serve('PIS', 'pis-response.json', `${FY}000182`);
    expect((await run('PIS', pi182)).last?.outcome).toBe('OK');
    expect(await pi(pi182)).toMatchObject({ status: 'Approved', pmtInstId: '858' });
    await expectClean();
  });

  it('pis-rejected-response: declined by the SSU, its funds given back', async () => {
    const before = (await fundsSummary(app.ledger)).reduce((s, f) => s + f.availablePaise, 0);
    const id = await push(181, [b('BN-1013/000160', '389201502470', ICICI, 400)]);
    serve('PIS', 'pis-rejected-response.json', `${FY}000181`);
    await run('PIS', id);
    expect((await pi(id)).status).toBe('Declined');
    const after = (await fundsSummary(app.ledger)).reduce((s, f) => s + f.availablePaise, 0);
    expect(after).toBe(before);
    await expectClean();
  });

  let pi190 = 0;
  it('pag-response: in process, amounts without decimals matched to the paise', async () => {
    pi190 = await push(190, [
      b('BN-1013/000137', '389201502452'),
      b('BN-1013/000136', '389201502453'),
    ]);
    await run('PIS', pi190);
    serve('PAG', 'pag-response.json', `${FY}000190`);
    expect((await run('PAG', pi190)).last?.outcome).toBe('OK');
    expect((await pi(pi190)).status).toBe('In Process');
    const advice = await app.ledger.read.get(
      'SELECT advice_id, online_bill_ref_no, token_number FROM payment_advice WHERE pi_id = ?',
      [pi190],
    );
    expect(advice).toEqual({
      advice_id: '38',
      online_bill_ref_no: '202311171279',
      token_number: '4',
    });
    await expectClean();
  });

  it('pd-response: both paid under one batch UTR, each told by SMS', async () => {
    // PD is asked by the bill ref PAG gave (the sample's own).
    serve('PD', 'pd-response.json', '202311171279');
    expect((await run('PD', pi190)).last?.outcome).toBe('OK');
    expect((await pi(pi190)).status).toBe('Completed');
    expect(await benfs(pi190)).toEqual([
      {
        benfId: 'BN-1013/000137',
        status: 'Payment Successful',
        utrNo: 'RBI504',
        failedReason: null,
      },
      {
        benfId: 'BN-1013/000136',
        status: 'Payment Successful',
        utrNo: 'RBI504',
        failedReason: null,
      },
    ]);
    const sms = await app.ledger.read.all<{ utr: string }>(
      `SELECT s.utr_no AS utr FROM sms_outbox s JOIN beneficiaries b ON b.id = s.beneficiary_id
        WHERE b.pi_id = ? AND s.event = 'PD'`,
      [pi190],
    );
    expect(sms).toEqual([{ utr: 'RBI504' }, { utr: 'RBI504' }]);
    await expectClean();
  });

  it('FD with data [] and no error: nothing failed, an answer (not retried all night)', async () => {
    sandbox.faults.inject('FD', 'emptyData', { times: 1, billNo: `${FY}000190` });
    const summary = await run('FD', pi190);
    expect(summary).toMatchObject({ outcomes: { OK: 1, ERROR: 0, NO_RESPONSE: 0 }, unanswered: 0 });
    expect((await benfs(pi190)).map((x) => x.status)).toEqual([
      'Payment Successful',
      'Payment Successful',
    ]);
    expect((await lastCall('FD')).message).toBe(
      'On call of FD API: Response is received and updated successfully',
    );
    await expectClean();
  });

  let pi183 = 0;
  it('fd-response: two bills in one answer, each failed on its own PI, reasons trimmed', async () => {
    pi183 = await completed(183, [
      b('BN-1013/000129', '389201502452'),
      b('BN-1013/000096', '389201502453'),
    ]);
    const other = await completed(603, [
      b('1', '1234512345', 'ICIC0000460'),
      b('2', '9900123451', 'ICIC0000460'),
    ]);
    serve('FD', 'fd-response.json', `${FY}000183`, { 'MUKTA/2023-24/06/06/03': `${FY}000603` });
    expect((await run('FD', pi183)).last?.outcome).toBe('OK');
    expect(await pi(pi183)).toMatchObject({ status: 'Completed' });
    expect(await pi(other)).toMatchObject({ status: 'Completed' });
    expect(await benfs(pi183)).toEqual([
      {
        benfId: 'BN-1013/000129',
        status: 'Payment Failed',
        utrNo: 'RBI505',
        failedReason: 'Account does not exist',
      },
      {
        benfId: 'BN-1013/000096',
        status: 'Payment Failed',
        utrNo: 'RBI505',
        failedReason: 'Account is Dormant',
      },
    ]);
    const lateReturn = 'Failed to Pay by RBI(Through e-Kuber) Late Ret';
    expect(await benfs(other)).toEqual([
      { benfId: '1', status: 'Payment Failed', utrNo: 'RBI517', failedReason: lateReturn },
      { benfId: '2', status: 'Payment Failed', utrNo: 'RBI517', failedReason: lateReturn },
    ]);
    const history = await app.ledger.read.all<{ reason: string }>(
      `SELECT DISTINCT reason FROM status_history WHERE pi_id = ? AND to_status = 'Payment Failed'`,
      [other],
    );
    // (Each row also flags that the sample's UTR differs from the sandbox PD's that paid it.)
    expect(new Set(history.map((h) => h.reason.split('; ')[0]))).toEqual(
      new Set([`failed at bank (reported in the answer for ${FY}000183)`]),
    );
    // The call log keeps the treasury's own text, padding and all.
    expect((await lastCall('FD')).response).toContain('" Account does not exist"');
    await expectClean();
  });

  it('fd-response-without-benfid: the beneficiary is found by account and IFSC within the bill', async () => {
    const id = await completed(105, [
      b('BN-1013/000300', '389201502452'),
      b('BN-1013/000301', '389201502454'),
    ]);
    serve('FD', 'fd-response-without-benfid.json', `${FY}000105`, {
      'MUKTA/2022-23/03/16/105': `${FY}000105`,
    });
    expect((await run('FD', id)).last?.outcome).toBe('OK');
    expect((await benfs(id)).map((x) => [x.benfId, x.status, x.utrNo])).toEqual([
      ['BN-1013/000300', 'Payment Failed', 'RBI492'],
      ['BN-1013/000301', 'Payment Successful', expect.any(String)],
    ]);
    await expectClean();
  });

  it('cor-response: the revised PI is accepted and Initiated, linked to its parent', async () => {
    const failed = await app.ledger.read.all<{ id: number }>(
      `SELECT id FROM beneficiaries WHERE pi_id = ? ORDER BY id`,
      [pi183],
    );
    await nextSerial(COR, 184);
    serve('COR', 'cor-response.json', `${COR}000184`, { [`${FY}000184`]: `${COR}000184` });
    const res = await createRevisedPi(app, {
      piId: pi183,
      beneficiaries: [
        { beneficiaryId: failed[0]!.id, correctedAccountNo: '389201502499' },
        { beneficiaryId: failed[1]!.id },
      ],
    });
    expect(res).toMatchObject({ billNo: `${COR}000184`, status: 'Initiated', outcome: 'OK' });
    const revised = await app.ledger.read.get<{ parent: number }>(
      'SELECT parent_pi_id AS parent FROM pis WHERE id = ?',
      [res.piId],
    );
    expect(revised!.parent).toBe(pi183);
    await expectClean();
  });

  /** A PI whose beneficiaries the bank returned, and its revised PI numbered COR serial `cor`. */
  async function revised(seq: number, cor: number, people: Benf[]): Promise<number> {
    const parent = await completed(seq, people);
    await run('FD', parent);
    const failed = await app.ledger.read.all<{ id: number }>(
      `SELECT id FROM beneficiaries WHERE pi_id = ? AND status = 'Payment Failed' ORDER BY id`,
      [parent],
    );
    expect(failed).toHaveLength(people.length);
    await nextSerial(COR, cor);
    const res = await createRevisedPi(app, {
      piId: parent,
      beneficiaries: failed.map((f) => ({ beneficiaryId: f.id })),
    });
    expect(res).toMatchObject({ status: 'Initiated', outcome: 'OK' });
    return res.piId;
  }

  it('ftps-response: the revised PI paid (no billNumber/billDate; keyed by jitCorBillNo)', async () => {
    const id = await revised(256, 256, [
      b('BN-1013/000224', '1200012356', 'SBIN0020852'),
      b('BN-1013/000223', '12345678889', 'SBIN0020852'),
    ]);
    serve('FTPS', 'ftps-response.json', `${COR}000256`, { [`${FY}000256`]: `${COR}000256` });
    expect((await run('FTPS', id)).last?.outcome).toBe('OK');
    expect((await pi(id)).status).toBe('Completed');
    expect((await benfs(id)).map((x) => [x.benfId, x.status, x.utrNo])).toEqual([
      ['BN-1013/000224', 'Payment Successful', 'RBI4891'],
      ['BN-1013/000223', 'Payment Successful', 'RBI4892'],
    ]);
    await expectClean();
  });

  it('ftfps-response: the revised PI failed again (serviceId " FTFPS", no billNumber/billDate)', async () => {
    const id = await revised(168, 168, [b('BN-1013/000096', '12345678003', 'SBIN0000041')]);
    await run('FTPS', id);
    expect((await pi(id)).status).toBe('Completed');
    serve('FTFPS', 'ftfps-response.json', `${COR}000168`, { [`${FY}000168`]: `${COR}000168` });
    expect((await run('FTFPS', id)).last?.outcome).toBe('OK');
    expect((await pi(id)).status).toBe('Completed');
    expect(await benfs(id)).toEqual([
      {
        benfId: 'BN-1013/000096',
        status: 'Payment Failed',
        utrNo: 'RBI4905',
        failedReason: 'Account does not exist.',
      },
    ]);
    await expectClean();
  });
});
