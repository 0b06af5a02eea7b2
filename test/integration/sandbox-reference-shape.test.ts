// The sandbox answering in the real treasury's shapes (scenario `shape: "reference"`): one
// batch UTR per bill, FD reporting several bills at once, padded reasons, FD/FTFPS `data: []`
// when nothing failed, FTPS/FTFPS without billNumber/billDate, " FTFPS"; and, with
// `failedWithoutBenfId`, failed beneficiaries named only by account and IFSC. The real client,
// engine and ledger meet them from import to a revised PI that fails again.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import { openApp, type App } from '../../main/app';
import { JitClient } from '../../main/jit/client';
import { registerHeadsOfAccount } from '../../main/core/funds/heads';
import { importPayments } from '../../main/core/payments/import';
import { pushPayment } from '../../main/core/pi/push';
import { createRevisedPi } from '../../main/core/pi/revise';
import { runCheck } from '../../main/core/funds/check';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import type { ScenarioInput } from '../../sandbox/scenario';
import type { Service } from '../../shared/status';
import { HEADS, HOA, T0, TENANT } from './funds-support';

const MIN = 60_000;
const dir = tempDir('jit-reference-shape-');
const opened: Array<{ app: App; sandbox: Sandbox }> = [];
afterAll(async () => {
  for (const w of opened) {
    await w.app.close();
    await w.sandbox.close();
  }
});

async function world(name: string, scenario: ScenarioInput) {
  const sandbox = await createSandbox({
    now: T0,
    scenario: {
      delays: { approveAfterMs: 0, adviceAfterMs: 0, paidAfterMs: 0, failedAfterMs: 60 * MIN },
      fail: { accountSuffixes: ['99'], reason: 'Account does not exist' },
      allotments: [
        {
          hoa: HOA,
          ddoCode: 'DDO1013',
          granteCode: 'GR1013',
          schemeCode: 'MUKTA',
          ssuId: 'SSU-ANGUL',
          afterStartMs: 0,
          allotmentTxnSlNo: '0',
          allotmentAmount: '100000',
          allotmentTxnType: 'Initial Allotment',
          mstAllotmentDistId: '920',
          ssuAllotmentId: '860',
        },
      ],
      ...scenario,
    },
  });
  const app = await openApp({
    dbPath: path.join(dir, `${name}.db`),
    treasury: new JitClient({
      baseUrl: sandbox.baseUrl,
      ...sandbox.credentials,
      publicKey: sandbox.credentials.publicKeyPem,
      timeoutMs: 5_000,
    }),
    treasuryInfo: { kind: 'sandbox', baseUrl: sandbox.baseUrl },
    now: () => sandbox.clock.now(),
  });
  opened.push({ app, sandbox });
  await registerHeadsOfAccount(app.ledger, HEADS);
  const run = (service: Service, piId?: number) =>
    app.engine.run(service, { trigger: 'manual', ...(piId && { piId }) });
  expect((await run('VA')).outcomes.OK).toBe(1);

  async function paid(number: string, accounts: string[]): Promise<number> {
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
            amount: 250,
            accountType: 'SAVINGS',
            beneficiaryType: 'IND',
          })),
        },
      ]),
    );
    expect(res.errors).toEqual([]);
    const paymentId = (await app.ledger.read.get<{ id: number }>(
      'SELECT id FROM payments WHERE payment_number = ?',
      [number],
    ))!.id;
    const { piId } = await pushPayment(app, paymentId);
    for (const s of ['PIS', 'PAG', 'PD'] as const) await run(s, piId);
    return piId;
  }

  const bens = (piId: number) =>
    app.ledger.read.all<{
      id: number;
      status: string;
      utrNo: string;
      failedReason: string | null;
    }>(
      `SELECT id, status, utr_no AS utrNo, failed_reason AS failedReason FROM beneficiaries WHERE pi_id = ? ORDER BY id`,
      [piId],
    );
  const status = async (piId: number) =>
    (await app.ledger.read.get<{ status: string }>('SELECT status FROM pis WHERE id = ?', [piId]))!
      .status;
  const calls = async (service: Service) =>
    app.ledger.read.all<{ outcome: string; response: string }>(
      `SELECT outcome, response_json AS response FROM treasury_calls WHERE service = ? ORDER BY id`,
      [service],
    );
  return { app, sandbox, run, paid, bens, status, calls };
}

describe('the sandbox in the reference shape', () => {
  it('a whole day: batch UTRs, one FD answer for two bills, revised PIs paid and failed again', async () => {
    const w = await world('reference', { shape: 'reference' });
    const a = await w.paid('REF-A', ['300012345611', '300012345699']);
    const b = await w.paid('REF-B', ['300012345622', '300012345799']);
    for (const id of [a, b]) {
      expect(await w.status(id)).toBe('Completed');
      const [x, y] = await w.bens(id);
      // One batch UTR per bill, never treated as one beneficiary's.
      expect(x!.utrNo).toBe(y!.utrNo);
    }
    expect((await w.bens(a))[0]!.utrNo).not.toBe((await w.bens(b))[0]!.utrNo);

    w.sandbox.clock.advance(61 * MIN);
    // FD asked about A answers for A and B: both are applied, from one call.
    expect((await w.run('FD', a)).last?.outcome).toBe('OK');
    expect(await w.calls('FD')).toHaveLength(1);
    for (const id of [a, b]) {
      expect((await w.bens(id)).map((x) => [x.status, x.failedReason])).toEqual([
        ['Payment Successful', null],
        ['Payment Failed', 'Account does not exist'],
      ]);
      expect(await w.status(id)).toBe('Completed');
    }
    expect((await w.calls('FD'))[0]!.response).toContain('" Account does not exist"');
    // Asked again about each: the same answers change nothing.
    expect((await w.run('FD')).outcomes).toEqual({ OK: 2, ERROR: 0, NO_RESPONSE: 0 });

    // A's failed beneficiary, corrected, is paid by its revised PI; FTFPS then finds nothing
    // failed (data: []), an answer, not a No Response.
    const [, failedA] = await w.bens(a);
    const corA = await createRevisedPi(w.app, {
      piId: a,
      beneficiaries: [{ beneficiaryId: failedA!.id, correctedAccountNo: '300012345612' }],
    });
    expect(corA).toMatchObject({ status: 'Initiated', outcome: 'OK' });
    expect((await w.run('FTPS', corA.piId)).last?.outcome).toBe('OK');
    expect(await w.status(corA.piId)).toBe('Completed');
    expect((await w.calls('FTPS')).at(-1)!.response).not.toContain('billNumber');
    w.sandbox.clock.advance(61 * MIN);
    const nothing = await w.run('FTFPS', corA.piId);
    expect(nothing.last).toMatchObject({ outcome: 'OK', data: [] });
    expect(nothing.unanswered).toBe(0);
    expect((await w.bens(corA.piId))[0]!.status).toBe('Payment Successful');

    // B's, not corrected, fails again: FTFPS answers as " FTFPS" without billNumber/billDate.
    const [, failedB] = await w.bens(b);
    const corB = await createRevisedPi(w.app, {
      piId: b,
      beneficiaries: [{ beneficiaryId: failedB!.id }],
    });
    await w.run('FTPS', corB.piId);
    expect(await w.status(corB.piId)).toBe('Completed');
    w.sandbox.clock.advance(61 * MIN);
    expect((await w.run('FTFPS', corB.piId)).last?.outcome).toBe('OK');
    expect(JSON.parse((await w.calls('FTFPS')).at(-1)!.response).serviceId).toBe(' FTFPS');
    expect((await w.bens(corB.piId)).map((x) => [x.status, x.failedReason])).toEqual([
      ['Payment Failed', 'Account does not exist'],
    ]);
    expect(await w.status(corB.piId)).toBe('Completed');
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('FD naming failed beneficiaries only by account and IFSC fails the right ones', async () => {
    const w = await world('no-benfid', { shape: 'reference', failedWithoutBenfId: true });
    const a = await w.paid('NB-A', ['300012345699', '300012345633', '300012345799']);
    w.sandbox.clock.advance(61 * MIN);
    await w.run('FD', a);
    expect((await w.calls('FD'))[0]!.response).not.toContain('benfId');
    expect((await w.bens(a)).map((x) => x.status)).toEqual([
      'Payment Failed',
      'Payment Successful',
      'Payment Failed',
    ]);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });
});
