// The start page's figures: a handful of grouped queries over the ledger, one answer.
import type { Ledger } from '../../ledger/ledger';
import type { Overview, OverviewHead } from '../../../shared/overview';
import { PI_STATUSES, type PiKind, type PiStatus } from '../../../shared/status';
import type { JobRunRow } from '../../../shared/types';
import { FAILED_GROUPS_SQL, OPEN_FAILED } from '../pi/worklist';
import { corWindowEnd } from '../pi/revise';
import { RUN_ALL_ORDER } from '../reconcile/jobs';

export async function overview(ledger: Ledger): Promise<Overview> {
  const db = ledger.read;
  const counts = await db.all<{ status: PiStatus; kind: PiKind; n: number }>(
    'SELECT status, kind, count(*) AS n FROM pis GROUP BY status, kind',
  );
  const pis = PI_STATUSES.map((status) => ({
    status,
    original: counts.find((c) => c.status === status && c.kind === 'PI')?.n ?? 0,
    revised: counts.find((c) => c.status === status && c.kind === 'COR')?.n ?? 0,
  }));

  const heads = await db.all<OverviewHead>(
    `SELECT s.tenant_id AS tenantId, s.hoa, count(*) AS sanctions, sum(f.allotted_paise) AS allottedPaise,
            sum(f.allotted_paise - f.available_paise) AS usedPaise, sum(f.available_paise) AS availablePaise
       FROM sanctions s JOIN funds_summary f ON f.sanction_id = s.id
      GROUP BY s.tenant_id, s.hoa
      ORDER BY s.tenant_id,
               (SELECT min(h.priority) FROM heads_of_account h WHERE h.hoa = s.hoa AND h.tenant_id = s.tenant_id),
               s.hoa`,
  );

  const last = await db.all<JobRunRow>(
    `SELECT id, service, trigger, started_at AS startedAt, finished_at AS finishedAt, state, total, done,
            failures, message
       FROM job_runs WHERE id IN (SELECT max(id) FROM job_runs GROUP BY service)`,
  );
  const runs = RUN_ALL_ORDER.map((service) => ({
    service,
    lastRun: last.find((r) => r.service === service) ?? null,
  }));

  const sms = { sent: 0, queued: 0, failed: 0 };
  const smsRows = await db.all<{ status: keyof typeof sms; n: number }>(
    'SELECT status, count(*) AS n FROM sms_outbox GROUP BY status',
  );
  for (const r of smsRows) sms[r.status] = r.n;

  // Per PI with failed beneficiaries still to pay: the deadline runs from its original PI's
  // date, so the soonest is the earliest such date (as on Needs action).
  const failed = await db.get<{
    pis: number;
    n: number;
    piId: number;
    billNo: string;
    rootBillDate: string;
  }>(
    `SELECT g.*, p.bill_no AS billNo FROM (
       SELECT piId, rootBillDate, count(*) OVER () AS pis, sum(n) OVER () AS n
         FROM (${FAILED_GROUPS_SQL}) ORDER BY rootBillDate, piId LIMIT 1) g JOIN pis p ON p.id = g.piId`,
  );
  const amount = await db.get<{ paise: number | null }>(
    `SELECT sum(b.amount_paise) AS paise FROM beneficiaries b WHERE ${OPEN_FAILED}`,
  );
  return {
    pis,
    heads,
    runs,
    sms,
    failures: {
      beneficiaries: failed?.n ?? 0,
      amountPaise: amount?.paise ?? 0,
      pis: failed?.pis ?? 0,
      nearestReviseBy: failed ? corWindowEnd(failed.rootBillDate) : null,
      nearestBillNo: failed?.billNo ?? null,
      nearestPiId: failed?.piId ?? null,
    },
  };
}
