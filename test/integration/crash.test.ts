// SIGKILL the console at random points of a day's work — pushing real payments (funds
// debited), the nightly services, revised PIs — against a treasury that loses first answers
// and refuses re-sends in words of its own; restart, finish. The ledger must end as after an
// uninterrupted run: statuses, UTRs, SMS, funds, history and `check`, one bill per payment
// and per failed beneficiary at the treasury, and no call unlogged.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Ledger } from '../../main/ledger/ledger';
import { openApp } from '../../main/app';
import { JitClient } from '../../main/jit/client';
import { registerHeadsOfAccount } from '../../main/core/funds/heads';
import { importPayments } from '../../main/core/payments/import';
import { checkLedger } from '../../main/core/funds/check';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import type { ScenarioInput } from '../../sandbox/scenario';
import { tempDir } from '../support/tmp';
import { INSTANT, SAMPLE_HEAD, T0 } from '../support/world';
import { allotment } from '../support/payments';

const dir = tempDir('jit-crash-');
const ROOT = path.resolve(__dirname, '../..');
const PAYMENTS = 90;
/** Every third payment has a beneficiary whose bank returns the credit (FD), then a COR. */
const FAILING = Math.ceil(PAYMENTS / 3);
const scenario: ScenarioInput = {
  delays: INSTANT,
  seed: 7,
  fail: { accountSuffixes: ['00002'] },
  allotments: [allotment(10_000_000)],
  // Repeat answers differ: a re-sent bill is refused, in words the console does not know.
  repeatPush: {
    refusals: [
      'Duplicate Payment Information Id {billNo}',
      'Bill already processed',
      { errorCode: 'E1062', errorMsg: '' },
    ],
  },
  lostAnswers: { services: ['PI', 'COR'], kind: 'garbage', every: 4 },
};

const treasuryEnv = (sandbox: Sandbox, keyFile: string) => ({
  JIT_BASE_URL: sandbox.baseUrl,
  JIT_CLIENT_ID: sandbox.credentials.clientId,
  JIT_CLIENT_SECRET: sandbox.credentials.clientSecret,
  JIT_PUBLIC_KEY_FILE: keyFile,
});

/** A ledger with the head of account, its funds from VA and the payments to pay. */
async function seededLedger(file: string): Promise<void> {
  const sandbox = await createSandbox({ port: 0, now: T0, scenario });
  const app = await openApp({
    dbPath: file,
    treasury: new JitClient({
      baseUrl: sandbox.baseUrl,
      ...sandbox.credentials,
      publicKey: sandbox.credentials.publicKeyPem,
    }),
    treasuryInfo: { kind: 'remote', baseUrl: sandbox.baseUrl },
  });
  await registerHeadsOfAccount(app.ledger, [SAMPLE_HEAD]);
  await app.engine.run('VA', { trigger: 'manual' });
  const payments = Array.from({ length: PAYMENTS }, (_, i) => {
    const n = String(i + 1).padStart(5, '0');
    return {
      paymentNumber: `CRASH-${n}`,
      tenantId: SAMPLE_HEAD.tenantId,
      hoa: SAMPLE_HEAD.hoa,
      purpose: 'Wages',
      beneficiaries: [1, i % 3 === 0 ? 2 : 3].map((last, j) => ({
        benefId: `CRASH-${n}-${j + 1}`,
        name: `Wage Seeker ${j + 1}`,
        accountNo: `3000${n}0000${last}`,
        ifsc: 'SBIN0003491',
        mobile: `98765${n}`,
        amount: 100 + j,
        accountType: 'SAVINGS',
        beneficiaryType: 'IND',
      })),
    };
  });
  const res = await importPayments(app, 'crash.json', JSON.stringify(payments));
  expect(res.errors).toEqual([]);
  await app.close();
  await sandbox.close();
}

/**
 * One console process doing the day's work (test/support/crash-worker.ts). With `killAfterMs`
 * it is killed that long after it said it began work — never timed against its start-up.
 */
/** How long the last worker ran from "work" to its exit: the kill points scale with it. */
let lastWorkMs = 0;

function worker(
  db: string,
  env: Record<string, string>,
  killAfterMs?: number,
): Promise<'done' | 'killed'> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/crash-worker.ts', '--db', db],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  let timer: NodeJS.Timeout | undefined;
  let workAt = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (!workAt && out.includes('work\n')) workAt = Date.now();
    if (killAfterMs !== undefined && !timer && workAt)
      timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      lastWorkMs = workAt ? Date.now() - workAt : 0;
      if (signal === 'SIGKILL' && out.includes('work\n')) resolve('killed');
      else if (code === 0 && out.includes('done\n')) resolve('done');
      else reject(new Error(`worker ended with ${signal ?? code}: ${err}`));
    }),
  );
}

/** Everything that matters about the outcome, without times, row ids or the treasury's words. */
async function snapshot(file: string) {
  const ledger = await Ledger.open(file);
  const db = ledger.read;
  const out = {
    pis: await db.all(
      `SELECT p.bill_no, p.kind, parent.bill_no AS parent, pay.payment_number, p.status, p.pmt_inst_id, p.voucher_no,
              a.online_bill_ref_no, a.token_number
         FROM pis p LEFT JOIN payment_advice a ON a.pi_id = p.id LEFT JOIN pis parent ON parent.id = p.parent_pi_id
         LEFT JOIN payments pay ON pay.id = p.payment_id ORDER BY p.bill_no`,
    ),
    beneficiaries: await db.all(
      `SELECT p.bill_no, b.benf_id, b.account_no, b.status, b.utr_no, b.end_to_end_id, b.failed_reason, b.challan_number
         FROM beneficiaries b JOIN pis p ON p.id = b.pi_id ORDER BY p.bill_no, b.benf_id`,
    ),
    sms: await db.all(
      `SELECT p.bill_no, b.benf_id, s.event, s.utr_no, s.body FROM sms_outbox s
         JOIN beneficiaries b ON b.id = s.beneficiary_id JOIN pis p ON p.id = b.pi_id ORDER BY 1, 2, 3`,
    ),
    funds: await db.all(
      `SELECT s.mst_allotment_dist_id, f.allotted_paise, f.available_paise
         FROM funds_summary f JOIN sanctions s ON s.id = f.sanction_id ORDER BY 1`,
    ),
    fundsTransactions: await db.all(
      `SELECT t.kind, t.allotted_delta, t.available_delta, p.bill_no FROM funds_transactions t
         LEFT JOIN pis p ON p.id = t.pi_id ORDER BY p.bill_no, t.kind, t.available_delta`,
    ),
    // The statuses each PI and beneficiary went through, in order. A bill kept Pending after a
    // kill (held, confirmed) passes through more Pending steps; those are left out.
    history: await db.all(
      `SELECT p.bill_no, b.benf_id, group_concat(h.to_status, ' > ') AS path FROM (
         SELECT * FROM status_history WHERE to_status NOT IN ('Pending', 'Payment Pending') ORDER BY id) h
         JOIN pis p ON p.id = h.pi_id LEFT JOIN beneficiaries b ON b.id = h.beneficiary_id
        GROUP BY h.pi_id, h.beneficiary_id ORDER BY 1, 2`,
    ),
    breaches: await checkLedger(db),
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

/** The bills the treasury holds: one PI per payment, one revised PI per failed beneficiary. */
function expectOneBillEach(sandbox: Sandbox): void {
  const bills = sandbox.bills();
  const pis = bills.filter((b) => b.kind === 'PI');
  const cors = bills.filter((b) => b.kind === 'COR');
  expect(new Set(pis.map((b) => b.benfIds[0]!.slice(0, 11))).size).toBe(PAYMENTS);
  expect(pis).toHaveLength(PAYMENTS);
  expect(new Set(cors.map((b) => b.benfIds.join())).size).toBe(FAILING);
  expect(cors).toHaveLength(FAILING);
}

describe('crash safety', () => {
  it(
    'a day of work killed at random points and restarted ends as an uninterrupted one',
    { timeout: 600_000 },
    async () => {
      const seeded = path.join(dir, 'seeded.db');
      await seededLedger(seeded);
      const keyFile = path.join(dir, 'treasury.pem');

      const refDb = path.join(dir, 'reference.db');
      fs.copyFileSync(seeded, refDb);
      const refSandbox = await createSandbox({ port: 0, now: T0, scenario });
      fs.writeFileSync(keyFile, refSandbox.credentials.publicKeyPem);
      expect(await worker(refDb, treasuryEnv(refSandbox, keyFile))).toBe('done');
      // Kill points fall within the first quarter of a whole day's work on this machine, so a
      // fast machine is killed as often as a slow one (a fixed range let CI finish after 2).
      const dayMs = lastWorkMs;
      expectOneBillEach(refSandbox);
      await refSandbox.close();
      const reference = await snapshot(refDb);
      expect(reference.out.breaches).toEqual([]);
      const statuses = new Set(reference.out.pis.map((p) => (p as { status: string }).status));
      expect([...statuses]).toEqual(['Completed']);
      expect(reference.out.pis).toHaveLength(PAYMENTS + FAILING);
      // One PD SMS per paid credit (the returned ones too), one FD SMS per returned credit.
      expect(reference.out.sms).toHaveLength(PAYMENTS * 2 + FAILING * 2);
      // The treasury lost first answers and refused re-sends: some bills were held, then confirmed.
      const held = await Ledger.open(refDb);
      const confirmed = await held.read.get<{ pis: number; cors: number }>(
        `SELECT sum(kind = 'PI') AS pis, sum(kind = 'COR') AS cors FROM pis WHERE held_end = 'confirmed'`,
      );
      await held.close();
      expect(confirmed!.pis).toBeGreaterThan(0);
      expect(confirmed!.cors).toBeGreaterThan(0);

      const db = path.join(dir, 'crashed.db');
      fs.copyFileSync(seeded, db);
      const sandbox = await createSandbox({ port: 0, now: T0, scenario });
      fs.writeFileSync(keyFile, sandbox.credentials.publicKeyPem);
      const env = treasuryEnv(sandbox, keyFile);
      let seed = 12345;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const ends: string[] = [];
      while (ends.length < 12 && ends.at(-1) !== 'done')
        ends.push(await worker(db, env, 20 + Math.floor((random() * dayMs) / 4)));
      expect(ends.filter((e) => e === 'killed').length).toBeGreaterThanOrEqual(3);
      expect(await worker(db, env)).toBe('done');
      expectOneBillEach(sandbox);
      const sent = sandbox.stats().calls;
      await sandbox.close();

      const crashed = await snapshot(db);
      expect(crashed.out).toEqual(reference.out);
      expect(crashed.inFlight).toBe(0);
      // Every call the treasury received is in the log (write-ahead rows may add unsent ones).
      for (const service of ['PI', 'COR', 'PIS', 'PAG', 'PD', 'FD', 'FTPS', 'FTFPS'] as const) {
        expect(crashed.calls[service] ?? 0).toBeGreaterThanOrEqual(sent[service]);
      }
    },
  );
});
