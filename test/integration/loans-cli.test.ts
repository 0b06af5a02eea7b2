// The loan commands as a user runs them: import, a request entered, the queue, approve, reject.
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openApp } from '../../main/app';
import { main } from '../../main/cli';
import { Ledger } from '../../main/ledger/ledger';
import { noTreasury } from '../e2e/support/host';
import { tempDir } from '../support/tmp';
import { example } from './loans-support';

const dir = tempDir();
const db = path.join(dir, 'loans-cli.db');

function capture() {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  return () => lines.join('\n');
}
afterEach(() => vi.restoreAllMocks());

async function run(...argv: string[]): Promise<{ code: number; out: string }> {
  const out = capture();
  const code = await main([...argv, '--db', db]);
  vi.restoreAllMocks();
  return { code, out: out() };
}

describe('npm run cli -- loans / requests / approve / reject', () => {
  it('imports loans, lists requests, approves one and rejects another', async () => {
    expect(await run('loans', 'import', 'test/fixtures/loans.csv')).toEqual({
      code: 0,
      out: 'Imported 2 loans: 3 charges added, 0 already in the ledger kept.',
    });
    // Entered in the console (the Requests page's channel), as a maker would.
    const dispatchBody = (amount: string) =>
      example((b) => {
        b.request_data.payment_amount = amount;
        b.request_data.payables = [{ charge_id: 5105383, allocated_amount: amount }];
      });
    const app = await openApp({
      dbPath: db,
      treasury: noTreasury(),
      treasuryInfo: { kind: 'sandbox', baseUrl: 'x' },
    });
    for (const amount of ['1000', '2000']) {
      const r = await app.handlers['loans.request.create']({ body: dispatchBody(amount) });
      expect(r.response).toBe(true);
    }
    await app.close();

    const list = await run('requests');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(
      /1\s+initiated\s+5047876\s+Manju Devi\s+2023-12-31\s+₹1,000\.00\s+123456\s+UTR_UNKNOWN/,
    );
    expect(list.out).toMatch(/2 in all/);

    expect(await run('approve', '1')).toEqual({
      code: 0,
      out: [
        'Request #1 approved: ₹1,000.00 on loan 5047876.',
        '  charge 5105383 Disbursal amount: outstanding now ₹5,50,957.00',
      ].join('\n'),
    });
    await expect(run('reject', '2')).rejects.toThrow(/Give the reason/);
    expect((await run('reject', '2', '--reason', 'entered twice')).out).toBe(
      'Request #2 rejected: entered twice',
    );
    await expect(run('approve', '2')).rejects.toThrow(/already rejected by console/);

    const ledger = await Ledger.open(db);
    const charge = await ledger.read.get<Record<string, number>>(
      'SELECT outstanding_paise, in_process_paise, paid_paise FROM loan_charges WHERE charge_id = 5105383',
    );
    await ledger.close();
    expect(charge).toEqual({
      outstanding_paise: 55_095_700,
      in_process_paise: 0,
      paid_paise: 100_000,
    });
  });

  it('issues a token, shown once, and lists tokens without it', async () => {
    const issued = await run('token', 'lender core', '--days', '7');
    const token = issued.out.split('\n')[1]!;
    expect(token).toMatch(/^lpr_[\w-]{32}$/);
    const list = await run('tokens');
    expect(list.out).toMatch(/lender core/);
    expect(list.out).not.toContain(token);
  });
});
