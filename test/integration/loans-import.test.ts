// Loans and charges from a file: both formats, every error with its line, nothing half-done,
// and a re-import that moves the business date without undoing approvals.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app';
import { importLoans } from '../../main/core/loans/import';
import { listLoans } from '../../main/core/loans/queries';
import { noTreasury } from '../e2e/support/host';
import { tempDir } from '../support/tmp';
import { count } from '../support/world';

const dir = tempDir();
let app: App;
beforeAll(async () => {
  app = await openApp({
    dbPath: path.join(dir, 'loans-import.db'),
    treasury: noTreasury(),
    treasuryInfo: { kind: 'sandbox', baseUrl: 'http://127.0.0.1:1/jit' },
  });
});
afterAll(async () => app?.close());

const fixture = (f: string) => fs.readFileSync(path.resolve('test/fixtures', f), 'utf8');

describe('loans import', () => {
  it('reads the CSV sample into loans and charges in exact paise', async () => {
    const r = await importLoans(app, 'loans.csv', fixture('loans.csv'));
    expect(r).toEqual({ accepted: true, loans: 2, chargesAdded: 3, chargesKept: 0, errors: [] });
    const { rows } = await listLoans(app.ledger, { limit: 10, offset: 0 });
    expect(rows.map((l) => [l.loanId, l.borrower, l.businessDate])).toEqual([
      [5047876, 'Manju Devi', '2024-01-15'],
      [5047877, 'Sabitri Nayak', '2024-01-15'],
    ]);
    expect(rows[1]!.charges[0]).toMatchObject({
      chargeId: 5105390,
      originalPaise: 25_000_050,
      outstandingPaise: 12_000_025,
      paidPaise: 13_000_025,
      inProcessPaise: 0,
      disbursalScheduleId: 7002,
    });
  });

  it('a second import moves the business date and keeps the charges as the ledger has them', async () => {
    await app.ledger.write((tx) =>
      tx.run(
        'UPDATE loan_charges SET outstanding_paise = 0, paid_paise = original_paise WHERE charge_id = 5105384',
      ),
    );
    const json = fixture('loans.json').replace('"2024-01-15"', '"2024-02-01"');
    const r = await importLoans(app, 'loans.json', json);
    expect(r).toEqual({ accepted: true, loans: 1, chargesAdded: 0, chargesKept: 2, errors: [] });
    const { rows } = await listLoans(app.ledger, { loanId: 5047876, limit: 1, offset: 0 });
    expect(rows[0]!.businessDate).toBe('2024-02-01');
    expect(rows[0]!.charges.find((c) => c.chargeId === 5105384)!.outstandingPaise).toBe(0);
  });

  it('refuses a bad file whole, listing every error with its line', async () => {
    const before = await count(app, 'SELECT count(*) AS n FROM loan_charges');
    const csv = [
      'loan_id,borrower,disbursal_date,business_date,charge_id,charge_label,type,disbursal_schedule_id,original_amount,outstanding_amount',
      '6000001,Rina Das,2023-12-01,2024-01-15,6100001,Disbursal amount,disbursal_amount,1,1000,1000',
      '6000001,Rina Das,2023-12-01,2024-01-15,6100002,Fee,fee,1,10.005,10',
      '6000002,,2023-12-01,2023-11-01,6100003,Fee,fee,1,10,20',
      '6000003,Mina,2023-12-01,2024-01-15,5105390,Fee,fee,1,10,10',
    ].join('\n');
    const r = await importLoans(app, 'bad.csv', csv);
    expect(r.accepted).toBe(false);
    expect(r.errors).toEqual([
      {
        line: 3,
        field: 'original_amount',
        message: 'original_amount must be an amount in rupees with at most two decimals',
      },
      { line: 4, field: 'borrower', message: 'borrower is required' },
      {
        line: 4,
        field: 'outstanding_amount',
        message: 'outstanding_amount cannot exceed original_amount',
      },
      { line: 4, field: 'business_date', message: 'business_date cannot be before disbursal_date' },
    ]);
    expect(await count(app, 'SELECT count(*) AS n FROM loan_charges')).toBe(before);
    // A charge the ledger has under another loan.
    const moved = await importLoans(
      app,
      'moved.csv',
      [csv.split('\n')[0], csv.split('\n')[4]].join('\n'),
    );
    expect(moved.errors).toEqual([
      {
        line: 2,
        field: 'charge_id',
        message: 'charge 5105390 already belongs to loan 5047877 in the ledger',
      },
    ]);
  });

  it('says what is wrong with a file that is not a loans file', async () => {
    expect((await importLoans(app, 'x.txt', 'hello')).errors[0]!.message).toBe(
      'x.txt is not a .csv or .json file',
    );
    expect((await importLoans(app, 'x.json', '{"loans": [')).errors[0]!.message).toMatch(
      /not valid JSON/,
    );
    expect((await importLoans(app, 'x.csv', 'loan_id,borrower\n1,A')).errors[0]!.message).toMatch(
      /^missing columns: disbursal_date, business_date, charge_id/,
    );
  });
});
