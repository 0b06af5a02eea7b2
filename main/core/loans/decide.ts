// The checker's decision. Approving applies the allocations to the charges (outstanding
// down, paid up, out of "in process") in the same transaction as the status change and its
// audit rows. Two approvals racing on one charge: the update is conditional on enough being
// outstanding, and the charge's CHECK (outstanding >= 0) stops whatever gets past it.
import type { AppContext } from '../context';
import type { Conn } from '../../ledger/conn';
import { AppError, notFound } from '../errors';
import { formatInr } from '../../../shared/money';
import type { ServiceRequestRow } from '../../../shared/loans';
import { audit } from './audit';
import { getRequest } from './queries';
import { assertMayDecide } from './users';

export interface Decision {
  id: number;
  actor: string;
  reason?: string | null;
}

export async function approveRequest(ctx: AppContext, d: Decision): Promise<ServiceRequestRow> {
  await ctx.ledger.write(async (tx) => {
    const r = await open(tx, d);
    const now = ctx.now();
    await settle(tx, d, now, 'approved');
    const wanted = await tx.all<{ charge_id: number; allocated_paise: number }>(
      'SELECT charge_id, allocated_paise FROM service_request_payables WHERE request_id = ? AND allocated_paise > 0',
      [d.id],
    );
    const moved = await tx.run(
      `UPDATE loan_charges
          SET outstanding_paise = outstanding_paise - p.allocated_paise,
              paid_paise = paid_paise + p.allocated_paise,
              in_process_paise = in_process_paise - p.allocated_paise
         FROM service_request_payables p
        WHERE p.request_id = ? AND p.allocated_paise > 0
          AND loan_charges.charge_id = p.charge_id
          AND loan_charges.outstanding_paise >= p.allocated_paise`,
      [d.id],
    );
    if (moved.changes !== wanted.length) {
      // Thrown inside the transaction: nothing of this approval is kept.
      throw new AppError(
        'CONFLICT',
        `Request #${d.id} allocates more than is outstanding now on one of its charges (another request was approved first); reject it or enter a new one.`,
      );
    }
    await tx.run(
      `INSERT INTO loan_audit (loan_id, request_id, charge_id, event, from_status, to_status, detail, actor, at)
       SELECT ?, ?, c.charge_id, 'charge paid', NULL, NULL,
              'paid ' || p.allocated_paise || ' paise; outstanding now ' || c.outstanding_paise || ' paise',
              ?, ?
         FROM service_request_payables p JOIN loan_charges c ON c.charge_id = p.charge_id
        WHERE p.request_id = ? AND p.allocated_paise > 0`,
      [r.loan_id, d.id, d.actor, now, d.id],
    );
    await audit(
      tx,
      {
        loanId: r.loan_id,
        requestId: d.id,
        event: 'request approved',
        from: 'initiated',
        to: 'approved',
        detail: [formatInr(r.payment_amount_paise), d.reason].filter(Boolean).join('; '),
        actor: d.actor,
      },
      now,
    );
  });
  ctx.events.emit('loans.changed', { requestIds: [d.id] });
  return getRequest(ctx.ledger, d.id);
}

export async function rejectRequest(ctx: AppContext, d: Decision): Promise<ServiceRequestRow> {
  const reason = d.reason?.trim();
  if (!reason) throw new AppError('BAD_REQUEST', 'Give a reason to reject a request.');
  await ctx.ledger.write(async (tx) => {
    const r = await open(tx, d);
    const now = ctx.now();
    await settle(tx, d, now, 'rejected');
    await tx.run(
      `UPDATE loan_charges SET in_process_paise = in_process_paise - p.allocated_paise
         FROM service_request_payables p
        WHERE p.request_id = ? AND loan_charges.charge_id = p.charge_id`,
      [d.id],
    );
    await audit(
      tx,
      {
        loanId: r.loan_id,
        requestId: d.id,
        event: 'request rejected',
        from: 'initiated',
        to: 'rejected',
        detail: reason,
        actor: d.actor,
      },
      now,
    );
  });
  ctx.events.emit('loans.changed', { requestIds: [d.id] });
  return getRequest(ctx.ledger, d.id);
}

interface Open {
  loan_id: number;
  status: string;
  maker: string;
  decided_by: string | null;
  payment_amount_paise: number;
}

async function open(tx: Conn, d: Decision): Promise<Open> {
  const r = await tx.get<Open>(
    'SELECT loan_id, status, maker, decided_by, payment_amount_paise FROM service_requests WHERE id = ?',
    [d.id],
  );
  if (!r) throw notFound(`Request #${d.id}`);
  if (r.status !== 'initiated')
    throw new AppError(
      'CONFLICT',
      `Request #${d.id} was already ${r.status} by ${r.decided_by ?? 'someone'}; it cannot be decided again.`,
    );
  await assertMayDecide(tx, d.actor, r.maker);
  return r;
}

// Conditional on still being initiated: a second decision, from whatever process, changes nothing.
async function settle(tx: Conn, d: Decision, now: number, to: 'approved' | 'rejected') {
  const res = await tx.run(
    `UPDATE service_requests SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?
      WHERE id = ? AND status = 'initiated'`,
    [to, d.actor, now, d.reason?.trim() || null, d.id],
  );
  if (res.changes !== 1)
    throw new AppError('CONFLICT', `Request #${d.id} was decided meanwhile; nothing changed.`);
}
