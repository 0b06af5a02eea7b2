// Read side of the payments page: each payment with its latest PI and whether it may get one.
import type { Ledger } from '../../ledger/ledger';
import type { ParsedRequestOf } from '../../../shared/contract';
import type { Page, PaymentRow } from '../../../shared/types';
import { MATCHED_CTE, searchQuery } from '../pi/search';

export async function listPayments(
  ledger: Ledger,
  q: ParsedRequestOf<'payments.list'>,
): Promise<Page<PaymentRow>> {
  // A payment matches by its number, or through its PIs: their numbers and beneficiaries.
  const search = searchQuery(q.search);
  const cte = search
    ? `WITH ${MATCHED_CTE},
       found(id) AS (
         SELECT id FROM payments WHERE payment_number LIKE ? ESCAPE '\\'
         UNION SELECT p.payment_id FROM matched m JOIN pis p ON p.id = m.pi_id)`
    : '';
  const filter = search ? 'WHERE pay.id IN (SELECT id FROM found)' : '';
  const params = search
    ? [search.pi, search.beneficiary, `%${q.search!.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`]
    : [];
  const rows = await ledger.read.all<Omit<PaymentRow, 'canPush'> & { canPush: number }>(
    `${cte} SELECT pay.id, pay.payment_number AS paymentNumber, pay.tenant_id AS tenantId, pay.hoa, pay.gross_paise AS grossPaise,
            (SELECT count(*) FROM payment_beneficiaries b WHERE b.payment_id = pay.id) AS beneficiaryCount,
            l.id AS latestPiId, l.bill_no AS latestBillNo, l.status AS latestStatus,
            (l.id IS NULL OR l.status IN ('Failed', 'Declined')) AS canPush
       FROM payments pay
       LEFT JOIN pis l ON l.id = (SELECT max(id) FROM pis WHERE payment_id = pay.id AND kind = 'PI')
       ${filter} ORDER BY pay.id DESC LIMIT ? OFFSET ?`,
    [...params, q.limit, q.offset],
  );
  const count = await ledger.read.get<{ n: number }>(
    `${cte} SELECT count(*) AS n FROM payments pay ${filter}`,
    params,
  );
  return { rows: rows.map((r) => ({ ...r, canPush: r.canPush === 1 })), total: count?.n ?? 0 };
}
