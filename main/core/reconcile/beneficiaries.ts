// Matching a treasury beneficiary list against the PI's own rows, by benfId, or (older FD
// answers carry none) by account + IFSC within the bill. Any beneficiary the PI does not have,
// or an account + IFSC that fits several, means the whole answer is refused (Mismatch).
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

/**
 * beneficiariesOf for many PIs in one statement, by PI. Each PI's rows come as one JSON array:
 * the driver builds a JavaScript object cell by cell for every row it returns, which cost
 * more than twice JSON.parse of the same rows (a PD batch reads back every beneficiary).
 */
export async function beneficiariesOfMany(
  tx: Conn,
  piIds: number[],
): Promise<Map<number, Map<string, LedgerBeneficiary>>> {
  const groups = await tx.all<{ piId: number; rows: string }>(
    `SELECT pi_id AS piId,
            json_group_array(json_array(id, benf_id, amount_paise, mobile, status, utr_no, account_no, ifsc) ORDER BY id) AS rows
       FROM beneficiaries WHERE pi_id IN (SELECT value FROM json_each(?))
      GROUP BY pi_id`,
    [JSON.stringify(piIds)],
  );
  const out = new Map<number, Map<string, LedgerBeneficiary>>();
  for (const g of groups) {
    const pi = new Map<string, LedgerBeneficiary>();
    for (const [id, benfId, amountPaise, mobile, status, utrNo, accountNo, ifsc] of JSON.parse(
      g.rows,
    ) as Row[])
      pi.set(benfId, { id, benfId, amountPaise, mobile, status, utrNo, accountNo, ifsc });
    out.set(g.piId, pi);
  }
  return out;
}

type Row = [
  number,
  string,
  number,
  string | null,
  BeneficiaryStatus,
  string | null,
  string,
  string,
];

interface Reported {
  benfId?: string | null;
  benfAcctNo?: string | null;
  /** PAG's name for it. */
  benfAccountNo?: string | null;
  benfBankIfscCode?: string | null;
}

export function matchAll<T extends Reported>(
  known: Map<string, LedgerBeneficiary>,
  reported: T[],
  billNo: string,
): Array<T & { row: LedgerBeneficiary; benfId: string }> {
  const seen = new Set<string>();
  return reported.map((item) => {
    const row = item.benfId ? known.get(String(item.benfId)) : byAccount(known, item, billNo);
    if (!row)
      throw new Mismatch(`Response names beneficiary ${item.benfId}, which is not on ${billNo}`);
    if (seen.has(row.benfId)) throw new Mismatch(`Response lists beneficiary ${row.benfId} twice`);
    seen.add(row.benfId);
    sameBank(row, item, billNo);
    // Object.assign, not a spread: spreading an item while overriding its benfId cost about
    // 2 µs an item, and a batch of PAG or PD answers matches 20 per PI (Object.assign: 0.2 µs).
    // The answer's schema has already dropped any key it does not name (no "__proto__").
    return Object.assign({}, item, { row, benfId: row.benfId });
  });
}

function byAccount(
  known: Map<string, LedgerBeneficiary>,
  item: Reported,
  billNo: string,
): LedgerBeneficiary {
  const account = String(item.benfAcctNo ?? '').trim();
  const ifsc = String(item.benfBankIfscCode ?? '')
    .trim()
    .toUpperCase();
  const what = `account ${account || '(none)'} / IFSC ${ifsc || '(none)'}`;
  const rows = [...known.values()].filter(
    (r) => r.accountNo === account && r.ifsc.toUpperCase() === ifsc,
  );
  if (rows.length === 0)
    throw new Mismatch(`Response names no benfId and ${what}, which is not on ${billNo}`);
  // Paying the wrong person's failure back is worse than asking again: refuse to guess.
  if (rows.length > 1) {
    throw new Mismatch(
      `Response names no benfId and ${what}, which fits ${rows.length} beneficiaries of ${billNo} (${rows.map((r) => r.benfId).join(', ')})`,
    );
  }
  return rows[0]!;
}

/**
 * An answer naming another account or IFSC for a beneficiary than the PI paid contradicts the
 * ledger: flagged (the whole answer refused), never applied as if it were about this payment.
 */
function sameBank(row: LedgerBeneficiary, item: Reported, billNo: string): void {
  const account = String(item.benfAcctNo ?? item.benfAccountNo ?? '').trim();
  const ifsc = String(item.benfBankIfscCode ?? '')
    .trim()
    .toUpperCase();
  if (account && account !== row.accountNo)
    throw new Mismatch(
      `Response gives beneficiary ${row.benfId} account ${account}; ${billNo} pays account ${row.accountNo}`,
    );
  if (ifsc && ifsc !== row.ifsc.toUpperCase())
    throw new Mismatch(
      `Response gives beneficiary ${row.benfId} IFSC ${ifsc}; ${billNo} pays IFSC ${row.ifsc}`,
    );
}

export function expectBill(reported: unknown, billNo: string, field: string): void {
  if (reported !== undefined && reported !== null && String(reported) !== billNo) {
    throw new Mismatch(`Response is for bill ${String(reported)} (${field}), not ${billNo}`);
  }
}
