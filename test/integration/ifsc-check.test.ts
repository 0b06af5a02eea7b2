// The IFSC must name a real bank branch (the RBI list shipped with the `ifsc` package), not
// only look like one: a revised PI with a made-up code is refused before anything is sent to
// the sandbox treasury, and an import with one is refused whole. Real SQLite, real sandbox.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  beneficiariesOn,
  completedPi,
  count,
  fund,
  testWorld,
  type FundsWorld,
} from './funds-support';
import { createRevisedPi } from '../../main/core/pi/revise';
import { importPayments } from '../../main/core/payments/import';
import { checkIfsc } from '../../main/core/payments/ifsc';
import { createHandlers } from '../../main/ipc/handlers';
import { dispatch } from '../../main/ipc/dispatch';

const dir = tempDir();
async function world(): Promise<FundsWorld> {
  const w = await testWorld(dir, 'ifsc');
  await fund(w, 'C1', 100_000);
  return w;
}

describe('checkIfsc (offline RBI list)', () => {
  it('takes a real branch with its bank name, spaces and case forgiven', async () => {
    expect(checkIfsc('sbin 0003491')).toEqual({
      code: 'SBIN0003491',
      valid: true,
      bankName: 'State Bank of India',
      message: null,
    });
    // A sub-member bank's code sits under its sponsor's prefix: the member is named.
    expect(checkIfsc('HDFC0CAACOB').bankName).toBe('Akhand Anand Co.op Bank');
    // The page asks main over IPC (the renderer may not load Node packages).
    const w = await world();
    expect(
      await dispatch(createHandlers(w.app), 'ifsc.check', {
        codes: ['UTIB0000123', 'SBIN0OO3491'],
      }),
    ).toMatchObject({
      ok: true,
      data: [
        { code: 'UTIB0000123', valid: true, bankName: 'Axis Bank' },
        { code: 'SBIN0OO3491', valid: false, bankName: null },
      ],
    });
  });

  it('refuses a well-shaped code that is no branch, saying what was probably mistyped', () => {
    expect(checkIfsc('SBIN0OO3491')).toMatchObject({
      valid: false,
      message: expect.stringMatching(/letter O or I .*SBIN0003491 is State Bank of India/),
    });
    expect(checkIfsc('SBIN0999999').message).toMatch(
      /SBIN is State Bank of India, which has no branch 999999/,
    );
    expect(checkIfsc('ZZZZ0000001').message).toMatch(/no bank has the code ZZZZ/);
    expect(checkIfsc('SBINO003491').message).toMatch(/fifth character is the digit 0/);
    expect(checkIfsc('SBIN000349').valid).toBe(false);
  });
});

describe('revised PI with a corrected IFSC, through the sandbox', () => {
  it('refuses a made-up IFSC in main (nothing sent, nothing written) and sends a real one', async () => {
    const w = await world();
    const piId = await completedPi(w, 'IFSC-COR', [10, 20], [2]);
    const [, failed] = await beneficiariesOn(w.app, piId);
    const pis = await count(w.app, 'SELECT count(*) AS n FROM pis');
    for (const made of ['SBIN0OO3491', 'UTIB0000999', 'ABCD0123456']) {
      await expect(
        createRevisedPi(w.app, {
          piId,
          beneficiaries: [
            { beneficiaryId: failed!.id, correctedAccountNo: '998877665544', correctedIfsc: made },
          ],
        }),
      ).rejects.toMatchObject({
        code: 'REFUSED',
        message: expect.stringMatching(new RegExp(`IFSC ${made} is not a bank branch`)),
      });
    }
    expect(w.sandbox.stats().calls.COR ?? 0).toBe(0);
    expect(await count(w.app, 'SELECT count(*) AS n FROM pis')).toBe(pis);

    // The same through the IPC handler map, with the spaces a passbook copy brings.
    const handlers = createHandlers(w.app);
    const res = await dispatch(handlers, 'cor.create', {
      piId,
      beneficiaries: [
        {
          beneficiaryId: failed!.id,
          correctedAccountNo: '9988 7766 5544',
          correctedIfsc: 'utib 0000 123',
        },
      ],
    });
    expect(res).toMatchObject({ ok: true, data: { status: 'Initiated', outcome: 'OK' } });
    expect(w.sandbox.stats().calls.COR).toBe(1);
    const row = await w.app.ledger.read.get<{ ifsc: string; account_no: string }>(
      "SELECT b.ifsc, b.account_no FROM beneficiaries b JOIN pis p ON p.id = b.pi_id WHERE p.kind = 'COR'",
    );
    expect(row).toEqual({ ifsc: 'UTIB0000123', account_no: '998877665544' });
  });

  it('keeps the IFSC already on the bill (the treasury took it) but refuses it typed as a correction', async () => {
    const w = await world();
    const piId = await completedPi(w, 'IFSC-ORIG', [10, 20], [2]);
    const [, failed] = await beneficiariesOn(w.app, piId);
    // A branch the treasury knows but the shipped list does not (the reference FTPS sample's).
    await w.app.ledger.write((tx) =>
      tx.run("UPDATE beneficiaries SET ifsc = 'SBIN0020852' WHERE id = ?", [failed!.id]),
    );
    await expect(
      createRevisedPi(w.app, {
        piId,
        beneficiaries: [{ beneficiaryId: failed!.id, correctedIfsc: 'SBIN0020852' }],
      }),
    ).rejects.toThrow(/IFSC SBIN0020852 is not a bank branch/);
    expect(w.sandbox.stats().calls.COR ?? 0).toBe(0);
    const res = await createRevisedPi(w.app, {
      piId,
      beneficiaries: [{ beneficiaryId: failed!.id }],
    });
    expect(res).toMatchObject({ status: 'Initiated' });
  });
});

describe('imported payments', () => {
  it('refuses a line whose IFSC is no branch, with the value and the reason', async () => {
    const w = await world();
    const csv = [
      'payment_number,tenant_id,hoa,purpose,benef_id,name,account_no,ifsc,mobile,address,amount,account_type,beneficiary_type',
      'IFSC-IMP-1,od.angul,2217-05-191-2634-01-00-00-00,Wages,B1,Kuni Majhi,300123456789,SBIN0003491,,,100,SAVINGS,IND',
      'IFSC-IMP-1,od.angul,2217-05-191-2634-01-00-00-00,Wages,B2,Bhagaban Sethi,300123456790,SBIN0OO3491,,,100,SAVINGS,IND',
    ].join('\n');
    const before = await count(w.app, 'SELECT count(*) AS n FROM payments');
    const res = await importPayments(w.app, 'bills.csv', csv);
    expect(res.accepted).toBe(false);
    expect(res.errors).toEqual([
      expect.objectContaining({
        line: 3,
        field: 'ifsc',
        kind: 'ifsc',
        value: 'SBIN0OO3491',
        message: expect.stringMatching(/^ifsc is not a bank branch: .*SBIN0003491/),
      }),
    ]);
    expect(await count(w.app, 'SELECT count(*) AS n FROM payments')).toBe(before);
    const fixed = await importPayments(
      w.app,
      'bills.csv',
      csv.replace('SBIN0OO3491', 'SBIN0003491'),
    );
    expect(fixed.accepted).toBe(true);
  });

  it("takes a known bank's branch that the shipped list lacks, but not an unknown bank", async () => {
    const w = await world();
    // SBIN0020852 is paid in the real treasury's FTPS sample and missing from the list.
    expect(checkIfsc('SBIN0020852').valid).toBe(false);
    const line = (n: string, ifsc: string) =>
      `${n},od.angul,2217-05-191-2634-01-00-00-00,Wages,B1,Kuni Majhi,300123456789,${ifsc},,,100,SAVINGS,IND`;
    const head =
      'payment_number,tenant_id,hoa,purpose,benef_id,name,account_no,ifsc,mobile,address,amount,account_type,beneficiary_type';
    const taken = await importPayments(
      w.app,
      'a.csv',
      [head, line('IFSC-NEW-1', 'SBIN0020852')].join('\n'),
    );
    expect(taken.errors).toEqual([]);
    const stored = await w.app.ledger.read.get<{ ifsc: string }>(
      "SELECT b.ifsc FROM payment_beneficiaries b JOIN payments p ON p.id = b.payment_id WHERE p.payment_number = 'IFSC-NEW-1'",
    );
    expect(stored?.ifsc).toBe('SBIN0020852');
    const unknown = await importPayments(
      w.app,
      'b.csv',
      [head, line('IFSC-NEW-2', 'ABCD0123456')].join('\n'),
    );
    expect(unknown.errors).toEqual([
      expect.objectContaining({
        kind: 'ifsc',
        message: expect.stringMatching(/no bank has the code ABCD/),
      }),
    ]);
  });
});
