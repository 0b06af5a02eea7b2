// Read side of the payments page: each payment with its latest PI and whether it may get one.
import type { Ledger } from '../../ledger/ledger';
import type { ParsedRequestOf } from '../../../shared/contract';
import type { Page, PaymentRow } from '../../../shared/types';
import { MATCHED_CTE, searchQuery } from '../pi/search';
import { paymentStates } from './progress';

const PAYMENT_SELECT = `
SELECT pay.id, pay.payment_number AS paymentNumber, pay.tenant_id AS tenantId, pay.hoa, pay.gross_paise AS grossPaise,
       (SELECT count(*) FROM payment_beneficiaries b WHERE b.payment_id = pay.id) AS beneficiaryCount,
       l.id AS latestPiId, l.bill_no AS latestBillNo, l.status AS latestStatus,
       (l.id IS NULL OR l.status IN ('Failed', 'Declined')) AS canPush
  FROM payments pay
  LEFT JOIN pis l ON l.id = (SELECT max(id) FROM pis WHERE payment_id = pay.id AND kind = 'PI')`;

export async function listPayments(
  ledger: Ledger,
  q: ParsedRequestOf<'payments.list'>,
): Promise<Page<PaymentRow>> {
  const db = ledger.read;
  let rows: Array<Omit<PaymentRow, 'canPush' | 'progress' | 'refusal'> & { canPush: number }>;
  let total: number;
  const search = q.search?.trim();
  if (!search) {
    rows = await db.all(`${PAYMENT_SELECT} ORDER BY pay.id DESC LIMIT ? OFFSET ?`, [
      q.limit,
      q.offset,
    ]);
    total = (await db.get<{ n: number }>('SELECT count(*) AS n FROM payments'))?.n ?? 0;
  } else {
    // A payment matches by its number, or through its PIs: their numbers and beneficiaries.
    // The matching ids are found once, then counted and paged here.
    const fts = searchQuery(search);
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const found = await db.all<{ id: number }>(
      fts
        ? `WITH ${MATCHED_CTE}
           SELECT id FROM payments WHERE payment_number LIKE ? ESCAPE '\\'
           UNION SELECT p.payment_id FROM matched m JOIN pis p ON p.id = m.pi_id WHERE p.payment_id IS NOT NULL
           ORDER BY 1 DESC`
        : `SELECT id FROM payments WHERE payment_number LIKE ? ESCAPE '\\' ORDER BY 1 DESC`,
      fts ? [fts.pi, fts.bill, fts.beneficiary, like] : [like],
    );
    total = found.length;
    const page = found.slice(q.offset, q.offset + q.limit).map((r) => r.id);
    rows = await db.all(
      `${PAYMENT_SELECT} WHERE pay.id IN (SELECT value FROM json_each(?)) ORDER BY pay.id DESC`,
      [JSON.stringify(page)],
    );
  }
  const states = await paymentStates(
    db,
    rows.map((r) => r.id),
  );
  return {
    rows: rows.map((r) => ({ ...r, canPush: r.canPush === 1, ...states.get(r.id)! })),
    total,
  };
}
