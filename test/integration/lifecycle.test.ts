// Every row of the lifecycle table (jit-protocol.md §4) for the nightly services, in all
// three outcomes, against the sandbox treasury over loopback with the real encryption.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServices } from '../../main/core/reconcile/jobs';
import { getPi } from '../../main/core/pi/pi-queries';
import { createRevisedPi } from '../../main/core/pi/revise';
import type { Service } from '../../shared/status';
import { tempDir } from '../support/tmp';
import { samplePi } from '../support/samples';
import { count, piState, seedPis, startWorld, type World } from '../support/world';

const dir = tempDir();
let seq = 0;
const bill = () => `PI-1013/2023-24/${String(++seq).padStart(6, '0')}`;

// Beneficiary 2 of every PI has an account ending 0002: the scenario fails it at the bank.
const scenario = { fail: { accountSuffixes: ['00002'] } };

let w: World;
beforeAll(async () => {
  w = await startWorld(dir, 'lifecycle', { scenario });
});
afterAll(() => w.close());

// Each test polls only its own PI, so earlier tests' PIs do not take the injected faults.
const run = (service: Service, piId?: number) =>
  w.app.engine.run(service, { trigger: 'manual', piId });

/** Bring a fresh PI to the status a service polls. */
async function piAt(
  step: 'Initiated' | 'Approved' | 'In Process' | 'Completed',
  n = 3,
): Promise<number> {
  const [id] = await seedPis(w, [samplePi(bill(), n)]);
  const path: Service[] = ['PIS', 'PAG', 'PD'];
  const stop = { Initiated: 0, Approved: 1, 'In Process': 2, Completed: 3 }[step];
  for (const s of path.slice(0, stop)) await w.app.engine.run(s, { trigger: 'manual', piId: id });
  expect((await piState(w.app, id!)).status).toBe(step);
  return id!;
}

async function expectUnchanged(
  id: number,
  service: Service,
  status: string,
  benfStatus: string,
  message: RegExp | string,
) {
  const s = await piState(w.app, id);
  expect(s.status).toBe(status);
  expect(new Set(s.benfs.map((b) => b.status))).toEqual(new Set([benfStatus]));
  expect(s.last_message).toMatch(
    typeof message === 'string' ? new RegExp(`^${message.replace(/[.()]/g, '\\$&')}$`) : message,
  );
  const detail = await getPi(w.app.ledger, id);
  expect(detail.latestCalls.find((c) => c.service === service)?.message).toBe(s.last_message);
}

describe.each([
  ['PIS', 'Initiated', 'Payment Initiated'],
  ['PAG', 'Approved', 'Payment Initiated'],
  ['PD', 'In Process', 'Payment In Process'],
  ['FD', 'Completed', 'Payment Successful'],
] as const)('%s on a PI that is %s', (service, status, benfStatus) => {
  it('No Response: nothing changes and the page says no response was received', async () => {
    const id = await piAt(status);
    w.sandbox.faults.inject(service, 'http500', { times: 1 });
    const r = await run(service, id);
    expect(r.outcomes.NO_RESPONSE).toBe(1);
    await expectUnchanged(
      id,
      service,
      status,
      benfStatus,
      `On call of ${service} API: No response is received.`,
    );
  });

  it('Response With Error: nothing changes and the JIT message is shown', async () => {
    const id = await piAt(status);
    w.sandbox.faults.inject(service, 'error', {
      times: 1,
      message: 'Service temporarily unavailable at JIT',
    });
    await run(service, id);
    await expectUnchanged(
      id,
      service,
      status,
      benfStatus,
      `On call of ${service} API: Service temporarily unavailable at JIT`,
    );
    expect((await getPi(w.app.ledger, id)).actions.map((a) => a.service)).toEqual(
      status === 'Completed' ? [] : [service],
    );
  });
});

describe('Response Without Error moves the PI along the lifecycle', () => {
  it('PIS → Approved, PAG → In Process, PD → Completed with SMS, FD → Payment Failed with reason and SMS', async () => {
    const [id] = await seedPis(w, [samplePi(bill(), 3)]);
    await run('PIS', id);
    let s = await piState(w.app, id!);
    expect(s.status).toBe('Approved');
    expect(s.last_message).toBe(
      'On call of PIS API: Response is received and updated successfully',
    );
    const approved = await getPi(w.app.ledger, id!);
    expect(approved.pi.pmtInstId).toBeTruthy();
    expect(approved.actions).toEqual([{ kind: 'refresh', service: 'PAG', label: 'Refresh (PAG)' }]);

    await run('PAG', id);
    s = await piState(w.app, id!);
    expect(s.status).toBe('In Process');
    expect(s.benfs.every((b) => b.status === 'Payment In Process')).toBe(true);
    expect((await getPi(w.app.ledger, id!)).pi.onlineBillRefNo).toBeTruthy();

    await run('PD', id);
    s = await piState(w.app, id!);
    expect(s.status).toBe('Completed');
    expect(s.benfs.every((b) => b.status === 'Payment Successful' && b.utr_no)).toBe(true);
    expect(
      await count(
        w.app,
        `SELECT count(*) AS n FROM sms_outbox s JOIN beneficiaries b ON b.id = s.beneficiary_id WHERE b.pi_id = ? AND event = 'PD'`,
        [id],
      ),
    ).toBe(3);
    expect((await getPi(w.app.ledger, id!)).actions).toEqual([]);

    await run('FD', id);
    s = await piState(w.app, id!);
    expect(s.status).toBe('Completed');
    expect(s.benfs.map((b) => b.status)).toEqual([
      'Payment Successful',
      'Payment Failed',
      'Payment Successful',
    ]);
    expect(s.benfs[1]!.failed_reason).toBeTruthy();
    const fdSms = await w.app.ledger.read.all<{ body: string }>(
      `SELECT s.body FROM sms_outbox s JOIN beneficiaries b ON b.id = s.beneficiary_id WHERE b.pi_id = ? AND event = 'FD'`,
      [id],
    );
    expect(fdSms).toHaveLength(1);
    expect(fdSms[0]!.body).toMatch(
      /^Payment of Rs\. 1000\.00 for MUKTA, transaction \S+ is failed\./,
    );
    const detail = await getPi(w.app.ledger, id!);
    expect(detail.actions).toEqual([
      { kind: 'revise', service: 'COR', label: 'Generate Revised PI' },
    ]);
    expect(detail.latestCalls.map((c) => c.service).sort()).toEqual(['FD', 'PAG', 'PD', 'PIS']);

    // FD keeps watching the Completed PI: the same failure again is an answer, applied once.
    const history = () =>
      count(w.app, 'SELECT count(*) AS n FROM status_history WHERE pi_id = ?', [id]);
    const before = await history();
    await run('FD', id);
    s = await piState(w.app, id!);
    expect([s.last_outcome, s.benfs[1]!.status]).toEqual(['OK', 'Payment Failed']);
    expect(await history()).toBe(before);
    expect(
      await count(
        w.app,
        `SELECT count(*) AS n FROM sms_outbox s JOIN beneficiaries b ON b.id = s.beneficiary_id WHERE b.pi_id = ? AND event = 'FD'`,
        [id],
      ),
    ).toBe(1);
  });

  it('PIS decline: Declined, with the SSU message', async () => {
    const w2 = await startWorld(dir, 'decline', {
      scenario: { decline: { billNoPattern: 'DECL' } },
    });
    try {
      const [id] = await seedPis(w2, [samplePi('PI-1013/2023-24/DECL01', 2)]);
      await w2.app.engine.run('PIS', { trigger: 'manual' });
      const s = await piState(w2.app, id!);
      expect(s.status).toBe('Declined');
      expect(s.last_message).toMatch(
        /^On call of PIS API: This Bill Number PI-1013\/2023-24\/DECL01 is rejected by SSU/,
      );
    } finally {
      await w2.close();
    }
  });

  it('FD with nothing failed is a response without error and changes nothing', async () => {
    const w3 = await startWorld(dir, 'nofail');
    try {
      const [id] = await seedPis(w3, [samplePi(bill(), 2)]);
      await runServices(w3.app, 'ALL');
      const s = await piState(w3.app, id!);
      expect(s.status).toBe('Completed');
      expect(s.benfs.every((b) => b.status === 'Payment Successful')).toBe(true);
      expect(s.last_message).toBe(
        'On call of FD API: Response is received and updated successfully',
      );
    } finally {
      await w3.close();
    }
  });
});

describe('revised PIs: FTPS and FTFPS in all three outcomes', () => {
  async function revised(
    correctedAccountNo = '999988887777',
  ): Promise<{ parent: number; cor: number }> {
    const parent = await piAt('Completed');
    await run('FD', parent);
    const failed = (await getPi(w.app.ledger, parent)).beneficiaries.filter(
      (b) => b.status === 'Payment Failed',
    );
    const r = await createRevisedPi(w.app, {
      piId: parent,
      beneficiaries: failed.map((b) => ({
        beneficiaryId: b.id,
        correctedAccountNo,
        correctedIfsc: 'HDFC0001234',
      })),
    });
    expect(r.outcome).toBe('OK');
    expect(r.status).toBe('Initiated');
    return { parent, cor: r.piId };
  }

  it('FTPS: No Response and Error leave the revised PI Initiated; then paid → Completed with SMS', async () => {
    const { cor } = await revised();
    w.sandbox.faults.inject('FTPS', 'reset', { times: 1 });
    await run('FTPS', cor);
    await expectUnchanged(
      cor,
      'FTPS',
      'Initiated',
      'Payment Initiated',
      'On call of FTPS API: No response is received.',
    );
    w.sandbox.faults.inject('FTPS', 'error', { times: 1, message: 'JIT is busy' });
    await run('FTPS', cor);
    await expectUnchanged(
      cor,
      'FTPS',
      'Initiated',
      'Payment Initiated',
      'On call of FTPS API: JIT is busy',
    );
    await run('FTPS', cor);
    const s = await piState(w.app, cor);
    expect(s.status).toBe('Completed');
    expect(s.benfs.every((b) => b.status === 'Payment Successful')).toBe(true);
    expect(
      await count(
        w.app,
        `SELECT count(*) AS n FROM sms_outbox s JOIN beneficiaries b ON b.id = s.beneficiary_id WHERE b.pi_id = ?`,
        [cor],
      ),
    ).toBe(1);
  });

  it('FTFPS: No Response and Error change nothing; nothing failed keeps it paid', async () => {
    const { cor } = await revised();
    await run('FTPS', cor);
    w.sandbox.faults.inject('FTFPS', 'timeout', { times: 1 });
    await run('FTFPS', cor);
    await expectUnchanged(
      cor,
      'FTFPS',
      'Completed',
      'Payment Successful',
      'On call of FTFPS API: No response is received.',
    );
    w.sandbox.faults.inject('FTFPS', 'errorMsgs', {
      times: 1,
      messages: [{ errorCode: '501', errorMsg: 'Bad token' }],
    });
    await run('FTFPS', cor);
    await expectUnchanged(
      cor,
      'FTFPS',
      'Completed',
      'Payment Successful',
      /^On call of FTFPS API: .*501.*Bad token/,
    );
    // The corrected account does not end in 00002, so it is paid and stays paid.
    await run('FTFPS', cor);
    const s = await piState(w.app, cor);
    expect(s.benfs.map((b) => b.status)).toEqual(['Payment Successful']);
    expect(s.last_message).toBe(
      'On call of FTFPS API: Response is received and updated successfully',
    );
  });

  it('FTFPS: a corrected account that fails again marks the revised beneficiary failed, with one SMS', async () => {
    const { cor } = await revised('999900002');
    await run('FTPS', cor);
    await run('FTFPS', cor);
    await run('FTFPS', cor);
    const s = await piState(w.app, cor);
    expect(s.status).toBe('Completed');
    expect(s.benfs.map((b) => b.status)).toEqual(['Payment Failed']);
    expect(
      await count(
        w.app,
        `SELECT count(*) AS n FROM sms_outbox s JOIN beneficiaries b ON b.id = s.beneficiary_id WHERE b.pi_id = ? AND event = 'FD'`,
        [cor],
      ),
    ).toBe(1);
    expect((await getPi(w.app.ledger, cor)).actions.map((a) => a.kind)).toEqual(['revise']);
  });
});
