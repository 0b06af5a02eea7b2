// A real ULB set up from the command line on a fresh ledger, against a treasury that is not
// the embedded sandbox (a sandbox on its own port, reached like any treasury: base URL,
// client id, secret file, public key file). Then VA, import, push and the nightly services,
// without touching the ledger by hand.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../main/cli';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { Ledger } from '../../main/ledger/ledger';
import { tempDir } from '../support/tmp';
import { INSTANT } from '../support/world';

const dir = tempDir();
const WAGES = '2217-05-191-2634-01-00-00-00';
const MATERIAL = '2217-05-191-2634-02-00-00-00';
let treasury: Sandbox;

const allotment = (hoa: string, n: string, rupees: string) => ({
  hoa,
  ddoCode: 'DDO2011',
  granteCode: 'GR2011',
  schemeCode: 'MUKTA',
  schemeName: 'Mukhyamantri Karma Tatpara Abhiyan',
  ssuId: 'SSU-CTC',
  afterStartMs: 0,
  allotmentTxnSlNo: '1',
  allotmentAmount: rupees,
  allotmentTxnType: 'Initial Allotment',
  mstAllotmentDistId: `MAD-2011-${n}`,
  ssuAllotmentId: `SSUA-2011-${n}`,
});

beforeAll(async () => {
  treasury = await createSandbox({
    port: 0,
    clientId: 'ulb-cuttack',
    clientSecret: 's3cret-cuttack',
    scenario: {
      delays: INSTANT,
      allotments: [allotment(WAGES, '01', '1000.00'), allotment(MATERIAL, '02', '5000.00')],
    },
  });
  fs.writeFileSync(path.join(dir, 'treasury.pem'), treasury.credentials.publicKeyPem);
});
afterAll(() => treasury?.close());

function capture() {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  return () => lines.join('\n');
}
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** The CLI as a server runs it: its ledger and secret file from the environment. */
async function cli(db: string, ...words: string[]) {
  vi.restoreAllMocks();
  const out = capture();
  vi.stubEnv('JIT_CONSOLE_DB', db);
  if (!process.env.JIT_BASE_URL) vi.stubEnv('JIT_BASE_URL', '');
  const code = await main(words);
  return { code, out: out() };
}

function setupFile(name: string, extra: object = {}) {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    JSON.stringify({
      ulb: {
        tenantId: 'od.cuttack',
        cityCode: '2011',
        ddoCode: 'DDO2011',
        granteeCode: 'GR2011',
        ssuIaId: 'SSU-CTC',
      },
      heads: [
        { hoa: WAGES, effectiveDate: '2023-04-01', priority: 1 },
        { hoa: MATERIAL, effectiveDate: '2023-04-01', priority: 2 },
      ],
      treasury: {
        baseUrl: treasury.baseUrl,
        clientId: 'ulb-cuttack',
        publicKeyFile: 'treasury.pem',
      },
      settings: { ...DEFAULT_SETTINGS, concurrency: 2, watchDays: 45 },
      ...extra,
    }),
  );
  return file;
}

function secretFile(mode: number) {
  const file = path.join(dir, `secret-${mode.toString(8)}`);
  fs.writeFileSync(file, 's3cret-cuttack\n', { mode });
  fs.chmodSync(file, mode);
  return file;
}

function payments(name: string, lines: string[]) {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    [
      'paymentNumber,tenantId,hoa,purpose,benefId,name,accountNo,ifsc,mobile,address,amount,accountType,beneficiaryType',
      ...lines,
    ].join('\n'),
  );
  return file;
}

describe('setting up a real ULB from the command line', () => {
  it('on a fresh ledger pointed at a real treasury, VA and setup name what is missing; no demo ULB', async () => {
    const db = path.join(dir, 'fresh.db');
    vi.stubEnv('JIT_BASE_URL', treasury.baseUrl);
    vi.stubEnv('JIT_CLIENT_ID', 'ulb-cuttack');
    vi.stubEnv('JIT_CLIENT_SECRET_FILE', secretFile(0o600));
    vi.stubEnv('JIT_PUBLIC_KEY_FILE', path.join(dir, 'treasury.pem'));
    const status = await cli(db, 'setup');
    expect(status.code).toBe(4);
    expect(status.out).toMatch(
      /Missing: the ULB's tenant, city code, DDO, grantee and SSU codes; a head of account/,
    );
    await expect(cli(db, 'run', 'VA')).rejects.toThrow(
      /VA cannot ask the treasury.*Missing: a head of account/,
    );
    const ledger = await Ledger.open(db);
    expect(await ledger.read.all('SELECT hoa FROM heads_of_account')).toEqual([]);
    await ledger.close();
  });

  it('a setup file is refused whole with every error, and changes nothing', async () => {
    const db = path.join(dir, 'refused.db');
    const bad = setupFile('bad.json', {
      treasury: { baseUrl: 'http://treasury.example.in', clientId: 'x', publicKeyFile: 'k.pem' },
      settings: { ...DEFAULT_SETTINGS, schedule: { ...DEFAULT_SETTINGS.schedule, VA: '25:00' } },
    });
    await expect(cli(db, 'setup', 'import', bad)).rejects.toThrow(
      /refused, nothing changed[\s\S]*https:\/\/[\s\S]*HH:mm/,
    );
    const ledger = await Ledger.open(db);
    expect(await ledger.read.all('SELECT * FROM heads_of_account')).toEqual([]);
    expect(await ledger.read.all(`SELECT key FROM settings WHERE key LIKE 'setup.%'`)).toEqual([]);
    await ledger.close();
  });

  it('goes through setup, VA, import, push and the nightly services; push names a head that lacks funds', async () => {
    const db = path.join(dir, 'cuttack.db');
    // Set up without the secret on this host: saved, and push says the secret is missing.
    let r = await cli(db, 'setup', 'import', setupFile('setup.json'));
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/Missing: the treasury client secret \(JIT_CLIENT_SECRET_FILE/);

    // A secret file others can read is refused.
    vi.stubEnv('JIT_CLIENT_SECRET_FILE', secretFile(0o644));
    await expect(cli(db, 'setup', 'test')).rejects.toThrow(/can be read by other users.*chmod 600/);
    vi.unstubAllEnvs();

    const secret = secretFile(0o600);
    const withSecret = async (...words: string[]) => {
      vi.stubEnv('JIT_CLIENT_SECRET_FILE', secret);
      return cli(db, ...words);
    };
    r = await withSecret('setup', 'test');
    expect(r).toMatchObject({ code: 0, out: expect.stringMatching(/^OK: Logged in/) });
    r = await withSecret('setup');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Set-up complete/);
    expect(r.out).toMatch(/FD\/FTFPS watch 45 days; 2 calls at a time/);

    r = await withSecret('run', 'VA', '--json');
    expect(JSON.parse(r.out)[0]).toMatchObject({ service: 'VA', total: 2, outcomes: { OK: 2 } });
    r = await withSecret(
      'import',
      payments('pay.csv', [
        `CTC-1,od.cuttack,${WAGES},Wages,B1,Sabita Nayak,123456789012,SBIN0003491,9876543210,Cuttack,500,SB,IND`,
        `CTC-2,od.cuttack,${WAGES},Wages,B1,Rabi Das,223456789012,SBIN0003491,9876543211,Cuttack,2000,SB,IND`,
      ]),
    );
    expect(r.out).toMatch(/Imported 2 payments/);

    // The wages head has Rs. 1,000; the material head's Rs. 5,000 must not pay wages.
    await expect(withSecret('push', 'CTC-2')).rejects.toThrow(
      new RegExp(`head of account ${WAGES} lacks funds`),
    );
    r = await withSecret('push', 'CTC-1');
    expect(r.out).toMatch(/^PI-2011\/\d{4}-\d{2}\/000001: Initiated/);

    r = await withSecret('run', 'all', '--json');
    expect(r.code).toBe(0);
    const pis = JSON.parse((await withSecret('pis', '--json')).out).rows;
    expect(pis).toEqual([expect.objectContaining({ status: 'Completed', hoa: WAGES })]);
    r = await withSecret('funds', '--json');
    expect(JSON.parse(r.out)).toEqual([
      expect.objectContaining({ hoa: WAGES, availablePaise: 50_000 }),
      expect.objectContaining({ hoa: MATERIAL, availablePaise: 500_000 }),
    ]);
    r = await withSecret('check');
    expect(r).toMatchObject({ code: 0, out: 'No breaches.' });
  });
});
