// What each list exports: the columns a clerk reconciles in a spreadsheet, in the shared CSV
// format (shared/csv.ts). Amounts come as rupees and paise, times as India time.
import { amountColumns, csvDateTime, type CsvColumn } from '../../../shared/csv';
import type {
  AllotmentRow,
  BeneficiaryRow,
  CallRow,
  FundsRow,
  PaymentRow,
  PiRow,
  SmsRow,
  WorklistFailedGroup,
  WorklistPiRow,
} from '../../../shared/types';

export const PI_CSV: CsvColumn<PiRow>[] = [
  { header: 'Bill no.', value: (r) => r.billNo },
  { header: 'Kind', value: (r) => (r.kind === 'COR' ? 'Revised PI' : 'PI') },
  { header: 'Revises', value: (r) => r.parentBillNo },
  { header: 'Bill date', value: (r) => r.billDate },
  { header: 'Payment no.', value: (r) => r.paymentNumber },
  { header: 'Head of account', value: (r) => r.hoa },
  { header: 'Beneficiaries', numeric: true, value: (r) => r.beneficiaryCount },
  { header: 'Failed', numeric: true, value: (r) => r.failedCount },
  ...amountColumns<PiRow>('Gross', (r) => r.grossPaise),
  ...amountColumns<PiRow>('Net', (r) => r.netPaise),
  { header: 'Status', value: (r) => r.status },
  { header: 'Last message', value: (r) => r.lastMessage },
  { header: 'Updated (IST)', value: (r) => csvDateTime(r.updatedAt) },
  { header: 'Matched beneficiary', value: (r) => r.match?.name },
  { header: 'Matched beneficiary id', value: (r) => r.match?.benfId },
];

export const BENEFICIARY_CSV: CsvColumn<BeneficiaryRow>[] = [
  { header: 'Beneficiary id', value: (b) => b.benfId },
  { header: 'Name', value: (b) => b.name },
  { header: 'Account no.', value: (b) => b.accountNo },
  { header: 'IFSC', value: (b) => b.ifsc },
  { header: 'Mobile', value: (b) => b.mobile },
  ...amountColumns<BeneficiaryRow>('Amount', (b) => b.amountPaise),
  { header: 'Payment status', value: (b) => b.status },
  { header: 'UTR', value: (b) => b.utrNo },
  { header: 'UTR date', value: (b) => b.utrDate },
  { header: 'End-to-end id', value: (b) => b.endToEndId },
  { header: 'Failure reason', value: (b) => b.failedReason },
  { header: 'Challan', value: (b) => b.challanNumber },
  { header: 'Paid again in', value: (b) => b.revisedInBillNo ?? b.movedToPayment },
];

export const CALL_CSV: CsvColumn<CallRow>[] = [
  { header: 'When (IST)', value: (c) => csvDateTime(c.startedAt) },
  { header: 'Service', value: (c) => c.service },
  { header: 'Bill no.', value: (c) => c.billNo },
  { header: 'Attempt', numeric: true, value: (c) => c.attempt },
  { header: 'Took (ms)', numeric: true, value: (c) => Math.round(c.durationMs) },
  { header: 'Outcome', value: (c) => c.outcome },
  { header: 'Message', value: (c) => c.message },
];

export const SMS_CSV: CsvColumn<SmsRow>[] = [
  { header: 'Queued (IST)', value: (s) => csvDateTime(s.createdAt) },
  { header: 'Bill no.', value: (s) => s.billNo },
  { header: 'Beneficiary', value: (s) => s.name },
  { header: 'Event', value: (s) => (s.event === 'FD' ? 'Failed' : 'Paid') },
  { header: 'Mobile', value: (s) => s.mobile },
  { header: 'UTR', value: (s) => s.utrNo },
  { header: 'Status', value: (s) => s.status },
  { header: 'Tries', numeric: true, value: (s) => s.attempts },
  { header: 'Message', value: (s) => s.body },
];

export const PAYMENT_CSV: CsvColumn<PaymentRow>[] = [
  { header: 'Payment no.', value: (p) => p.paymentNumber },
  { header: 'ULB', value: (p) => p.tenantId },
  { header: 'Head of account', value: (p) => p.hoa ?? 'any, in priority order' },
  { header: 'Beneficiaries', numeric: true, value: (p) => p.beneficiaryCount },
  ...amountColumns<PaymentRow>('Gross', (p) => p.grossPaise),
  { header: 'Latest PI', value: (p) => p.latestBillNo },
  { header: 'Latest PI status', value: (p) => p.latestStatus },
];

export const FUNDS_CSV: CsvColumn<FundsRow>[] = [
  { header: 'Sanction (mstAllotmentDistId)', value: (f) => f.mstAllotmentDistId },
  { header: 'ULB', value: (f) => f.tenantId },
  { header: 'Head of account', value: (f) => f.hoa },
  { header: 'DDO', value: (f) => f.ddoCode },
  { header: 'Scheme', value: (f) => f.schemeName },
  ...amountColumns<FundsRow>('Allotted', (f) => f.allottedPaise),
  ...amountColumns<FundsRow>('Available', (f) => f.availablePaise),
];

export const ALLOTMENT_CSV: CsvColumn<AllotmentRow>[] = [
  { header: 'Date', value: (a) => a.allotmentDate },
  { header: 'Sanction', value: (a) => a.mstAllotmentDistId },
  { header: 'Allotment', value: (a) => a.ssuAllotmentId },
  { header: 'Sl. no.', value: (a) => a.allotmentTxnSlNo },
  { header: 'Type', value: (a) => a.txnType },
  ...amountColumns<AllotmentRow>('Amount', (a) => a.amountPaise),
  ...amountColumns<AllotmentRow>('Applied', (a) => a.appliedPaise),
  { header: 'Flag', value: (a) => a.flag },
  { header: 'Received (IST)', value: (a) => csvDateTime(a.receivedAt) },
];

export const WORKLIST_FAILED_CSV: CsvColumn<WorklistFailedGroup>[] = [
  { header: 'Bill no.', value: (g) => g.billNo },
  { header: 'Failed beneficiaries', numeric: true, value: (g) => g.count },
  ...amountColumns<WorklistFailedGroup>('Amount', (g) => g.amountPaise),
  { header: 'Failure reasons', value: (g) => g.reasons.join('; ') },
  { header: 'Days since failure', numeric: true, value: (g) => g.daysSinceFailure },
  { header: 'Revise by', value: (g) => g.reviseBy },
  { header: 'Next step', value: (g) => g.nextStep },
];

export const WORKLIST_PI_CSV: CsvColumn<WorklistPiRow>[] = [
  { header: 'Bill no.', value: (p) => p.billNo },
  { header: 'Status', value: (p) => p.status },
  { header: 'Since (IST)', value: (p) => csvDateTime(p.since) },
  { header: 'Age (days)', numeric: true, value: (p) => p.ageDays },
  { header: 'Last message', value: (p) => p.lastMessage },
  { header: 'Next step', value: (p) => p.nextStep },
];
