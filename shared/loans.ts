// Loan payment requests (../shared/seeds/loan-payment-creation.txt): the shapes that cross the
// IPC boundary and the page's exact messages. Money in paise, times in epoch ms.

/** The page's six messages, word for word (including its odd ones). */
export const LOAN_MESSAGES = {
  noPaymentAmount: 'Invalid Request',
  noPaymentMode: 'Payment Bank cannot be Empty',
  afterBusinessDate: 'Payment Date can be on or before Business date',
  beforeDisbursalDate: 'Payment Date cannot be less than Disbursal Date.',
  overAllocated: 'Allocated amount greater than outstanding amount',
  totalMismatch: 'Total amount is not equal to total allocated amount',
} as const;

export const REQUEST_STATUSES = ['initiated', 'approved', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export interface ChargeRow {
  chargeId: number;
  loanId: number;
  disbursalScheduleId: number;
  label: string;
  type: string;
  originalPaise: number;
  outstandingPaise: number;
  inProcessPaise: number;
  paidPaise: number;
}

export interface LoanRow {
  loanId: number;
  borrower: string;
  disbursalDate: string;
  businessDate: string;
  charges: ChargeRow[];
}

export interface RequestFlag {
  code:
    | 'UTR_UNKNOWN'
    | 'UTR_USED'
    | 'UTR_AMOUNT'
    | 'UTR_ACCOUNT'
    | 'UTR_FAILED'
    | 'NO_UTR'
    | 'OUTSTANDING_DIFFERS'
    | 'OVERCOMMITTED';
  message: string;
}

export interface UtrLink {
  beneficiaryId: number;
  piId: number;
  billNo: string;
  name: string;
  accountNo: string;
  ifsc: string;
  amountPaise: number;
  utrDate: string | null;
}

export interface PayableRow {
  chargeId: number;
  label: string;
  type: string;
  allocatedPaise: number;
  statedOutstandingPaise: number | null;
  outstandingPaise: number;
  paidPaise: number;
}

export interface ServiceRequestRow {
  id: number;
  loanId: number;
  borrower: string;
  status: RequestStatus;
  uniqueTransactionNumber: string;
  paymentMode: string;
  paymentDate: string;
  paymentAmountPaise: number;
  paymentBank: string;
  fundTransferNumber: string | null;
  beneficiaryAccountNumber: string;
  ifsc: string;
  inFavourOf: string | null;
  remarks: string | null;
  source: 'api' | 'console';
  maker: string;
  createdAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionReason: string | null;
  utrLink: UtrLink | null;
  flags: RequestFlag[];
  payables: PayableRow[];
}

/** The page's answer to a save, as the API sends it. */
export type SaveAnswer =
  | {
      response: true;
      data: {
        result: null;
        status: 'initiated';
        service_request_id: number;
        unique_transaction_number: string | null;
      };
      error: null;
    }
  | { response: false; data: null; error: { text: string } };

export interface LoanImportResult {
  accepted: boolean;
  loans: number;
  chargesAdded: number;
  chargesKept: number;
  errors: { line: number; field: string | null; message: string }[];
}

export interface ApiTokenRow {
  id: number;
  name: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export interface IssuedToken extends ApiTokenRow {
  /** Shown once: only its hash is kept. */
  token: string;
}
