// The command line as a user runs it: argv in, text or JSON out, an exit code.
import { afterEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../main/cli';
import { Ledger } from '../../main/ledger/ledger';
import { insertPi } from '../../main/core/pi/pi-store';
import { tempDir } from '../support/tmp';
import { samplePi } from '../support/samples';

const dir = tempDir();
const db = path.join(dir, 'cli.db');

function capture() {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  return () => lines.join('\n');
}
afterEach(() => vi.restoreAllMocks());

describe('npm run cli', () => {
  it('lists PIs as a table and as JSON, and shows one by bill number', async () => {
    const ledger = await Ledger.open(db);
    await ledger.write((tx) => insertPi(tx, samplePi('PI-1013/2023-24/000042', 2), 1));
    await ledger.close();
    let out = capture();
    expect(await main(['pis', '--db', db])).toBe(0);
    expect(out()).toMatch(/PI-1013\/2023-24\/000042\s+Initiated\s+2\s+0\s+₹2,000\.00/);
    vi.restoreAllMocks();
    out = capture();
    expect(await main(['pis', '--json', '--db', db])).toBe(0);
    expect(JSON.parse(out())).toMatchObject({
      total: 1,
      rows: [{ billNo: 'PI-1013/2023-24/000042' }],
    });
    vi.restoreAllMocks();
    out = capture();
    expect(await main(['pi', 'PI-1013/2023-24/000042', '--db', db])).toBe(0);
    expect(out()).toMatch(/Wage Seeker 2/);
    expect(out()).toMatch(/Actions: Refresh \(PIS\)/);
  });

  it('refuses a bad import file whole, listing each error with its line, exit code 2', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(
      file,
      'payment_number,tenant_id,hoa,purpose,benef_id,name,account_no,ifsc,mobile,address,amount,account_type,beneficiary_type\n' +
        'P1,od.angul,NO-SUCH-HOA,Wages,B1,Asha,12345,SBIN0003491,9876500000,Angul,10,SB,IND\n',
    );
    const out = capture();
    expect(await main(['import', file, '--db', db])).toBe(2);
    expect(out()).toMatch(/^Refused, nothing imported:/);
    expect(out()).toMatch(/line 2 .*account/i);
    expect(out()).toMatch(/line 2 .*head of account/i);
  });

  it('refuses an import file too large or of the wrong kind before reading it', async () => {
    const big = path.join(dir, 'big.csv');
    // Sparse: 30 MB by its size, nothing written. Read whole, it would parse as empty lines.
    fs.closeSync(fs.openSync(big, 'w'));
    fs.truncateSync(big, 30_000_000);
    await expect(main(['import', big, '--db', db])).rejects.toThrow(
      /big\.csv is 30\.0 MB; an import file may be at most 20 MB/,
    );
    const workbook = path.join(dir, 'bills.xlsx');
    fs.writeFileSync(workbook, 'PK');
    await expect(main(['import', workbook, '--db', db])).rejects.toThrow(/save it as CSV/);
    const ledger = await Ledger.open(db);
    const n = await ledger.read.get<{ n: number }>('SELECT count(*) AS n FROM payments');
    await ledger.close();
    expect(n!.n).toBe(0);
  });

  it('prints usage for an unknown command and says what a bad service name should be', async () => {
    const out = capture();
    expect(await main(['frobnicate'])).toBe(1);
    expect(out()).toMatch(/^Usage: npm run cli -- <command>/);
    await expect(main(['run', 'XYZ', '--db', db])).rejects.toThrow(
      /Unknown service "XYZ". Use one of VA, PIS/,
    );
  });

  it('check exits 0 with no breaches on a sound ledger, and 3 listing each breach', async () => {
    let out = capture();
    expect(await main(['check', '--db', path.join(dir, 'sound.db')])).toBe(0);
    expect(out()).toBe('No breaches.');
    vi.restoreAllMocks();
    // The PI written straight into the ledger above was never debited.
    out = capture();
    expect(await main(['check', '--db', db])).toBe(3);
    expect(out()).toMatch(/^funds: PI-1013\/2023-24\/000042 \(Initiated\) has 0 debits/m);
  });
});
