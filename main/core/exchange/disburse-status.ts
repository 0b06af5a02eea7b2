// What a disbursement's sender is told: the status mapping of jit-protocol.md §7, applied to
// the payment's latest PI and its beneficiaries (a revised PI's row stands for the failed row
// it pays again). A message goes out only when the mapped statuses, UTRs or reasons change.
import type { Conn } from '../../ledger/conn';
import type { BeneficiaryStatus, PiStatus } from '../../../shared/status';
import { enqueue } from './outbox';

export type DisburseStatus = 'INITIATED' | 'INPROCESS' | 'SUCCESSFUL' | 'PARTIAL' | 'FAILED';

export function benefStatus(s: BeneficiaryStatus): DisburseStatus {
  if (s === 'Payment Successful') return 'SUCCESSFUL';
  if (s === 'Payment Failed') return 'FAILED';
  if (s === 'Payment In Process') return 'INPROCESS';
  return 'INITIATED';
}

export function piStatus(s: PiStatus, everyBeneficiaryPaid: boolean): DisburseStatus {
  if (s === 'Completed') return everyBeneficiaryPaid ? 'SUCCESSFUL' : 'PARTIAL';
  if (s === 'Failed' || s === 'Declined') return 'FAILED';
  if (s === 'Approved' || s === 'In Process') return 'INPROCESS';
  return 'INITIATED';
}

interface ChildStatus {
  target_id: string;
  status: { status_code: DisburseStatus; status_message: string | null };
  utr_no: string | null;
}

export interface Snapshot {
  status: { status_code: DisburseStatus; status_message: string | null };
  pi: { bill_no: string; status: PiStatus } | null;
  children: ChildStatus[];
}

interface Row {
  id: number;
  targetId: string;
  request: string;
}

async function snapshotOf(tx: Conn, d: Row, paymentId: number): Promise<Snapshot | null> {
  const pi = await tx.get<{
    id: number;
    billNo: string;
    status: PiStatus;
    lastMessage: string | null;
  }>(
    `SELECT id, bill_no AS billNo, status, last_message AS lastMessage FROM pis
      WHERE payment_id = ? AND kind = 'PI' ORDER BY id DESC LIMIT 1`,
    [paymentId],
  );
  if (!pi) return null;
  // Each line of the payment, with the PI row that pays its account (lines to one account are
  // merged into one treasury beneficiary), or the latest revised row paying that one again.
  const lines = await tx.all<{
    targetId: string;
    status: BeneficiaryStatus;
    utr: string | null;
    reason: string | null;
  }>(
    `WITH own AS (
       SELECT pb.benef_id AS targetId, pb.id AS line, b.id AS benfId
         FROM payment_beneficiaries pb
         JOIN beneficiaries b ON b.pi_id = ? AND b.account_no = pb.account_no AND b.ifsc = pb.ifsc
        WHERE pb.payment_id = ?
     )
     SELECT o.targetId, r.status, r.utr_no AS utr, r.failed_reason AS reason
       FROM own o JOIN beneficiaries r
         ON r.id = COALESCE((SELECT max(c.id) FROM beneficiaries c WHERE c.parent_beneficiary_id = o.benfId), o.benfId)
      ORDER BY o.line`,
    [pi.id, paymentId],
  );
  const children: ChildStatus[] = lines.map((l) => {
    const code = benefStatus(l.status);
    return {
      target_id: l.targetId,
      status: {
        status_code: code,
        status_message: code === 'FAILED' ? (l.reason ?? 'Payment failed') : l.status,
      },
      utr_no: l.utr,
    };
  });
  const allPaid = children.every((c) => c.status.status_code === 'SUCCESSFUL');
  const code = piStatus(pi.status, allPaid);
  let message = pi.lastMessage;
  if (code === 'FAILED') {
    const why = await tx.get<{ reason: string | null }>(
      `SELECT reason FROM status_history WHERE pi_id = ? AND beneficiary_id IS NULL ORDER BY id DESC LIMIT 1`,
      [pi.id],
    );
    message = why?.reason ?? `${pi.billNo} ${pi.status}`;
  } else if (code === 'PARTIAL') {
    const failed = children.filter((c) => c.status.status_code === 'FAILED');
    message = `${failed.length} of ${children.length} beneficiaries failed: ${failed.map((f) => `${f.target_id}: ${f.status.status_message}`).join('; ')}`;
  }
  return {
    status: { status_code: code, status_message: message },
    pi: { bill_no: pi.billNo, status: pi.status },
    children,
  };
}

/** What decides whether the peer must hear again: statuses, UTRs, reasons; not call wording. */
function changeKey(s: Snapshot): string {
  return JSON.stringify([
    s.status.status_code,
    s.status.status_code === 'FAILED' ? s.status.status_message : null,
    s.children.map((c) => [
      c.target_id,
      c.status.status_code,
      c.utr_no,
      c.status.status_code === 'FAILED' ? c.status.status_message : null,
    ]),
  ]);
}

/** The on-disburse body: the disburse message as received, with the statuses. */
export function onDisburseBody(request: unknown, id: number, s: Snapshot): Record<string, unknown> {
  const req = request as Record<string, unknown>;
  const reqChildren = Array.isArray(req.children)
    ? (req.children as Record<string, unknown>[])
    : null;
  return {
    ...req,
    id: String(id),
    status: s.status,
    additional_details: { pi: s.pi },
    children: reqChildren
      ? reqChildren.map((c) => ({ ...c, ...s.children.find((x) => x.target_id === c.target_id) }))
      : s.children,
  };
}

/**
 * Queue on-disburse/_create (first) or on-disburse/_update (afterwards) when what the peer
 * knows differs from the ledger. Inside the caller's transaction.
 */
export async function reportDisbursement(
  tx: Conn,
  disbursementId: number,
  at: number,
  endpoint: 'on-disburse/_create' | 'on-disburse/_update' = 'on-disburse/_update',
): Promise<void> {
  const d = await tx.get<
    Row & { paymentId: number; peerId: string; programId: number; snapshot: string | null }
  >(
    `SELECT id, target_id AS targetId, request_json AS request, payment_id AS paymentId, peer_id AS peerId,
            program_id AS programId, snapshot
       FROM exchange_disbursements WHERE id = ?`,
    [disbursementId],
  );
  if (!d?.paymentId) return;
  const s = await snapshotOf(tx, d, d.paymentId);
  if (!s) return;
  const key = changeKey(s);
  if (d.snapshot === key) return;
  await tx.run(
    'UPDATE exchange_disbursements SET status = ?, status_message = ?, snapshot = ?, updated_at = ? WHERE id = ?',
    [s.status.status_code, s.status.status_message, key, at, d.id],
  );
  await enqueue(
    tx,
    {
      endpoint,
      peerId: d.peerId,
      programId: d.programId,
      disbursementId: d.id,
      message: onDisburseBody(JSON.parse(d.request), d.id, s),
    },
    at,
  );
}

/**
 * The hook for every PI and beneficiary status change (core/pi/history.ts): one indexed look-up
 * when the PI is not a disbursement's.
 */
export async function disbursementPiChanged(tx: Conn, piId: number, at: number): Promise<void> {
  const d = await tx.get<{ id: number }>(
    `SELECT d.id FROM pis p
       JOIN exchange_disbursements d
         ON d.payment_id = COALESCE(p.payment_id, (SELECT q.payment_id FROM pis q WHERE q.id = p.parent_pi_id))
      WHERE p.id = ? ORDER BY d.id DESC LIMIT 1`,
    [piId],
  );
  if (d) await reportDisbursement(tx, d.id, at);
}
