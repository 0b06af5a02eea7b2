// The service-request API over real HTTP: the page's example body, each of its messages, the
// mandatory fields and types, exact money, and the 401 for a missing, wrong or expired token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeToken, issueToken } from '../../main/core/loans/tokens';
import { tempDir } from '../support/tmp';
import { count, startWorld, type World } from '../support/world';
import { charge, example, importFixture, startLoansApi, type LoansApi } from './loans-support';

const dir = tempDir();
let w: World;
let api: LoansApi;

beforeAll(async () => {
  w = await startWorld(dir, 'loans-api');
  await importFixture(w.app);
  api = await startLoansApi(w.app);
});
afterAll(async () => {
  await api?.close();
  await w?.close();
});

const refused = (text: string) => ({ response: false, data: null, error: { text } });
const requests = () => count(w.app, 'SELECT count(*) AS n FROM service_requests');

describe('POST /loan-modification/v1/service-request/save', () => {
  it("accepts the page's example body and answers in the page's shape", async () => {
    const before = await requests();
    const { status, json } = await api.post(example());
    expect(status).toBe(200);
    expect(json).toEqual({
      response: true,
      data: {
        result: null,
        status: 'initiated',
        service_request_id: before + 1,
        unique_transaction_number: expect.stringMatching(/^SR\d{8}\d{6}$/),
      },
      error: null,
    });
    const row = await w.app.ledger.read.get<Record<string, unknown>>(
      'SELECT * FROM service_requests WHERE id = ?',
      [json.data!.service_request_id],
    );
    expect(row).toMatchObject({
      loan_id: 5047876,
      status: 'initiated',
      payment_amount_paise: 55_195_700,
      fund_transfer_number: '123456',
      source: 'api',
      maker: 'api:lender-core',
    });
    // The allocation waits "in process" on its charge; nothing is paid before the checker.
    expect(await charge(w.app, 5105383)).toEqual({
      outstanding_paise: 55_195_700,
      in_process_paise: 55_195_700,
      paid_paise: 0,
    });
    const audit = await count(
      w.app,
      "SELECT count(*) AS n FROM loan_audit WHERE request_id = ? AND event = 'request saved'",
      [json.data!.service_request_id],
    );
    expect(audit).toBe(1);
  });

  const messages: [string, (b: ReturnType<typeof example>) => void, string][] = [
    ['no payment_amount', (b) => delete b.request_data.payment_amount, 'Invalid Request'],
    ['no payment_mode', (b) => delete b.request_data.payment_mode, 'Payment Bank cannot be Empty'],
    [
      'a payment date after the business date',
      (b) => (b.request_data.payment_date = '2024-01-16'),
      'Payment Date can be on or before Business date',
    ],
    [
      'a payment date before the disbursal date',
      (b) => (b.request_data.payment_date = '2023-11-30'),
      'Payment Date cannot be less than Disbursal Date.',
    ],
    [
      'an allocation above the outstanding',
      (b) => {
        b.request_data.payment_amount = '551957.01';
        (b.request_data.payables as Record<string, unknown>[])[0]!.allocated_amount = '551957.01';
      },
      'Allocated amount greater than outstanding amount',
    ],
    [
      'a total that is not the sum of the allocations',
      (b) => (b.request_data.payment_amount = '551956.99'),
      'Total amount is not equal to total allocated amount',
    ],
  ];
  for (const [what, edit, text] of messages) {
    it(`refuses ${what} with the page's message, writing nothing`, async () => {
      const before = await requests();
      const { status, json } = await api.post(example(edit));
      expect(status).toBe(200);
      expect(json).toEqual(refused(text));
      expect(await requests()).toBe(before);
    });
  }

  it('the business and disbursal dates themselves are allowed', async () => {
    for (const date of ['2024-01-15', '2023-12-01']) {
      const { json } = await api.post(
        example((b) => {
          b.request_data.payment_date = date;
          b.request_data.payment_amount = '0.01';
          (b.request_data.payables as Record<string, unknown>[])[0]!.allocated_amount = 0.01;
        }),
      );
      expect(json.response).toBe(true);
    }
  });

  const fields: [string, (b: ReturnType<typeof example>) => void, string][] = [
    [
      'service_request_type',
      (b) => (b.service_request_type = 'refund'),
      'service_request_type must be "payment"',
    ],
    [
      'service_request_subtype',
      (b) => delete b.service_request_subtype,
      'service_request_subtype is mandatory',
    ],
    ['loan_id', (b) => delete b.loan_id, 'loan_id is mandatory'],
    ['loan_id type', (b) => (b.loan_id = 'L-5047876'), 'loan_id must be a whole number'],
    [
      'request_data',
      (b) => delete (b as Record<string, unknown>).request_data,
      'request_data is mandatory',
    ],
    ['paid_to', (b) => delete b.request_data.paid_to, 'request_data.paid_to is mandatory'],
    ['payment_bank', (b) => (b.request_data.payment_bank = ''), 'Payment Bank cannot be Empty'],
    [
      'payment_account',
      (b) => delete b.request_data.payment_account,
      'request_data.payment_account is mandatory',
    ],
    [
      'payment_date',
      (b) => delete b.request_data.payment_date,
      'request_data.payment_date is mandatory',
    ],
    [
      'payment_date format',
      (b) => (b.request_data.payment_date = '31-12-2023'),
      'request_data.payment_date must be a date as yyyy-MM-dd',
    ],
    [
      'payment_date real',
      (b) => (b.request_data.payment_date = '2023-02-30'),
      'request_data.payment_date must be a date as yyyy-MM-dd',
    ],
    [
      'payment_amount decimals',
      (b) => (b.request_data.payment_amount = '551957.001'),
      'request_data.payment_amount must be an amount in rupees with at most two decimals, not "551957.001"',
    ],
    [
      'payment_amount text',
      (b) => (b.request_data.payment_amount = 'five lakh'),
      'request_data.payment_amount must be an amount in rupees with at most two decimals, not "five lakh"',
    ],
    [
      'payment_amount negative',
      (b) => (b.request_data.payment_amount = -5),
      'request_data.payment_amount must be an amount in rupees with at most two decimals, not -5',
    ],
    [
      'beneficiary_account_type',
      (b) => delete b.request_data.beneficiary_account_type,
      'request_data.beneficiary_account_type is mandatory',
    ],
    [
      'beneficiary_account_number',
      (b) => delete b.request_data.beneficiary_account_number,
      'request_data.beneficiary_account_number is mandatory',
    ],
    [
      'ifsc',
      (b) => (b.request_data.ifsc = 'UTIB001685'),
      'request_data.ifsc must be 4 letters, 0, then 6 letters or digits (like SBIN0003491)',
    ],
    [
      'ifsc of no bank',
      (b) => (b.request_data.ifsc = 'TIBN0000000'),
      'request_data.ifsc is not a bank branch: no bank has the code TIBN',
    ],
    [
      'ifsc with O for 0',
      (b) => (b.request_data.ifsc = 'UTIB0OO1685'),
      'request_data.ifsc is not a bank branch: a letter O or I was probably typed for 0 or 1 (UTIB0001685 is Axis Bank)',
    ],
    ['uploadFile', (b) => delete b.request_data.uploadFile, 'request_data.uploadFile is mandatory'],
    [
      'instrument_number',
      (b) => (b.request_data.instrument_number = 'CHQ-1'),
      'request_data.instrument_number must be a whole number',
    ],
    [
      'payables',
      (b) => (b.request_data.payables = []),
      'request_data.payables must list at least one charge',
    ],
    [
      'charge_id',
      (b) => delete (b.request_data.payables as Record<string, unknown>[])[0]!.charge_id,
      'request_data.payables[0].charge_id is mandatory',
    ],
    [
      'allocated_amount',
      (b) => delete (b.request_data.payables as Record<string, unknown>[])[0]!.allocated_amount,
      'request_data.payables[0].allocated_amount is mandatory',
    ],
    ['unknown loan', (b) => (b.loan_id = '5047999'), 'Loan 5047999 was not found.'],
    [
      'charge of another loan',
      (b) => ((b.request_data.payables as Record<string, unknown>[])[0]!.charge_id = 999),
      'charge_id 999 is not a charge of loan 5047876.',
    ],
    [
      'disbursal_schedule_id',
      (b) => ((b.request_data.payables as Record<string, unknown>[])[0]!.disbursal_schedule_id = 1),
      'charge_id 5105383 belongs to disbursal_schedule_id 7001, not 1.',
    ],
    ['body not JSON', () => undefined, ''],
  ];
  for (const [what, edit, text] of fields.slice(0, -1)) {
    it(`refuses a bad ${what} with a clear message`, async () => {
      const before = await requests();
      const { status, json } = await api.post(example(edit));
      expect(status).toBe(200);
      expect(json).toEqual(refused(text));
      expect(await requests()).toBe(before);
    });
  }

  it('refuses a body that is not JSON', async () => {
    const { status, json } = await api.post('{"service_request_type": "payment",');
    expect(status).toBe(200);
    expect(json).toEqual(refused('Invalid Request: the body is not JSON.'));
  });

  it('reads doubles and numeric strings into exact paise', async () => {
    const { json } = await api.post(
      example((b) => {
        b.request_data.payment_amount = 1180.1;
        b.request_data.payables = [
          { charge_id: '5105384', outstanding_amount: '1180.00', allocated_amount: '1180.10' },
        ];
      }),
    );
    // 1180.10 > 1180.00: compared in paise, not as floats.
    expect(json).toEqual(refused('Allocated amount greater than outstanding amount'));
    const ok = await api.post(
      example((b) => {
        b.request_data.payment_amount = 0.3;
        b.request_data.payables = [
          { charge_id: 5105384, allocated_amount: 0.1 },
          { charge_id: 5105383, allocated_amount: '0.20' },
        ];
      }),
    );
    expect(ok.json).toEqual(expect.objectContaining({ error: null }));
    const rows = await w.app.ledger.read.all<{ allocated_paise: number }>(
      'SELECT allocated_paise FROM service_request_payables WHERE request_id = ? ORDER BY charge_id',
      [ok.json.data!.service_request_id],
    );
    expect(rows.map((r) => r.allocated_paise)).toEqual([20, 10]);
  });
});

describe('bearer-token auth', () => {
  const AUTH_FAIL = { code: 401, message: 'auth fail, you can retry!' };

  it('401 without a token, with a wrong one, an expired one and a revoked one', async () => {
    const before = await requests();
    for (const token of [null, 'lpr_wrong', `${api.token}x`]) {
      const { status, json } = await api.post(example(), token);
      expect(status).toBe(401);
      expect(json).toEqual(AUTH_FAIL);
    }
    const short = await issueToken(w.app.ledger, 'one day', 1, w.app.now());
    expect((await api.post(example(), short.token)).status).toBe(200);
    w.sandbox.clock.advance(86_400_000);
    const expired = await api.post(example(), short.token);
    expect(expired).toEqual({ status: 401, json: AUTH_FAIL });

    const revoked = await issueToken(w.app.ledger, 'revoked', 30, w.app.now());
    await revokeToken(w.app.ledger, revoked.id, w.app.now());
    expect(await api.post(example(), revoked.token)).toEqual({ status: 401, json: AUTH_FAIL });
    // Only the one accepted while the short token lived was saved.
    expect(await requests()).toBe(before + 1);
  });

  it('keeps only a hash of each token', async () => {
    const rows = await w.app.ledger.read.all<{ token_hash: string }>(
      'SELECT token_hash FROM api_tokens',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.token_hash).not.toContain(api.token.slice(4, 20));
    expect(rows.map((r) => r.token_hash)).not.toContain(api.token);
  });
});
