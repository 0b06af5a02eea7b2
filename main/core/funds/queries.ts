// Read side of the funds pages.
import type { Ledger } from '../../ledger/ledger';
import type { ParsedRequestOf } from '../../../shared/contract';
import type { AllotmentRow, FundsRow, Page } from '../../../shared/types';

export function fundsSummary(ledger: Ledger): Promise<FundsRow[]> {
  return ledger.read.all<FundsRow>(
    `SELECT s.id AS sanctionId, s.mst_allotment_dist_id AS mstAllotmentDistId, s.tenant_id AS tenantId, s.hoa,
            s.ddo_code AS ddoCode, s.scheme_name AS schemeName, f.allotted_paise AS allottedPaise,
            f.available_paise AS availablePaise
       FROM sanctions s JOIN funds_summary f ON f.sanction_id = s.id
       LEFT JOIN heads_of_account h ON h.hoa = s.hoa AND h.ddo_code = s.ddo_code
      ORDER BY s.tenant_id, h.priority, s.hoa, s.id`,
  );
}

export async function listAllotments(
  ledger: Ledger,
  q: ParsedRequestOf<'allotments.list'>,
): Promise<Page<AllotmentRow>> {
  const filter = q.flaggedOnly ? 'WHERE flag IS NOT NULL' : '';
  const rows = await ledger.read.all<AllotmentRow>(
    `SELECT id, mst_allotment_dist_id AS mstAllotmentDistId, ssu_allotment_id AS ssuAllotmentId,
            allotment_txn_sl_no AS allotmentTxnSlNo, txn_type AS txnType, amount_paise AS amountPaise,
            applied_paise AS appliedPaise, allotment_date AS allotmentDate, flag, received_at AS receivedAt
       FROM allotments ${filter} ORDER BY id DESC LIMIT ? OFFSET ?`,
    [q.limit, q.offset],
  );
  const count = await ledger.read.get<{ n: number }>(
    `SELECT count(*) AS n FROM allotments ${filter}`,
  );
  return { rows, total: count?.n ?? 0 };
}
