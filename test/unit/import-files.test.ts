import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import { openTestApp, type TestApp } from '../integration/funds-support';
import { importPayments } from '../../main/core/payments/import';
import { listPayments } from '../../main/core/payments/queries';

const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, '../fixtures', name), 'utf8');
const dir = tempDir();
let app: TestApp;
beforeAll(async () => {
  app = await openTestApp(dir, 'import');
});
afterAll(() => app.ledger.close());

const counts = async () => ({
  payments: (await app.ledger.read.get<{ n: number }>('SELECT count(*) AS n FROM payments'))!.n,
  lines: (await app.ledger.read.get<{ n: number }>(
    'SELECT count(*) AS n FROM payment_beneficiaries',
  ))!.n,
});

describe('payments import', () => {
  it('takes a good JSON file whole, amounts in paise', async () => {
    const res = await importPayments(app, 'bills.json', fixture('payments-good.json'));
    expect(res).toEqual({
      accepted: true,
      imported: ['EP/2023-24/000451', 'EP/2023-24/000452'],
      errors: [],
    });
    const page = await listPayments(app.ledger, { search: '000451', limit: 10, offset: 0 });
    expect(page.rows[0]).toMatchObject({
      grossPaise: 125_050 + 98_000,
      beneficiaryCount: 2,
      latestPiId: null,
      canPush: true,
    });
    const line = await app.ledger.read.get<{ amount_paise: number; line_no: number }>(
      "SELECT amount_paise, line_no FROM payment_beneficiaries WHERE benef_id = 'IND-000101'",
    );
    expect(line).toEqual({ amount_paise: 125_050, line_no: 9 });
  });

  it('takes a good CSV file: one row per beneficiary, payment columns repeated', async () => {
    const res = await importPayments(app, 'bills.CSV', fixture('payments-good.csv'));
    expect(res).toEqual({
      accepted: true,
      imported: ['EP/2023-24/000461', 'EP/2023-24/000462'],
      errors: [],
    });
    const page = await listPayments(app.ledger, { search: '000461', limit: 10, offset: 0 });
    expect(page.rows[0]).toMatchObject({ grossPaise: 223_050, beneficiaryCount: 2 });
  });

  it('refuses a bad CSV whole, with every error and its line', async () => {
    const before = await counts();
    const res = await importPayments(app, 'bad.csv', fixture('payments-bad.csv'));
    expect(res.accepted).toBe(false);
    expect(res.imported).toEqual([]);
    expect(res.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'ifsc'],
      [4, 'account_no'],
      [5, 'amount'],
      [6, 'amount'],
      [7, 'benefId'],
      [8, 'hoa'],
      [9, 'paymentNumber'],
    ]);
    expect(res.errors[2]!.message).toMatch(/more than 0/);
    expect(res.errors[3]!.message).toMatch(/at most 2 decimals/);
    expect(res.errors[4]!.message).toMatch(/duplicate line.*line 2/);
    expect(res.errors[5]!.message).toMatch(/unknown head of account/);
    expect(res.errors[6]!.message).toMatch(/already imported/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a bad JSON file with the line of each field', async () => {
    const before = await counts();
    const res = await importPayments(app, 'bad.json', fixture('payments-bad.json'));
    expect(res.accepted).toBe(false);
    expect(res.errors.map((e) => [e.line, e.field])).toEqual([
      [20, 'ifsc'],
      [23, 'name'],
      [27, 'amount'],
    ]);
    expect(res.errors[1]!.message).toBe('name is missing');
    expect(await counts()).toEqual(before);
  });

  it('says where a JSON file stops being JSON', async () => {
    const res = await importPayments(app, 'broken.json', fixture('payments-broken-json.txt'));
    expect(res).toMatchObject({
      accepted: false,
      errors: [{ line: 6, message: expect.stringMatching(/not valid JSON/) }],
    });
  });

  it('names every missing CSV column', async () => {
    const res = await importPayments(app, 'cols.csv', fixture('payments-missing-columns.csv'));
    expect(res.accepted).toBe(false);
    expect(res.errors.map((e) => e.field).sort()).toEqual(['hoa', 'ifsc']);
    expect(res.errors.every((e) => e.line === 1 && /missing column/.test(e.message))).toBe(true);
  });

  it('refuses a file that is neither JSON nor CSV', async () => {
    const res = await importPayments(app, 'bills.xlsx', 'PK\u0003\u0004...');
    expect(res).toMatchObject({
      accepted: false,
      errors: [{ message: expect.stringMatching(/not a JSON or CSV file/) }],
    });
  });

  it('refuses the same payment twice in one file and a payment whose lines disagree', async () => {
    const head =
      'payment_number,tenant_id,hoa,purpose,benef_id,name,account_no,ifsc,mobile,address,amount,account_type,beneficiary_type';
    const row = (n: string, b: string, purpose = 'Wages') =>
      `${n},od.angul,2217-05-191-2634-01-00-00-00,${purpose},${b},A Person,300123456789,SBIN0003491,,,"1,000.00",SAVINGS,IND`;
    const res = await importPayments(
      app,
      'x.csv',
      [head, row('P9', 'B1'), row('P9', 'B2', 'Other')].join('\n'),
    );
    // Every error at once: the bad amounts and the purpose that disagrees.
    expect(res.errors.map((e) => [e.line, e.field]).sort()).toEqual([
      [2, 'amount'],
      [3, 'amount'],
      [3, 'purpose'],
    ]);
    const ok = (b: string, purpose = 'Wages') =>
      row('P9', b, purpose).replace('"1,000.00"', '1000');
    const res2 = await importPayments(
      app,
      'x.csv',
      [head, ok('B1'), ok('B2', 'Other')].join('\r\n'),
    );
    expect(res2.errors).toEqual([expect.objectContaining({ line: 3, field: 'purpose' })]);
    const json = JSON.stringify([
      {
        paymentNumber: 'P10',
        tenantId: 'od.angul',
        hoa: '2217-05-191-2634-01-00-00-00',
        purpose: '',
        beneficiaries: [
          { benefId: 'B', name: 'N', accountNo: '123456789', ifsc: 'SBIN0003491', amount: 1 },
        ],
      },
      {
        paymentNumber: 'P10',
        tenantId: 'od.angul',
        hoa: '2217-05-191-2634-01-00-00-00',
        purpose: '',
        beneficiaries: [
          { benefId: 'B', name: 'N', accountNo: '123456789', ifsc: 'SBIN0003491', amount: 1 },
        ],
      },
    ]);
    const res3 = await importPayments(app, 'x.json', json);
    expect(res3.errors).toEqual([
      expect.objectContaining({
        line: 1,
        field: 'paymentNumber',
        message: expect.stringMatching(/appears twice/),
      }),
    ]);
  });

  describe('hostile JSON values', () => {
    const payment = (benf: Record<string, unknown>, head: Record<string, unknown> = {}) =>
      JSON.stringify([
        {
          paymentNumber: 'P-HOSTILE',
          tenantId: 'od.angul',
          hoa: '2217-05-191-2634-01-00-00-00',
          purpose: '',
          ...head,
          beneficiaries: [
            {
              benefId: 'B1',
              name: 'Sabitri Behera',
              accountNo: '300123456789',
              ifsc: 'SBIN0003491',
              mobile: '9876500001',
              amount: '100.00',
              ...benf,
            },
          ],
        },
      ]);
    const refused = async (json: string) => {
      const before = await counts();
      const res = await importPayments(app, 'hostile.json', json);
      expect(res.accepted).toBe(false);
      expect(await counts()).toEqual(before);
      return res.errors.map((e) => [e.field, e.message]);
    };

    it('refuses account, mobile, beneficiary and payment numbers written as JSON numbers', async () => {
      // 12345678901234567 reads as 12345678901234568: stored, it would pay another account.
      const json = payment({ accountNo: 'ACCOUNT', mobile: 9876500001, benefId: 42 }).replace(
        '"ACCOUNT"',
        '12345678901234567',
      );
      expect(JSON.stringify(JSON.parse(json))).toContain('"accountNo":12345678901234568');
      expect(await refused(json)).toEqual([
        ['benefId', expect.stringMatching(/as text in quotes/)],
        ['accountNo', expect.stringMatching(/as text in quotes/)],
        ['mobile', expect.stringMatching(/as text in quotes/)],
      ]);
      expect(await refused(payment({}, { paymentNumber: 451 }))).toEqual([
        ['paymentNumber', expect.stringMatching(/as text in quotes/)],
      ]);
    });

    it('refuses names and numbers carrying control or text-direction characters', async () => {
      for (const [field, value] of [
        ['name', 'Sabitri\u202EarehеB'],
        ['name', 'Sabitri\u2066Behera\u2069'],
        ['name', 'Sabitri\u0007Behera'],
        ['benefId', 'B\u200F1'],
        ['address', 'Ward 3\u0000Angul'],
      ] as const) {
        expect(await refused(payment({ [field]: value }))).toEqual([
          [field, expect.stringMatching(/control or text-direction character/)],
        ]);
      }
      expect(await refused(payment({}, { paymentNumber: 'P-\u202E1' }))).toEqual([
        ['paymentNumber', expect.stringMatching(/control or text-direction character/)],
      ]);
    });

    it('keeps Odia names (with ZWJ/ZWNJ) and addresses on several lines', async () => {
      const res = await importPayments(
        app,
        'odia.json',
        payment(
          { name: 'ସାବିତ୍ରୀ\u200Dବେହେରା', address: 'Ward 3\nAngul' },
          { paymentNumber: 'P-ODIA' },
        ),
      );
      expect(res).toEqual({ accepted: true, imported: ['P-ODIA'], errors: [] });
    });

    it('refuses an amount above the per-line bound', async () => {
      expect(await refused(payment({ amount: '100000000.01' }))).toEqual([
        ['amount', expect.stringMatching(/at most ₹10,00,00,000.00/)],
      ]);
      expect(await refused(payment({ amount: 1e20 }))).toEqual([['amount', expect.any(String)]]);
    });
  });
});
