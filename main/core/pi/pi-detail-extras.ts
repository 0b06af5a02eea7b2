// What the PI page adds to the ledger's rows: a status history that tells the beneficiaries'
// story in a line per event, when each service asks again, the revise-by date of its
// failures, and the next step of a PI the treasury refused.
import type { Conn } from '../../ledger/conn';
import type { BeneficiaryRow, HistoryRow, PiAction, PiDetail } from '../../../shared/types';
import type { PiKind, PiStatus, Service } from '../../../shared/status';
import { jobOf, jobsFromSettings, nextRun } from '../../scheduler/schedule';
import { readEngineSettings } from '../settings/store';
import { corWindowEnd } from './revise';

type HistoryQueryRow = Omit<HistoryRow, 'note' | 'count'> & { count: number | null };

/**
 * The PI's own changes, each beneficiary's, and the beneficiaries' changes grouped per event
 * ("8 beneficiaries: Payment Successful → Payment Failed"), so the PI's story reads whole
 * without ticking "Include beneficiaries": a Completed row says how many failed after it.
 */
export async function piHistory(
  db: Conn,
  piId: number,
  beneficiaryCount: number,
): Promise<HistoryRow[]> {
  const rows = await db.all<HistoryQueryRow>(
    `SELECT at, entity, label, fromStatus, toStatus, reason, count FROM (
       SELECT * FROM (
         SELECT h.id, h.at, CASE WHEN h.beneficiary_id IS NULL THEN 'pi' ELSE 'beneficiary' END AS entity,
                COALESCE(b.name || ' (' || b.benf_id || ')', p.bill_no) AS label,
                h.from_status AS fromStatus, h.to_status AS toStatus, h.reason, NULL AS count
           FROM status_history h JOIN pis p ON p.id = h.pi_id LEFT JOIN beneficiaries b ON b.id = h.beneficiary_id
          WHERE h.pi_id = ? ORDER BY h.id DESC LIMIT 500)
       UNION ALL
       SELECT max(h.id), h.at, 'beneficiaries',
              CASE count(*) WHEN 1 THEN max(b.name || ' (' || b.benf_id || ')') ELSE count(*) || ' beneficiaries' END,
              h.from_status, h.to_status, h.reason, count(*)
         FROM status_history h JOIN beneficiaries b ON b.id = h.beneficiary_id
        WHERE h.pi_id = ?
        GROUP BY h.at, h.call_id, h.from_status, h.to_status, h.reason)
     ORDER BY at DESC, id DESC`,
    [piId, piId],
  );
  const failedAfter = (at: number) =>
    rows
      .filter((r) => r.entity === 'beneficiaries' && r.toStatus === 'Payment Failed' && r.at >= at)
      .reduce((n, r) => n + (r.count ?? 0), 0);
  return rows.map(({ count, ...row }) => {
    const out: HistoryRow = { ...row, note: null };
    if (count !== null) out.count = count;
    // "Every beneficiary paid" was true when PD said it; the bank may return credits later.
    if (row.entity === 'pi' && row.toStatus === 'Completed') {
      const later = failedAfter(row.at);
      if (later > 0) out.note = `${later} of ${beneficiaryCount} failed later at the bank`;
    }
    return out;
  });
}

/** When each service asks the treasury again on its schedule (a "not yet" is asked then). */
export async function nextChecks(
  db: Conn,
  services: Service[],
  now: number,
): Promise<PiDetail['nextCheckAt']> {
  const jobs = jobsFromSettings(await readEngineSettings(db));
  const out: PiDetail['nextCheckAt'] = {};
  for (const service of new Set(services)) {
    const job = jobOf(service, jobs);
    if (job) out[service] = nextRun(job.cron, now);
  }
  return out;
}

/** The last day a revised PI may be made for this PI's failures (its original's window). */
export async function reviseBy(
  db: Conn,
  piId: number,
  beneficiaries: BeneficiaryRow[],
): Promise<string | null> {
  if (!beneficiaries.some((b) => b.status === 'Payment Failed')) return null;
  const root = await db.get<{ billDate: string }>(
    `WITH RECURSIVE up (id, parent) AS (
       SELECT id, parent_pi_id FROM pis WHERE id = ?
       UNION ALL SELECT p.id, p.parent_pi_id FROM pis p JOIN up ON p.id = up.parent)
     SELECT bill_date AS billDate FROM pis WHERE id = (SELECT id FROM up WHERE parent IS NULL)`,
    [piId],
  );
  return root ? corWindowEnd(root.billDate) : null;
}

/**
 * A refused or declined PI's way on: its payment may get a new PI once this one, its latest,
 * Failed or was Declined (the push's own rule); a revised PI's beneficiaries are revised
 * again from the original PI's page.
 */
export async function pushAgain(
  db: Conn,
  pi: { id: number; kind: PiKind; status: PiStatus; paymentId: number | null },
): Promise<PiAction | null> {
  if (pi.kind !== 'PI' || !pi.paymentId || (pi.status !== 'Failed' && pi.status !== 'Declined'))
    return null;
  const latest = await db.get<{ id: number }>(
    `SELECT max(id) AS id FROM pis WHERE payment_id = ? AND kind = 'PI'`,
    [pi.paymentId],
  );
  if (latest?.id !== pi.id) return null;
  return { kind: 'push', label: 'Push again', paymentId: pi.paymentId };
}
