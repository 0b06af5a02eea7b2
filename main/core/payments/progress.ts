// How far each payment has got, for a page of payments at once: its latest PI's beneficiaries,
// each followed through the revised PIs that paid it again, and why its last push was refused.
import type { Conn } from '../../ledger/conn';
import type { PaymentProgress } from '../../../shared/types';

export interface PaymentState {
  progress: PaymentProgress | null;
  refusal: { message: string; at: number } | null;
}

// Per beneficiary of the latest PI: paid if it or any revision of it was paid; failed if not
// paid and a failure is on its chain; moved if its failed amount went to a new payment.
const PROGRESS_SQL = `
WITH RECURSIVE
latest (payment_id, pi_id) AS (
  SELECT j.value, (SELECT max(id) FROM pis WHERE payment_id = j.value AND kind = 'PI') FROM json_each(?1) j),
chain (payment_id, root, id, status, moved) AS (
  SELECT l.payment_id, b.id, b.id, b.status, b.moved_to_payment_id
    FROM latest l JOIN beneficiaries b ON b.pi_id = l.pi_id
  UNION ALL
  SELECT c.payment_id, c.root, k.id, k.status, k.moved_to_payment_id
    FROM chain c JOIN beneficiaries k ON k.parent_beneficiary_id = c.id),
fate (payment_id, paid, failed, moved) AS (
  SELECT payment_id, max(status = 'Payment Successful'), max(status = 'Payment Failed'),
         max(moved IS NOT NULL)
    FROM chain GROUP BY payment_id, root)
SELECT payment_id AS paymentId, count(*) AS total, sum(paid) AS paid,
       sum(NOT paid AND failed AND NOT moved) AS failed, sum(NOT paid AND moved) AS moved
  FROM fate GROUP BY payment_id`;

// A refusal before any PI was made (kept in push_refusals) while no PI came after it; else
// the treasury's own "no" on a latest PI that Failed or was Declined.
const REFUSAL_SQL = `
SELECT j.value AS paymentId,
       coalesce(r.message, CASE WHEN l.status IN ('Failed', 'Declined') THEN l.last_message END) AS message,
       coalesce(r.at, l.updated_at) AS at
  FROM json_each(?1) j
  LEFT JOIN pis l ON l.id = (SELECT max(id) FROM pis WHERE payment_id = j.value AND kind = 'PI')
  LEFT JOIN push_refusals r ON r.id = (SELECT max(x.id) FROM push_refusals x
                                        WHERE x.payment_id = j.value AND x.after_pi_id IS l.id)`;

export async function paymentStates(db: Conn, ids: number[]): Promise<Map<number, PaymentState>> {
  const json = JSON.stringify(ids);
  const progress = await db.all<PaymentProgress & { paymentId: number }>(PROGRESS_SQL, [json]);
  const refusals = await db.all<{ paymentId: number; message: string | null; at: number | null }>(
    REFUSAL_SQL,
    [json],
  );
  const states = new Map<number, PaymentState>(
    ids.map((id) => [id, { progress: null, refusal: null }]),
  );
  for (const { paymentId, ...p } of progress) states.get(paymentId)!.progress = p;
  for (const r of refusals) {
    if (r.message) states.get(r.paymentId)!.refusal = { message: r.message, at: r.at ?? 0 };
  }
  return states;
}
