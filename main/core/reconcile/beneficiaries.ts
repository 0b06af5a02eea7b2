// Matching a treasury beneficiary list against the PI's own rows. Any benfId the PI does not
// have means the answer is not about this PI: the whole answer is refused (Mismatch).
import type { Conn } from '../../ledger/conn';
import type { BeneficiaryStatus } from '../../../shared/status';
import { Mismatch } from './poller';

export interface LedgerBeneficiary {
  id: number;
  benfId: string;
  amountPaise: number;
  mobile: string | null;
  status: BeneficiaryStatus;
  utrNo: string | null;
  accountNo: string;
  ifsc: string;
}

export async function beneficiariesOf(
  tx: Conn,
  piId: number,
): Promise<Map<string, LedgerBeneficiary>> {
  const rows = await tx.all<LedgerBeneficiary>(
    `SELECT id, benf_id AS benfId, amount_paise AS amountPaise, mobile, status, utr_no AS utrNo,
            account_no AS accountNo, ifsc
       FROM beneficiaries WHERE pi_id = ?`,
    [piId],
  );
  return new Map(rows.map((r) => [r.benfId, r]));
}

export function matchAll<T extends { benfId: string }>(
  known: Map<string, LedgerBeneficiary>,
  reported: T[],
  billNo: string,
): Array<T & { row: LedgerBeneficiary }> {
  const seen = new Set<string>();
  return reported.map((item) => {
    const row = known.get(String(item.benfId));
    if (!row)
      throw new Mismatch(`Response names beneficiary ${item.benfId}, which is not on ${billNo}`);
    if (seen.has(row.benfId)) throw new Mismatch(`Response lists beneficiary ${item.benfId} twice`);
    seen.add(row.benfId);
    return { ...item, row };
  });
}

export function expectBill(reported: unknown, billNo: string, field: string): void {
  if (reported !== undefined && reported !== null && String(reported) !== billNo) {
    throw new Mismatch(`Response is for bill ${String(reported)} (${field}), not ${billNo}`);
  }
}
