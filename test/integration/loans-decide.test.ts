// The checker: approve and reject, a second decision refused, maker ≠ checker, racing
// approvals, and the UTR link with the treasury (UTRs from a real PD run on the sandbox).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../main/app';
import { approveRequest, rejectRequest } from '../../main/core/loans/decide';
import { getRequest } from '../../main/core/loans/queries';
import { saveServiceRequest } from '../../main/core/loans/save';
import { addUser } from '../../main/core/loans/users';
import { AppError } from '../../main/core/errors';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { count, piState, seedPis, startWorld, type World } from '../support/world';
import { charge, example, importFixture } from './loans-support';

const dir = tempDir();
let w: World;

beforeAll(async () => {
  w = await startWorld(dir, 'loans-decide');
  await importFixture(w.app);
});
afterAll(async () => w?.close());

/** A request for `rupees` on one charge, entered in the console by `maker`. */
async function request(
  rupees: string,
  chargeId = 5105384,
  edit: (b: ReturnType<typeof example>) => void = () => undefined,
  maker = 'console',
): Promise<number> {
  const answer = await saveServiceRequest(
    w.app,
    example((b) => {
      b.request_data.payment_amount = rupees;
      b.request_data.fund_transfer_number = '';
      b.request_data.payables = [{ charge_id: chargeId, allocated_amount: rupees }];
      edit(b);
    }),
    { source: 'console', maker },
  );
  if (!answer.response) throw new Error(answer.error.text);
  return answer.data.service_request_id;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('approving and rejecting', () => {
  it('approval moves the allocation from outstanding to paid, with audit rows', async () => {
    const before = (await charge(w.app, 5105384))!;
    const id = await request('100.50');
    expect(await charge(w.app, 5105384)).toEqual({
      ...before,
      in_process_paise: before.in_process_paise + 10_050,
    });
    const r = await approveRequest(w.app, { id, actor: 'console', reason: 'bank statement seen' });
    expect(r).toMatchObject({ status: 'approved', decidedBy: 'console' });
    expect(r.payables[0]).toMatchObject({ allocatedPaise: 10_050 });
    expect(await charge(w.app, 5105384)).toEqual({
      outstanding_paise: before.outstanding_paise - 10_050,
      in_process_paise: before.in_process_paise,
      paid_paise: before.paid_paise + 10_050,
    });
    const events = await w.app.ledger.read.all<{ event: string; charge_id: number | null }>(
      'SELECT event, charge_id FROM loan_audit WHERE request_id = ? ORDER BY id',
      [id],
    );
    expect(events).toEqual([
      { event: 'request saved', charge_id: null },
      { event: 'charge paid', charge_id: 5105384 },
      { event: 'request approved', charge_id: null },
    ]);
  });

  it('rejection needs a reason and releases the allocation', async () => {
    const before = (await charge(w.app, 5105384))!;
    const id = await request('10');
    expect((await refusal(rejectRequest(w.app, { id, actor: 'console', reason: ' ' }))).code).toBe(
      'BAD_REQUEST',
    );
    const r = await rejectRequest(w.app, { id, actor: 'console', reason: 'duplicate entry' });
    expect(r).toMatchObject({ status: 'rejected', decisionReason: 'duplicate entry' });
    expect(await charge(w.app, 5105384)).toEqual(before);
  });

  it('a second decision on the same request is refused and changes nothing', async () => {
    const id = await request('1');
    await approveRequest(w.app, { id, actor: 'console' });
    const after = await charge(w.app, 5105384);
    for (const again of [
      approveRequest(w.app, { id, actor: 'console' }),
      rejectRequest(w.app, { id, actor: 'console', reason: 'changed my mind' }),
    ]) {
      const err = await refusal(again);
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toMatch(/already approved by console/);
    }
    expect(await charge(w.app, 5105384)).toEqual(after);
    expect((await getRequest(w.app.ledger, id)).status).toBe('approved');
  });

  it('two approvals racing on one charge never take it below zero', async () => {
    const { outstanding_paise } = (await charge(w.app, 5105384))!;
    const all = `${Math.floor(outstanding_paise / 100)}.${String(outstanding_paise % 100).padStart(2, '0')}`;
    const a = await request(all);
    const b = await request(all);
    expect((await getRequest(w.app.ledger, b)).flags.map((f) => f.code)).toContain('OVERCOMMITTED');
    // A second connection on the same file, as a second console process would open it.
    const other = await openApp({
      dbPath: w.app.ledger.file,
      treasury: w.client,
      treasuryInfo: { kind: 'sandbox', baseUrl: w.sandbox.baseUrl },
      now: () => w.sandbox.clock.now(),
    });
    try {
      const results = await Promise.allSettled([
        approveRequest(w.app, { id: a, actor: 'console' }),
        approveRequest(other, { id: b, actor: 'console' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((lost.reason as AppError).code).toBe('CONFLICT');
    } finally {
      await other.close();
    }
    expect(await charge(w.app, 5105384)).toMatchObject({ outstanding_paise: 0 });
    const statuses = [await getRequest(w.app.ledger, a), await getRequest(w.app.ledger, b)].map(
      (r) => r.status,
    );
    expect(statuses.sort()).toEqual(['approved', 'initiated']);
  });

  it('the ledger itself refuses a charge below zero, whatever the code does', async () => {
    await expect(
      w.app.ledger.write((tx) =>
        tx.run(
          'UPDATE loan_charges SET outstanding_paise = outstanding_paise - 1, paid_paise = paid_paise + 1 WHERE charge_id = 5105384',
        ),
      ),
    ).rejects.toThrow(/CHECK constraint failed/);
  });

  it('with users configured, a listed user other than the maker decides', async () => {
    const id = await request('5', 5105383, undefined, 'asha');
    await addUser(w.app.ledger, 'asha', w.app.now());
    await addUser(w.app.ledger, 'bikash', w.app.now());
    expect((await refusal(approveRequest(w.app, { id, actor: 'asha' }))).message).toMatch(
      /asha entered this request; another user must approve/,
    );
    expect((await refusal(approveRequest(w.app, { id, actor: 'console' }))).message).toMatch(
      /console is not a console user/,
    );
    expect(await approveRequest(w.app, { id, actor: 'bikash' })).toMatchObject({
      status: 'approved',
      decidedBy: 'bikash',
      maker: 'asha',
    });
    await w.app.ledger.write((tx) => tx.run('DELETE FROM console_users'));
  });
});

describe('UTR reconciliation with the treasury', () => {
  let utr: string;
  let account: string;

  beforeAll(async () => {
    // A real PI through the sandbox: PIS, PAG, PD bring the beneficiary's UTR into the ledger.
    const [piId] = await seedPis(w, [samplePi('PI-1013/2023-24/009001', 2)]);
    for (const s of ['PIS', 'PAG', 'PD'] as const) await w.app.engine.run(s, { trigger: 'manual' });
    const state = await piState(w.app, piId!);
    expect(state.benfs[0]).toMatchObject({ status: 'Payment Successful' });
    utr = state.benfs[0]!.utr_no!;
    account = '100000000001';
    expect(utr).toBeTruthy();
  });

  const paidBy =
    (u: () => string, acct = () => account, rupees = '1000') =>
    (b: ReturnType<typeof example>) => {
      b.request_data.fund_transfer_number = u();
      b.request_data.beneficiary_account_number = acct();
      b.request_data.ifsc = 'SBIN0003491';
      b.request_data.payment_amount = rupees;
      b.request_data.payables = [{ charge_id: 5105383, allocated_amount: rupees }];
    };

  it('links a known UTR to its beneficiary payment and finds nothing odd', async () => {
    const id = await request(
      '1000',
      5105383,
      paidBy(() => utr),
    );
    const r = await getRequest(w.app.ledger, id);
    expect(r.utrLink).toMatchObject({
      billNo: 'PI-1013/2023-24/009001',
      accountNo: account,
      ifsc: 'SBIN0003491',
      amountPaise: 100_000,
    });
    expect(r.flags).toEqual([]);
  });

  it('flags the same UTR on a second request for the checker', async () => {
    const id = await request(
      '1000',
      5105383,
      paidBy(() => utr),
    );
    const r = await getRequest(w.app.ledger, id);
    expect(r.utrLink?.accountNo).toBe(account);
    expect(r.flags).toEqual([
      {
        code: 'UTR_USED',
        message: expect.stringMatching(new RegExp(`^UTR ${utr} is already on request #\\d+\\.$`)),
      },
    ]);
  });

  it('flags an amount or an account the treasury did not pay', async () => {
    const wrongAmount = await getRequest(
      w.app.ledger,
      await request(
        '999',
        5105383,
        paidBy(
          () => utr,
          () => account,
          '999',
        ),
      ),
    );
    expect(wrongAmount.flags.map((f) => f.code)).toContain('UTR_AMOUNT');
    const wrongAccount = await getRequest(
      w.app.ledger,
      await request(
        '1000',
        5105383,
        paidBy(
          () => utr,
          () => '999999999999',
        ),
      ),
    );
    expect(wrongAccount.flags.map((f) => f.code)).toContain('UTR_ACCOUNT');
  });

  it('flags a UTR the ledger does not know', async () => {
    const id = await request(
      '1000',
      5105383,
      paidBy(() => 'UTIBN00000000001'),
    );
    const r = await getRequest(w.app.ledger, id);
    expect(r.utrLink).toBeNull();
    expect(r.flags).toEqual([
      {
        code: 'UTR_UNKNOWN',
        message: 'UTR UTIBN00000000001 is not in the ledger: no treasury payment carries it.',
      },
    ]);
  });

  it('a batch UTR: each beneficiary it paid is a payment of its own', async () => {
    // The treasury may settle several beneficiaries under one UTR; make this PI's two share one.
    const rows = await w.app.ledger.read.all<{ id: number; account_no: string }>(
      "SELECT b.id, b.account_no FROM beneficiaries b JOIN pis p ON p.id = b.pi_id WHERE p.bill_no = 'PI-1013/2023-24/009001' ORDER BY b.id",
    );
    await w.app.ledger.write((tx) =>
      tx.run('UPDATE beneficiaries SET utr_no = ? WHERE id = ?', [utr, rows[1]!.id]),
    );
    const second = await getRequest(
      w.app.ledger,
      await request(
        '1000',
        5105383,
        paidBy(
          () => utr,
          () => rows[1]!.account_no,
        ),
      ),
    );
    expect(second.utrLink?.beneficiaryId).toBe(rows[1]!.id);
    expect(second.flags).toEqual([]);
    expect(
      await count(
        w.app,
        'SELECT count(*) AS n FROM service_requests WHERE fund_transfer_number = ?',
        [utr],
      ),
    ).toBeGreaterThan(2);
  });
});

describe('a UTR that reaches the ledger after the request', () => {
  it('links the request when the PD answer brings the UTR, and recomputes its flags', async () => {
    const bill = 'PI-1013/2023-24/009002';
    // The lender learnt the UTR from its bank first: the same bill through a second sandbox
    // (same seed, so the same UTR) stands for that bank.
    const bank = await startWorld(dir, 'loans-bank');
    let early: string;
    try {
      await seedPis(bank, [samplePi(bill, 1)]);
      for (const s of ['PIS', 'PAG', 'PD'] as const)
        await bank.app.engine.run(s, { trigger: 'manual' });
      early = (await bank.app.ledger.read.get<{ utr_no: string }>(
        'SELECT utr_no FROM beneficiaries WHERE utr_no IS NOT NULL',
      ))!.utr_no;
    } finally {
      await bank.close();
    }
    const id = await request('1000', 5105383, (b) => {
      b.request_data.fund_transfer_number = early;
      b.request_data.beneficiary_account_number = '100000000001';
      b.request_data.ifsc = 'SBIN0003491';
    });
    expect((await getRequest(w.app.ledger, id)).flags.map((f) => f.code)).toEqual(['UTR_UNKNOWN']);

    const [piId] = await seedPis(w, [samplePi(bill, 1)]);
    const linked = new Promise<number[]>((resolve) => {
      const off = w.app.events.on('loans.changed', ({ requestIds }) => {
        off();
        resolve(requestIds);
      });
    });
    for (const s of ['PIS', 'PAG', 'PD'] as const) await w.app.engine.run(s, { trigger: 'manual' });
    expect((await piState(w.app, piId!)).benfs[0]!.utr_no).toBe(early);
    expect(await linked).toEqual([id]);
    const r = await getRequest(w.app.ledger, id);
    expect(r.utrLink).toMatchObject({ billNo: bill, amountPaise: 100_000 });
    expect(r.flags).toEqual([]);
    expect(
      await count(
        w.app,
        "SELECT count(*) AS n FROM loan_audit WHERE request_id = ? AND event = 'UTR linked'",
        [id],
      ),
    ).toBe(1);
  });
});
