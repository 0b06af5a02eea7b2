// Reading loans, charges and requests for the Requests page and the CLI.
import type { Ledger } from '../../ledger/ledger';
import type { Page } from '../../../shared/types';
import type {
  ChargeRow,
  LoanRow,
  PayableRow,
  RequestStatus,
  ServiceRequestRow,
  UtrLink,
} from '../../../shared/loans';
import { notFound } from '../errors';

const CHARGE_COLUMNS = `charge_id AS chargeId, loan_id AS loanId, disbursal_schedule_id AS disbursalScheduleId,
  label, type, original_paise AS originalPaise, outstanding_paise AS outstandingPaise,
  in_process_paise AS inProcessPaise, paid_paise AS paidPaise`;

export async function listLoans(
  ledger: Ledger,
  q: { loanId?: number; limit: number; offset: number },
): Promise<Page<LoanRow>> {
  const where = q.loanId ? 'WHERE loan_id = ?' : '';
  const args = q.loanId ? [q.loanId] : [];
  const loans = await ledger.read.all<Omit<LoanRow, 'charges'>>(
    `SELECT loan_id AS loanId, borrower, disbursal_date AS disbursalDate, business_date AS businessDate
       FROM loans ${where} ORDER BY loan_id LIMIT ? OFFSET ?`,
    [...args, q.limit, q.offset],
  );
  const total = await ledger.read.get<{ n: number }>(
    `SELECT count(*) AS n FROM loans ${where}`,
    args,
  );
  const charges = await ledger.read.all<ChargeRow>(
    `SELECT ${CHARGE_COLUMNS} FROM loan_charges
      WHERE loan_id IN (SELECT value FROM json_each(?)) ORDER BY disbursal_schedule_id, charge_id`,
    [JSON.stringify(loans.map((l) => l.loanId))],
  );
  return {
    rows: loans.map((l) => ({ ...l, charges: charges.filter((c) => c.loanId === l.loanId) })),
    total: total!.n,
  };
}

type RequestBase = Omit<ServiceRequestRow, 'utrLink' | 'flags' | 'payables'> & {
  flagsJson: string;
  utrBeneficiaryId: number | null;
};

export async function listRequests(
  ledger: Ledger,
  q: { id?: number; status?: RequestStatus; loanId?: number; limit: number; offset: number },
): Promise<Page<ServiceRequestRow>> {
  const conds: string[] = [];
  const args: unknown[] = [];
  for (const [column, value] of [
    ['r.id', q.id],
    ['r.status', q.status],
    ['r.loan_id', q.loanId],
  ] as const) {
    if (value === undefined) continue;
    conds.push(`${column} = ?`);
    args.push(value);
  }
  const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
  const base = await ledger.read.all<RequestBase>(
    `SELECT r.id, r.loan_id AS loanId, l.borrower, r.status,
            r.unique_transaction_number AS uniqueTransactionNumber, r.payment_mode AS paymentMode,
            r.payment_date AS paymentDate, r.payment_amount_paise AS paymentAmountPaise,
            r.payment_bank AS paymentBank, r.fund_transfer_number AS fundTransferNumber,
            r.beneficiary_account_number AS beneficiaryAccountNumber, r.ifsc,
            r.in_favour_of AS inFavourOf, r.remarks, r.source, r.maker, r.created_at AS createdAt,
            r.decided_by AS decidedBy, r.decided_at AS decidedAt, r.decision_reason AS decisionReason,
            r.flags AS flagsJson, r.utr_beneficiary_id AS utrBeneficiaryId
       FROM service_requests r JOIN loans l ON l.loan_id = r.loan_id
       ${where}
      ORDER BY (r.status = 'initiated') DESC, r.id DESC LIMIT ? OFFSET ?`,
    [...args, q.limit, q.offset],
  );
  const total = await ledger.read.get<{ n: number }>(
    `SELECT count(*) AS n FROM service_requests r ${where}`,
    args,
  );
  const ids = JSON.stringify(base.map((r) => r.id));
  const payables = await ledger.read.all<PayableRow & { requestId: number }>(
    `SELECT p.request_id AS requestId, p.charge_id AS chargeId, c.label, c.type,
            p.allocated_paise AS allocatedPaise, p.stated_outstanding_paise AS statedOutstandingPaise,
            c.outstanding_paise AS outstandingPaise, c.paid_paise AS paidPaise
       FROM service_request_payables p JOIN loan_charges c ON c.charge_id = p.charge_id
      WHERE p.request_id IN (SELECT value FROM json_each(?)) ORDER BY p.charge_id`,
    [ids],
  );
  const links = await ledger.read.all<UtrLink>(
    `SELECT b.id AS beneficiaryId, b.pi_id AS piId, p.bill_no AS billNo, b.name,
            b.account_no AS accountNo, b.ifsc, b.amount_paise AS amountPaise, b.utr_date AS utrDate
       FROM beneficiaries b JOIN pis p ON p.id = b.pi_id
      WHERE b.id IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(base.map((r) => r.utrBeneficiaryId).filter((x) => x !== null))],
  );
  return {
    rows: base.map(({ flagsJson, utrBeneficiaryId, ...r }) => ({
      ...r,
      flags: JSON.parse(flagsJson) as ServiceRequestRow['flags'],
      utrLink: links.find((l) => l.beneficiaryId === utrBeneficiaryId) ?? null,
      payables: payables.filter((p) => p.requestId === r.id).map(({ requestId: _, ...p }) => p),
    })),
    total: total!.n,
  };
}

export async function getRequest(ledger: Ledger, id: number): Promise<ServiceRequestRow> {
  const page = await listRequests(ledger, { id, limit: 1, offset: 0 });
  if (!page.rows[0]) throw notFound(`Request #${id}`);
  return page.rows[0];
}
