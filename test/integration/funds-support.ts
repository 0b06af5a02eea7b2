// Shared set-up for the money tests: a real ledger in a temp folder, the sandbox treasury on
// 127.0.0.1 spoken to by the real JitClient, and the engine's own runs applying its answers.
// What the treasury does (fund a head, approve, pay, return a credit, refuse a push, lose an
// answer) comes from the sandbox's scenario and fault switches, never from answers written here.
import crypto from 'node:crypto';
import { onTestFinished } from 'vitest';
import path from 'node:path';
import { openApp, type App } from '../../main/app';
import { JitClient } from '../../main/jit/client';
import type { Treasury } from '../../main/jit/types';
import type { Service } from '../../shared/status';
import type { RunSummary } from '../../main/core/reconcile/engine';
import { registerHeadsOfAccount, type HeadOfAccount } from '../../main/core/funds/heads';
import { importPayments } from '../../main/core/payments/import';
import { pushPayment } from '../../main/core/pi/push';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import type { ScenarioAllotmentInput, ScenarioInput } from '../../sandbox/scenario';
import { treasuryDateTime } from '../../shared/time';

export const HOA = '2217-05-191-2634-01-00-00-00';
export const HOA2 = '2217-05-191-2634-02-00-00-00';
export const TENANT = 'od.angul';

export const HEADS: HeadOfAccount[] = [
  {
    hoa: HOA,
    tenantId: TENANT,
    ddoCode: 'DDO1013',
    granteeCode: 'GR1013',
    ssuIaId: 'SSU-ANGUL',
    effectiveDate: '2023-04-01',
    priority: 1,
    cityCode: '1013',
  },
  {
    hoa: HOA2,
    tenantId: TENANT,
    ddoCode: 'DDO1013',
    granteeCode: 'GR1013',
    ssuIaId: 'SSU-ANGUL',
    effectiveDate: '2023-04-01',
    priority: 2,
  },
];

/** 2 October 2023, 10:00 India time. */
export const T0 = Date.parse('2023-10-02T10:00:00+05:30');
export const MIN = 60_000;
export const DAY = 24 * 60 * MIN;

/** Accounts ending so are returned by the bank (the sandbox scenario's fail rule). */
export const FAILING = '99';

/** A treasury for tests that must never reach it: any call fails the test. */
export const unreachable: Treasury = {
  call: async (service) => {
    throw new Error(`this test must not call the treasury (${service})`);
  },
};

export interface TestApp extends App {
  clock: { t: number };
}

/** A console that never talks to a treasury (imports, queries). */
export async function openTestApp(dir: string, name: string): Promise<TestApp> {
  const clock = { t: T0 };
  const app = (await openApp({
    dbPath: path.join(dir, `${name}.db`),
    treasury: unreachable,
    treasuryInfo: { kind: 'sandbox', baseUrl: 'http://127.0.0.1' },
    now: () => clock.t,
  })) as TestApp;
  app.clock = clock;
  await registerHeadsOfAccount(app.ledger, HEADS);
  return app;
}

let key: string | undefined;
/** One treasury key pair per test process: making one takes longer than the rest of a world. */
function treasuryKey(): string {
  key ??= crypto
    .generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  return key;
}

export interface FundsWorld {
  app: App;
  sandbox: Sandbox;
  close(): Promise<void>;
}

export interface WorldOptions {
  scenario?: ScenarioInput;
  /** How long the console's client waits for an answer (default 1 s). */
  clientTimeoutMs?: number;
  /** Start of the one clock both sides share (default T0). */
  now?: number;
}

let worlds = 0;

/** A world of its own for the running test, its ledger named `<prefix>-N`, closed after it. */
export async function testWorld(
  dir: string,
  prefix: string,
  opts: WorldOptions = {},
): Promise<FundsWorld> {
  const w = await openWorld(dir, `${prefix}-${++worlds}`, opts);
  onTestFinished(() => w.close());
  return w;
}

/**
 * The sandbox (every step answered at once, accounts ending in 99 returned by the bank) and
 * a console on its clock, with the two heads of account registered.
 */
export async function openWorld(
  dir: string,
  name: string,
  opts: WorldOptions = {},
): Promise<FundsWorld> {
  const sandbox = await createSandbox({
    privateKeyPem: treasuryKey(),
    now: opts.now ?? T0,
    timeoutHoldMs: 2_000,
    scenario: {
      delays: { approveAfterMs: 0, adviceAfterMs: 0, paidAfterMs: 0, failedAfterMs: 0 },
      fail: { accountSuffixes: [FAILING], reason: 'Account closed or transferred' },
      ...opts.scenario,
    },
  });
  const client = new JitClient({
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.credentials.clientId,
    clientSecret: sandbox.credentials.clientSecret,
    publicKey: sandbox.credentials.publicKeyPem,
    timeoutMs: opts.clientTimeoutMs ?? 1_000,
    now: () => sandbox.clock.now(),
  });
  const app = await openApp({
    dbPath: path.join(dir, `${name}.db`),
    treasury: client,
    treasuryInfo: { kind: 'sandbox', baseUrl: sandbox.baseUrl },
    now: () => sandbox.clock.now(),
    engine: {
      concurrency: 2,
      retry: { baseMs: 20, maxMs: 100, jitter: 0.2 },
      breaker: { threshold: 50, cooldownMs: 50, maxCooldownMs: 200 },
    },
  });
  await registerHeadsOfAccount(app.ledger, HEADS);
  return {
    app,
    sandbox,
    close: async () => {
      await app.close();
      await sandbox.close();
    },
  };
}

/** One manual run of a service by the engine, as the nightly job does it (no retries). */
export function run(w: FundsWorld, service: Service): Promise<RunSummary> {
  return w.app.engine.run(service, { trigger: 'manual' });
}

let allotmentNo = 0;

export interface AllotmentOptions {
  /** The treasury's allotmentTxnType wording (default Initial Allotment). */
  type?: string;
  hoa?: string;
  /** Repeat an earlier row (same ssuAllotmentId and txn number). */
  repeatOf?: number;
}

/** A VA row the sandbox reports from now on; `amount` is sent as written. */
export function allotmentRow(
  w: FundsWorld,
  distId: string,
  amount: number | string,
  opts: AllotmentOptions = {},
): ScenarioAllotmentInput {
  const slNo = opts.repeatOf ?? ++allotmentNo;
  return {
    hoa: opts.hoa ?? HOA,
    ddoCode: 'DDO1013',
    granteCode: 'GR1013',
    schemeCode: 'MUKTA',
    schemeName: 'Mukhya Mantri Karma Tatpara Abhiyan',
    ssuId: 'SSU-ANGUL',
    allotmentDate: treasuryDateTime(w.sandbox.clock.now()),
    allotmentTxnSlNo: String(slNo),
    allotmentAmount: amount,
    allotmentTxnType: opts.type ?? 'Initial Allotment',
    mstAllotmentDistId: distId,
    ssuAllotmentId: `SSUA-${slNo}`,
  };
}

/** Funds arrive at the sandbox, and the engine's VA run brings them in. */
export async function fund(
  w: FundsWorld,
  distId: string,
  amount: number | string,
  opts: AllotmentOptions = {},
): Promise<{ slNo: number; summary: RunSummary }> {
  const row = allotmentRow(w, distId, amount, opts);
  w.sandbox.addAllotments([row]);
  return { slNo: Number(row.allotmentTxnSlNo), summary: await run(w, 'VA') };
}

export async function available(app: App, distId: string): Promise<number> {
  const row = await app.ledger.read.get<{ a: number }>(
    'SELECT f.available_paise AS a FROM funds_summary f JOIN sanctions s ON s.id = f.sanction_id WHERE s.mst_allotment_dist_id = ?',
    [distId],
  );
  return row?.a ?? NaN;
}

/** An account number unique to (payment, line); it ends in 99 (returned by the bank) when `fails`. */
export function accountFor(number: string, line: number, fails: boolean): string {
  let h = 7;
  for (const c of number) h = (h * 31 + c.charCodeAt(0)) % 1_000_000;
  return `3${String(h).padStart(6, '0')}${String(line).padStart(3, '0')}${fails ? FAILING : '10'}`;
}

/**
 * Import one payment with `amounts` (rupees) for distinct beneficiaries `<number>-B1`, …;
 * the lines listed in `failing` (1-based) pay accounts the bank returns. Returns its id.
 */
export async function importPayment(
  app: App,
  number: string,
  amounts: number[],
  opts: { hoa?: string; tenantId?: string; failing?: number[] } = {},
): Promise<number> {
  const payload = {
    payments: [
      {
        paymentNumber: number,
        tenantId: opts.tenantId ?? TENANT,
        hoa: opts.hoa ?? HOA,
        purpose: 'Wages for work order WO/2023/17',
        beneficiaries: amounts.map((a, i) => ({
          benefId: `${number}-B${i + 1}`,
          name: `Wage Seeker ${i + 1}`,
          accountNo: accountFor(number, i + 1, (opts.failing ?? []).includes(i + 1)),
          ifsc: 'SBIN0003491',
          mobile: `98765${String(i).padStart(5, '0')}`,
          address: 'Ward 3, Angul',
          amount: a,
          accountType: 'SAVINGS',
          beneficiaryType: 'IND',
        })),
      },
    ],
  };
  const res = await importPayments(app, `${number}.json`, JSON.stringify(payload));
  if (!res.accepted) throw new Error(JSON.stringify(res.errors));
  const row = await app.ledger.read.get<{ id: number }>(
    'SELECT id FROM payments WHERE payment_number = ?',
    [number],
  );
  return row!.id;
}

export async function beneficiariesOn(app: App, piId: number) {
  return app.ledger.read.all<{
    id: number;
    benfId: string;
    amount: number;
    status: string;
    accountNo: string;
    ifsc: string;
  }>(
    'SELECT id, benf_id AS benfId, amount_paise AS amount, status, account_no AS accountNo, ifsc FROM beneficiaries WHERE pi_id = ? ORDER BY id',
    [piId],
  );
}

export async function piRow(app: App, piId: number) {
  return (await app.ledger.read.get<{
    status: string;
    billNo: string;
    billDate: string;
    lastMessage: string | null;
  }>(
    'SELECT status, bill_no AS billNo, bill_date AS billDate, last_message AS lastMessage FROM pis WHERE id = ?',
    [piId],
  ))!;
}

/** The nightly services in order, each a minute after the last on the shared clock. */
export async function nights(w: FundsWorld, ...services: Service[]): Promise<void> {
  for (const s of services) {
    w.sandbox.clock.advance(MIN);
    await run(w, s);
  }
}

/**
 * A payment pushed through the real send path and taken by the nightly runs to Completed,
 * with the lines in `failing` (1-based) returned by the bank (FD). Returns the PI's id.
 */
export async function completedPi(
  w: FundsWorld,
  number: string,
  amounts: number[],
  failing: number[],
  opts: { hoa?: string } = {},
): Promise<number> {
  const paymentId = await importPayment(w.app, number, amounts, { ...opts, failing });
  const pushed = await pushPayment(w.app, paymentId);
  if (pushed.status !== 'Initiated') throw new Error(`push of ${number}: ${pushed.message}`);
  await nights(w, 'PIS', 'PAG', 'PD', 'FD');
  const { status } = await piRow(w.app, pushed.piId);
  if (status !== 'Completed') throw new Error(`${number} is ${status}, not Completed`);
  return pushed.piId;
}

export async function count(app: App, sql: string, params: unknown[] = []): Promise<number> {
  return (await app.ledger.read.get<{ n: number }>(sql, params))!.n;
}

/**
 * A payment that names no head of account, as the program service's disbursements arrive
 * (the import format always names one): imported, then its head taken off.
 */
export async function headlessPayment(app: App, number: string, amounts: number[]) {
  const id = await importPayment(app, number, amounts);
  await app.ledger.write((tx) => tx.run('UPDATE payments SET hoa = NULL WHERE id = ?', [id]));
  return id;
}
