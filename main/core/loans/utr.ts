// Reconciliation with the treasury: the request's fund_transfer_number is a UTR. When a
// beneficiary payment in the ledger carries it, the request is linked to that payment and its
// amount, account and IFSC are compared; anything odd becomes a flag for the checker, never a
// refusal (the maker may be right and the ledger behind). One UTR may pay several
// beneficiaries (a batch UTR), so the link is the one paid to the request's account.
import type { Conn } from '../../ledger/conn';
import { formatInr } from '../../../shared/money';
import type { RequestFlag } from '../../../shared/loans';
import { utrMatch } from '../pi/search';

export interface UtrSubject {
  fundTransferNumber: string | null;
  paymentMode: string;
  paymentAmountPaise: number;
  beneficiaryAccountNumber: string;
  ifsc: string;
}

interface Paid {
  id: number;
  account_no: string;
  ifsc: string;
  amount_paise: number;
  status: string;
}

/** The beneficiary payments that carry this UTR, oldest first. */
export async function paidByUtr(db: Conn, utr: string): Promise<Paid[]> {
  const match = utrMatch(utr);
  if (!match) return [];
  return db.all<Paid>(
    `SELECT id, account_no, ifsc, amount_paise, status FROM beneficiaries
      WHERE id IN (SELECT rowid FROM utr_search WHERE utr_search MATCH ?) AND utr_no = ?
      ORDER BY id`,
    [match, utr],
  );
}

const ELECTRONIC = new Set(['neft', 'rtgs', 'imps', 'upi', 'ft', 'fund_transfer']);

export async function reconcileUtr(
  db: Conn,
  r: UtrSubject,
  selfId: number | null,
): Promise<{ link: number | null; flags: RequestFlag[] }> {
  const utr = r.fundTransferNumber;
  if (!utr) {
    return {
      link: null,
      flags: ELECTRONIC.has(r.paymentMode.toLowerCase())
        ? [{ code: 'NO_UTR', message: `No UTR given for a ${r.paymentMode} payment.` }]
        : [],
    };
  }
  const paid = await paidByUtr(db, utr);
  const flags: RequestFlag[] = [];
  const toAccount = paid.filter(
    (b) => b.account_no === r.beneficiaryAccountNumber && b.ifsc.toUpperCase() === r.ifsc,
  );
  const link = toAccount[0] ?? (paid.length === 1 ? paid[0]! : null);
  if (paid.length === 0) {
    flags.push({
      code: 'UTR_UNKNOWN',
      message: `UTR ${utr} is not in the ledger: no treasury payment carries it.`,
    });
  } else if (toAccount.length === 0) {
    const where = link
      ? `account ${link.account_no} (${link.ifsc})`
      : `${paid.length} other accounts (a batch UTR)`;
    flags.push({
      code: 'UTR_ACCOUNT',
      message: `UTR ${utr} paid ${where}, not account ${r.beneficiaryAccountNumber} (${r.ifsc}).`,
    });
  }
  if (link && link.amount_paise !== r.paymentAmountPaise) {
    flags.push({
      code: 'UTR_AMOUNT',
      message: `The treasury paid ${formatInr(link.amount_paise)} on UTR ${utr}; the request says ${formatInr(r.paymentAmountPaise)}.`,
    });
  }
  if (link && link.status !== 'Payment Successful') {
    flags.push({
      code: 'UTR_FAILED',
      message: `The treasury payment on UTR ${utr} is "${link.status}", not paid.`,
    });
  }
  // Used already: by a live request for the same payment (or, unlinked, the same UTR). Other
  // beneficiaries of a batch UTR are other payments and do not count.
  const used = await db.all<{ id: number }>(
    `SELECT id FROM service_requests
      WHERE fund_transfer_number = ? AND status <> 'rejected' AND id IS NOT ?
        AND (utr_beneficiary_id IS ? OR utr_beneficiary_id IS NULL OR ? IS NULL)
      ORDER BY id`,
    [utr, selfId, link?.id ?? null, link?.id ?? null],
  );
  if (used.length) {
    flags.push({
      code: 'UTR_USED',
      message: `UTR ${utr} is already on request${used.length > 1 ? 's' : ''} ${used.map((u) => `#${u.id}`).join(', ')}.`,
    });
  }
  return { link: link?.id ?? null, flags };
}
