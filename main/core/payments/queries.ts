// Read side of the payments page: each payment with its latest PI and whether it may get one.
import type { Ledger } from '../../ledger/ledger';
import type { ParsedRequestOf } from '../../../shared/contract';
import type { Page, PaymentRow } from '../../../shared/types';

export async function listPayments(
  ledger: Ledger,
  q: ParsedRequestOf<'payments.list'>,
): Promise<Page<PaymentRow>> {
  const params: unknown[] = [];
  let filter = '';
  if (q.search) {
    filter = `WHERE pay.payment_number LIKE ? ESCAPE '\\'`;
    params.push(`%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const rows = await ledger.read.all<Omit<PaymentRow, 'canPush'> & { canPush: number }>(
    `SELECT pay.id, pay.payment_number AS paymentNumber, pay.tenant_id AS tenantId, pay.hoa, pay.gross_paise AS grossPaise,
            (SELECT count(*) FROM payment_beneficiaries b WHERE b.payment_id = pay.id) AS beneficiaryCount,
            l.id AS latestPiId, l.bill_no AS latestBillNo, l.status AS latestStatus,
            (l.id IS NULL OR l.status IN ('Failed', 'Declined')) AS canPush
       FROM payments pay
       LEFT JOIN pis l ON l.id = (SELECT max(id) FROM pis WHERE payment_id = pay.id AND kind = 'PI')
       ${filter} ORDER BY pay.id DESC LIMIT ? OFFSET ?`,
    [...params, q.limit, q.offset],
  );
  const count = await ledger.read.get<{ n: number }>(
    `SELECT count(*) AS n FROM payments pay ${filter}`,
    params,
  );
  return { rows: rows.map((r) => ({ ...r, canPush: r.canPush === 1 })), total: count?.n ?? 0 };
}
