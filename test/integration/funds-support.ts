// Shared set-up for the funds, push and revision tests: a real ledger in a temp folder, a
// movable clock, a head of account, and answers applied through the real pollers.
import path from 'node:path';
import { openApp, type App } from '../../main/app';
import type { CallResult, Treasury } from '../../main/jit/types';
import type { Outcome, Service } from '../../shared/status';
import { logCall } from '../../main/core/pi/history';
import { registerHeadsOfAccount, type HeadOfAccount } from '../../main/core/funds/heads';
import { vaPoller } from '../../main/core/funds/va-poller';
import type { VaRow } from '../../main/core/funds/allotments';
import type { Poller, Target } from '../../main/core/reconcile/poller';
import { applyGuarded } from '../../main/core/reconcile/guard';

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

/** A treasury for tests that must never reach it: any call fails the test. */
export const unreachable: Treasury = {
  call: async (service) => {
    throw new Error(`this test must not call the treasury (${service})`);
  },
};

export interface TestApp extends App {
  clock: { t: number };
}

export async function openTestApp(
  dir: string,
  name: string,
  treasury: Treasury = unreachable,
): Promise<TestApp> {
  const clock = { t: T0 };
  const app = (await openApp({
    dbPath: path.join(dir, `${name}.db`),
    treasury,
    treasuryInfo: { kind: 'sandbox', baseUrl: 'http://127.0.0.1' },
    now: () => clock.t,
  })) as TestApp;
  app.clock = clock;
  await registerHeadsOfAccount(app.ledger, HEADS);
  return app;
}

export function result<T>(
  service: Service,
  outcome: Outcome,
  data?: T,
  jitError?: string,
): CallResult<T> {
  const message =
    outcome === 'OK'
      ? `On call of ${service} API: Response is received and updated successfully`
      : outcome === 'ERROR'
        ? `On call of ${service} API: ${jitError}`
        : `On call of ${service} API: No response is received.`;
  return {
    service,
    outcome,
    message,
    data,
    jitError,
    // An ERROR here stands for the treasury's own "no" (errorMsg in its envelope).
    ...(outcome === 'ERROR' && { refused: true }),
    request: {},
    response: data ?? null,
    httpStatus: 200,
    startedAt: T0,
    durationMs: 5,
  };
}

let slNo = 0;
export function vaRow(
  type: string,
  distId: string,
  rupees: number,
  extra: Partial<VaRow> = {},
): VaRow {
  slNo++;
  return {
    ddoCode: 'DDO1013',
    schemeCode: 'MUKTA',
    schemeName: 'Mukhya Mantri Karma Tatpara Abhiyan',
    granteeAgCode: 'GR1013',
    ssuId: 'SSU1',
    allotmentDate: '2023-09-01 10:00:00',
    allotmentTxnSlNo: String(slNo),
    allotmentAmount: Math.round(rupees * 100),
    availableBalance: 0,
    allotmentTxnType: type,
    mstAllotmentDistId: distId,
    ssuAllotmentId: `SSUA-${slNo}`,
    ...extra,
  };
}

/** Apply an answer for one target of a poller the way the engine does: call row, apply, one transaction. */
export async function applyAs<T extends Target>(
  app: App,
  poller: Poller<T>,
  pick: (t: T) => boolean,
  res: CallResult,
): Promise<CallResult> {
  const target = (await poller.select(app)).find(pick);
  if (!target) throw new Error(`no ${poller.service} target matches`);
  return app.ledger.write(async (tx) => {
    const callId = await logCall(tx, res, {
      piId: target.piId,
      callKey: target.piId ? null : target.key,
    });
    return applyGuarded(tx, res, (r) =>
      poller.apply(tx, target, r, { callId, at: app.now(), runId: null }),
    );
  });
}

/** A VA answer for a head of account, applied through the real VA poller. */
export function allot(app: App, rows: VaRow[], hoa = HOA): Promise<CallResult> {
  return applyAs(app, vaPoller, (t) => t.key === hoa, result('VA', 'OK', rows));
}

export async function available(app: App, distId: string): Promise<number> {
  const row = await app.ledger.read.get<{ a: number }>(
    'SELECT f.available_paise AS a FROM funds_summary f JOIN sanctions s ON s.id = f.sanction_id WHERE s.mst_allotment_dist_id = ?',
    [distId],
  );
  return row?.a ?? NaN;
}

/** Import one payment with `amounts` (rupees) for distinct beneficiaries; returns its id. */
export async function importPayment(
  app: App,
  number: string,
  amounts: number[],
  hoa = HOA,
): Promise<number> {
  const { importPayments } = await import('../../main/core/payments/import');
  const payload = {
    payments: [
      {
        paymentNumber: number,
        tenantId: TENANT,
        hoa,
        purpose: 'Wages for work order WO/2023/17',
        beneficiaries: amounts.map((a, i) => ({
          benefId: `${number}-B${i + 1}`,
          name: `Wage Seeker ${i + 1}`,
          accountNo: `10000000${String(i + 1).padStart(4, '0')}`,
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

/**
 * Take an Initiated PI through the real PIS, PAG, PD and FD pollers with treasury answers
 * written here: approved, advised (bill ref `REF-<id>` unless `advice` is false), every
 * beneficiary paid, then `failed` of them returned by the bank.
 */
export async function throughTreasury(
  app: App,
  piId: number,
  failed: string[],
  advice = true,
): Promise<void> {
  const { pisPoller } = await import('../../main/core/reconcile/pollers/pis');
  const { pagPoller } = await import('../../main/core/reconcile/pollers/pag');
  const { pdPoller } = await import('../../main/core/reconcile/pollers/pd');
  const { fdPoller } = await import('../../main/core/reconcile/pollers/fd');
  const bens = await beneficiariesOn(app, piId);
  const byPi = (t: Target) => t.piId === piId;
  await applyAs(
    app,
    pisPoller,
    byPi,
    result('PIS', 'OK', { pmtInstId: `PMT-${piId}`, payInstDate: '2023-10-03' }),
  );
  if (!advice) return;
  await applyAs(
    app,
    pagPoller,
    byPi,
    result('PAG', 'OK', {
      finYear: '2023-24',
      adviceId: `ADV-${piId}`,
      adviceDate: '2023-10-04',
      onlineBillRefNo: `REF-${piId}`,
      tokenNumber: `TOK-${piId}`,
      tokenDate: '2023-10-04',
      benfList: bens.map((b) => ({ benfId: b.benfId, amount: b.amount })),
    }),
  );
  await applyAs(
    app,
    pdPoller,
    byPi,
    result('PD', 'OK', {
      voucherNo: `V-${piId}`,
      voucherDate: '2023-10-05',
      benfDtls: bens.map((b) => ({ benfId: b.benfId, utrNo: `UTR-${b.id}` })),
    }),
  );
  if (failed.length === 0) return;
  await applyAs(
    app,
    fdPoller,
    byPi,
    result('FD', 'OK', {
      benfDtls: failed.map((benfId) => ({
        benfId,
        utrNo: `UTR-F-${benfId}`,
        orgBillRefNumber: `ORG-${benfId}`,
        failedReason: 'Account closed',
      })),
    }),
  );
}

/** A treasury written in the test: answers each call with what `answer` returns (none of our code). */
export function scriptedTreasury(
  answer: (service: Service, params: Record<string, unknown>) => CallResult,
): Treasury & { calls: Array<{ service: Service; params: Record<string, unknown> }> } {
  const calls: Array<{ service: Service; params: Record<string, unknown> }> = [];
  return {
    calls,
    call: async <T>(service: Service, params: Record<string, unknown>) => {
      calls.push({ service, params });
      return answer(service, params) as CallResult<T>;
    },
  };
}
