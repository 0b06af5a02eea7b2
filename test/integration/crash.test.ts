// SIGKILL the console at random points of a run over 200 PIs, restart, finish: the ledger
// must end exactly as after an uninterrupted run, with no SMS twice and no call unlogged.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Ledger } from '../../main/ledger/ledger';
import { insertPi } from '../../main/core/pi/pi-store';
import { registerHeadsOfAccount } from '../../main/core/funds/heads';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { tempDir } from '../support/tmp';
import { samplePi } from '../support/samples';
import { INSTANT, piParams, SAMPLE_HEAD, T0 } from '../support/world';

const dir = tempDir('jit-crash-');
const ROOT = path.resolve(__dirname, '../..');
const PIS = Array.from({ length: 200 }, (_, i) =>
  samplePi(`PI-1013/2023-24/${String(i + 1).padStart(6, '0')}`, 3),
);
const scenario = { delays: INSTANT, fail: { accountSuffixes: ['00002'] }, seed: 7 };

async function seededLedger(file: string): Promise<void> {
  const ledger = await Ledger.open(file);
  await registerHeadsOfAccount(ledger, [SAMPLE_HEAD]);
  await ledger.write(async (tx) => {
    for (const pi of PIS) await insertPi(tx, pi, T0);
  });
  await ledger.close();
}

async function seededSandbox(): Promise<Sandbox> {
  const sandbox = await createSandbox({ port: 0, now: T0, scenario });
  sandbox.seedBills(PIS.map(piParams));
  return sandbox;
}

/** `npm run cli -- run all` as its own process; resolves with its exit code or signal. */
function cli(db: string, sandbox: Sandbox, keyFile: string, killAfterMs?: number): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/cli.ts', 'run', 'all', '--db', db],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        JIT_BASE_URL: sandbox.baseUrl,
        JIT_CLIENT_ID: sandbox.credentials.clientId,
        JIT_CLIENT_SECRET: sandbox.credentials.clientSecret,
        JIT_PUBLIC_KEY_FILE: keyFile,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const timer =
    killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? (code === 0 ? 'ok' : `exit ${code}: ${stderr}`));
    }),
  );
}

/** Everything that matters about the outcome, without timestamps or row ids. */
async function snapshot(file: string) {
  const ledger = await Ledger.open(file);
  const db = ledger.read;
  const out = {
    pis: await db.all(
      `SELECT p.bill_no, p.status, p.pmt_inst_id, p.voucher_no, a.online_bill_ref_no, a.token_number
         FROM pis p LEFT JOIN payment_advice a ON a.pi_id = p.id ORDER BY p.bill_no`,
    ),
    beneficiaries: await db.all(
      `SELECT p.bill_no, b.benf_id, b.status, b.utr_no, b.end_to_end_id, b.failed_reason, b.challan_number
         FROM beneficiaries b JOIN pis p ON p.id = b.pi_id ORDER BY p.bill_no, b.benf_id`,
    ),
    sms: await db.all(
      `SELECT p.bill_no, b.benf_id, s.event, s.utr_no, s.body FROM sms_outbox s
         JOIN beneficiaries b ON b.id = s.beneficiary_id JOIN pis p ON p.id = b.pi_id ORDER BY 1, 2, 3`,
    ),
  };
  const calls = await db.all<{ service: string; n: number }>(
    'SELECT service, count(*) AS n FROM treasury_calls GROUP BY service',
  );
  const inFlight = (await db.get<{ n: number }>(
    'SELECT count(*) AS n FROM treasury_calls WHERE in_flight = 1',
  ))!.n;
  await ledger.close();
  return { out, calls: Object.fromEntries(calls.map((c) => [c.service, c.n])), inFlight };
}

describe('crash safety', () => {
  it(
    'a run killed at random points and restarted ends as an uninterrupted run',
    { timeout: 240_000 },
    async () => {
      const keyFile = path.join(dir, 'treasury.pem');

      const refDb = path.join(dir, 'reference.db');
      await seededLedger(refDb);
      const refSandbox = await seededSandbox();
      fs.writeFileSync(keyFile, refSandbox.credentials.publicKeyPem);
      expect(await cli(refDb, refSandbox, keyFile)).toBe('ok');
      await refSandbox.close();
      const reference = await snapshot(refDb);
      expect(reference.out.pis.every((p) => (p as { status: string }).status === 'Completed')).toBe(
        true,
      );
      expect(reference.out.sms).toHaveLength(200 * 3 + 200); // one PD each, one FD for each failed

      const db = path.join(dir, 'crashed.db');
      await seededLedger(db);
      const sandbox = await seededSandbox();
      fs.writeFileSync(keyFile, sandbox.credentials.publicKeyPem);
      let seed = 12345;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      // Kill at random points until one run gets to the end by itself (tsx starts in ~0.7 s).
      const kills: string[] = [];
      while (kills.length < 12 && kills.at(-1) !== 'ok')
        kills.push(await cli(db, sandbox, keyFile, 700 + Math.floor(random() * 1500)));
      expect(kills.filter((k) => k === 'SIGKILL').length).toBeGreaterThanOrEqual(2);
      expect(await cli(db, sandbox, keyFile)).toBe('ok');
      const sent = sandbox.stats().calls;
      await sandbox.close();

      const crashed = await snapshot(db);
      expect(crashed.out).toEqual(reference.out);
      expect(crashed.inFlight).toBe(0);
      // Every call the treasury received is in the log (write-ahead rows may add unsent ones).
      for (const service of ['PIS', 'PAG', 'PD', 'FD'] as const) {
        expect(crashed.calls[service] ?? 0).toBeGreaterThanOrEqual(sent[service]);
      }
    },
  );
});
