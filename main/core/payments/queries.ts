// Read side of the payments page: each payment with its latest PI and whether it may get one.
import type { Ledger } from '../../ledger/ledger';
import type { ParsedRequestOf } from '../../../shared/contract';
import type { Page, PaymentRow } from '../../../shared/types';
import { MATCHED_CTE, SEARCH_CAP, searchQuery } from '../pi/search';
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
  let capped = false;
  const search = q.search?.trim();
  if (!search) {
    rows = await db.all(`${PAYMENT_SELECT} ORDER BY pay.id DESC LIMIT ? OFFSET ?`, [
      q.limit,
      q.offset,
    ]);
    total = (await db.get<{ n: number }>('SELECT count(*) AS n FROM payments'))?.n ?? 0;
  } else {
    // A payment matches by its number, or through its PIs: their numbers and beneficiaries.
    // The matching ids are found once (at most SEARCH_CAP from each index), then paged here.
    const fts = searchQuery(search);
    const found = fts
      ? await db.all<{ id: number; capped: number }>(
          `WITH ${MATCHED_CTE},
           pay_hit(id) AS MATERIALIZED (
             SELECT rowid FROM payment_search WHERE payment_search MATCH ? ORDER BY rowid DESC LIMIT ${SEARCH_CAP}),
           found(id) AS (
             SELECT id FROM pay_hit
             UNION SELECT p.payment_id FROM matched m JOIN pis p ON p.id = m.pi_id WHERE p.payment_id IS NOT NULL)
           SELECT id, (SELECT count(*) FROM pay_hit) >= ${SEARCH_CAP} OR (SELECT count(*) FROM pi_hit) >= ${SEARCH_CAP}
                      OR (SELECT count(*) FROM benf_hit) >= ${SEARCH_CAP} AS capped
             FROM found ORDER BY id DESC`,
          [fts.pi, fts.beneficiary, fts.utr, fts.pi],
        )
      : [];
    capped = found.some((r) => r.capped === 1);
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
    ...(capped ? { capped } : {}),
  };
}
