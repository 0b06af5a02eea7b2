// Import errors people can act on: each with its kind (to group them), the value as it was in
// the file, and a hint for the damage spreadsheets do. Through the real import on a real
// SQLite ledger: nothing is written while any error remains.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import { openTestApp, type TestApp } from '../integration/funds-support';
import { importPayments } from '../../main/core/payments/import';
import { hintFor } from '../../main/core/payments/import-errors';
import { IMPORT_MAX_BYTES, importFileProblem } from '../../shared/import-file';

const dir = tempDir();
let app: TestApp;
beforeAll(async () => {
  app = await openTestApp(dir, 'import-errors');
});
afterAll(() => app.ledger.close());

const HEAD =
  'payment_number,tenant_id,hoa,purpose,benef_id,name,account_no,ifsc,mobile,address,amount,account_type,beneficiary_type';
const line = (
  b: string,
  cells: Partial<Record<'account' | 'ifsc' | 'mobile' | 'amount', string>>,
) =>
  [
    'P-SHEET',
    'od.angul',
    '2217-05-191-2634-01-00-00-00',
    'Wages',
    b,
    'A Person',
    cells.account ?? '300123456789',
    cells.ifsc ?? 'SBIN0003491',
    cells.mobile ?? '9876500001',
    'Angul',
    cells.amount ?? '100',
    'SAVINGS',
    'IND',
  ]
    .map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))
    .join(',');

const paymentCount = async () =>
  (await app.ledger.read.get<{ n: number }>('SELECT count(*) AS n FROM payments'))!.n;

describe('errors from a spreadsheet-damaged CSV', () => {
  it('gives each error its kind, the bad value and a hint for spreadsheet damage', async () => {
    const csv = [
      HEAD,
      line('B1', { amount: '1,250.50' }),
      line('B2', { amount: '₹ 500' }),
      line('B3', { account: '1.23457E+11' }),
      line('B4', { mobile: '+91 98765 00001' }),
      line('B5', { account: '300123456789.0' }),
      line('B6', { ifsc: 'SBIN0OO3491' }),
      line('B7', { account: '' }),
      line('B8', { amount: '1.5E+3' }),
    ].join('\n');
    const before = await paymentCount();
    const res = await importPayments(app, 'sheet.csv', csv);
    expect(res.accepted).toBe(false);
    expect(await paymentCount()).toBe(before);
    const by = (l: number) => res.errors.find((e) => e.line === l)!;
    expect(by(2)).toMatchObject({
      kind: 'amount',
      value: '1,250.50',
      hint: expect.stringMatching(/plain rupees: 1250\.50, not 1,250\.50/),
    });
    expect(by(3)).toMatchObject({
      kind: 'amount',
      value: '₹ 500',
      hint: expect.stringMatching(/plain rupees: 500, not ₹ 500/),
    });
    expect(by(4)).toMatchObject({
      kind: 'account',
      field: 'account_no',
      value: '1.23457E+11',
      hint: expect.stringMatching(/scientific notation .* last digits are lost/),
    });
    expect(by(5)).toMatchObject({
      kind: 'mobile',
      hint: expect.stringMatching(/without \+91 .*: 9876500001/),
    });
    expect(by(6)).toMatchObject({
      kind: 'account',
      hint: expect.stringMatching(/write 300123456789/),
    });
    expect(by(7)).toMatchObject({ kind: 'ifsc', value: 'SBIN0OO3491' });
    expect(by(8)).toMatchObject({ kind: 'missing', field: 'account_no', hint: null });
    expect(by(9)).toMatchObject({ kind: 'amount', hint: expect.stringMatching(/scientific/) });
  });

  it('gives file, column, duplicate and ledger errors their kinds', async () => {
    const res = await importPayments(
      app,
      'k.csv',
      [
        HEAD.replace(',ifsc', ',ifsc,extra'),
        line('B1', {}).replace('SBIN0003491', 'SBIN0003491,x'),
      ].join('\n'),
    );
    expect(res.errors.map((e) => e.kind)).toEqual(['columns']);
    const dup = await importPayments(
      app,
      'd.csv',
      [HEAD, line('B1', {}), line('B1', {})].join('\n'),
    );
    expect(dup.errors).toEqual([expect.objectContaining({ kind: 'duplicate', value: 'B1' })]);
    const head = await importPayments(
      app,
      'h.csv',
      [HEAD, line('B1', {}).replace('2217-05-191-2634-01-00-00-00', '9999')].join('\n'),
    );
    expect(head.errors).toEqual([expect.objectContaining({ kind: 'ledger', value: '9999' })]);
    const broken = await importPayments(app, 'b.json', '{"payments": [');
    expect(broken.errors).toEqual([expect.objectContaining({ kind: 'file' })]);
  });
});

describe('a file that is not CSV or JSON', () => {
  it('says a workbook is a workbook, whatever its name, and how to save it as CSV', async () => {
    for (const name of ['bills.csv', 'bills.xlsx']) {
      const res = await importPayments(app, name, 'PK\u0003\u0004\u0014\u0000\u0006\u0000');
      expect(res.errors).toEqual([
        expect.objectContaining({
          kind: 'file',
          message: expect.stringMatching(/Excel workbook.*not a JSON or CSV file.*Save As → CSV/),
        }),
      ]);
    }
    const pdf = await importPayments(app, 'bills.csv', '%PDF-1.7\n...');
    expect(pdf.errors[0]!.message).toMatch(/is a PDF, not a JSON or CSV file/);
    const txt = await importPayments(app, 'bills.txt', 'payment_number\n');
    expect(txt.errors[0]!.message).toMatch(
      /not a JSON or CSV file: the import takes .csv or .json/,
    );
  });

  it('refuses a file over the size limit in main too, by its bytes', async () => {
    const big = 'x'.repeat(IMPORT_MAX_BYTES + 1);
    const res = await importPayments(app, 'big.csv', big);
    expect(res.errors).toEqual([
      expect.objectContaining({ kind: 'file', message: expect.stringMatching(/at most 20 MB/) }),
    ]);
  });
});

describe('hints and the page-side file check (pure)', () => {
  it('says nothing about values a spreadsheet did not damage', () => {
    expect(hintFor('amount', 'abc')).toBeNull();
    expect(hintFor('accountNo', '12ab')).toBeNull();
    expect(hintFor('name', '1.23E+11')).toBeNull();
    expect(hintFor('accountNo', '3001 2345 6789')).toMatch(/digits only.*300123456789/);
  });

  it('judges a file by name and size before it is read', () => {
    expect(importFileProblem('a.csv', 100)).toBeNull();
    expect(importFileProblem('A.JSON', 100)).toBeNull();
    expect(importFileProblem('a.xlsx', 100)).toMatch(/spreadsheet workbook.*Save As → CSV/);
    expect(importFileProblem('a.pdf', 100)).toMatch(/not a JSON or CSV file/);
    expect(importFileProblem('a.csv', IMPORT_MAX_BYTES + 1)).toMatch(/20.0 MB; .* at most 20 MB/);
    expect(importFileProblem('a.csv', IMPORT_MAX_BYTES)).toBeNull();
    expect(importFileProblem('a.csv', 0)).toMatch(/empty/);
  });
});
