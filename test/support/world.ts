// A whole console against a real sandbox treasury on loopback: the real client, encryption,
// ledger file and engine. Only the retry timings are shortened.
import path from 'node:path';
import { openApp, type App } from '../../main/app';
import { JitClient } from '../../main/jit/client';
import { insertPi, type NewPi } from '../../main/core/pi/pi-store';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import type { ScenarioInput } from '../../sandbox/scenario';
import { rupees } from '../../shared/money';
import { registerHeadsOfAccount, type HeadOfAccount } from '../../main/core/funds/heads';

/** The head of account samplePi pays from. */
export const SAMPLE_HEAD: HeadOfAccount = {
  hoa: '2217-05-191-2634-01-00-00-00',
  tenantId: 'od.angul',
  ddoCode: 'DDO1013',
  granteeCode: 'GR1013',
  ssuIaId: 'SSU-ANGUL',
  effectiveDate: '2023-04-01',
  cityCode: '1013',
};

export const T0 = Date.parse('2023-10-02T04:30:00Z'); // 10:00 India time

export interface World {
  app: App;
  sandbox: Sandbox;
  client: JitClient;
  close(): Promise<void>;
}

export interface WorldOptions {
  scenario?: ScenarioInput;
  clientTimeoutMs?: number;
  clientDeadlineMs?: number;
  maxResponseBytes?: number;
  timeoutHoldMs?: number;
}

/** Everything answers at once unless the scenario says otherwise. */
export const INSTANT = { approveAfterMs: 0, adviceAfterMs: 0, paidAfterMs: 0, failedAfterMs: 0 };

export async function startWorld(
  dir: string,
  name: string,
  opts: WorldOptions = {},
): Promise<World> {
  const sandbox = await createSandbox({
    port: 0,
    now: T0,
    scenario: { delays: INSTANT, ...opts.scenario },
    timeoutHoldMs: opts.timeoutHoldMs ?? 3_000,
  });
  const client = new JitClient({
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.credentials.clientId,
    clientSecret: sandbox.credentials.clientSecret,
    publicKey: sandbox.credentials.publicKeyPem,
    timeoutMs: opts.clientTimeoutMs ?? 1_000,
    deadlineMs: opts.clientDeadlineMs,
    maxResponseBytes: opts.maxResponseBytes,
  });
  const app = await openApp({
    dbPath: path.join(dir, `${name}.db`),
    treasury: client,
    treasuryInfo: { kind: 'sandbox', baseUrl: sandbox.baseUrl },
    // One clock for both sides: the console's dates and windows follow the sandbox's.
    now: () => sandbox.clock.now(),
    engine: {
      concurrency: 4,
      retry: { baseMs: 20, maxMs: 100, jitter: 0.2 },
      breaker: { threshold: 50, cooldownMs: 50, maxCooldownMs: 200 },
    },
  });
  await registerHeadsOfAccount(app.ledger, [SAMPLE_HEAD]);
  return {
    app,
    sandbox,
    client,
    close: async () => {
      await app.close();
      await sandbox.close();
    },
  };
}

/** Create PIs in the ledger (as Initiated) and tell the sandbox it accepted them. */
export async function seedPis(world: World, pis: NewPi[]): Promise<number[]> {
  const ids = await world.app.ledger.write(async (tx) => {
    const out: number[] = [];
    for (const pi of pis) out.push(await insertPi(tx, pi, world.app.now()));
    return out;
  });
  world.sandbox.seedBills(pis.map(piParams));
  return ids;
}

export function piParams(pi: NewPi) {
  return {
    jitBillNo: pi.billNo,
    jitBillDate: pi.billDate,
    jitBillDdoCode: pi.ddoCode,
    granteeAgCode: pi.granteeCode,
    schemeCode: pi.schemeCode ?? 'SCH1',
    hoa: pi.hoa,
    ssuIaId: pi.ssuIaId,
    mstAllotmentDistId: pi.mstAllotmentDistId ?? 'MST1',
    ssuAllotmentId: pi.ssuAllotmentId ?? 'SSUA1',
    allotmentTxnSlNo: pi.allotmentTxnSlNo ?? '1',
    billGrossAmount: rupees(pi.grossPaise),
    billNetAmount: rupees(pi.netPaise),
    billNumberOfBenf: pi.beneficiaries.length,
    purpose: pi.purpose ?? 'Wages',
    beneficiaryDetails: pi.beneficiaries.map((b) => ({
      benefId: b.benfId,
      benefName: b.name,
      benfAcctNo: b.accountNo,
      benfBankIfscCode: b.ifsc,
      benfMobileNo: b.mobile ?? '',
      benfEmailId: '',
      benfAddress: '',
      benfAccountType: '',
      benfAmount: rupees(b.amountPaise),
      purpose: pi.purpose ?? 'Wages',
    })),
  };
}

export async function piState(app: App, id: number) {
  const pi = await app.ledger.read.get<{
    status: string;
    last_message: string;
    last_outcome: string;
  }>('SELECT status, last_message, last_outcome FROM pis WHERE id = ?', [id]);
  const benfs = await app.ledger.read.all<{
    benf_id: string;
    status: string;
    utr_no: string | null;
    failed_reason: string | null;
  }>(
    'SELECT benf_id, status, utr_no, failed_reason FROM beneficiaries WHERE pi_id = ? ORDER BY id',
    [id],
  );
  return { ...pi!, benfs };
}

export async function count(app: App, sql: string, params: unknown[] = []): Promise<number> {
  return (await app.ledger.read.get<{ n: number }>(sql, params))!.n;
}
