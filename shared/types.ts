// Shapes that cross the IPC boundary. Money in paise, times in epoch ms.
import type { BeneficiaryStatus, Outcome, PiKind, PiStatus, Service } from './status';

export interface PiRow {
  id: number;
  kind: PiKind;
  billNo: string;
  billDate: string;
  paymentNumber: string | null;
  parentBillNo: string | null;
  hoa: string;
  grossPaise: number;
  netPaise: number;
  beneficiaryCount: number;
  failedCount: number;
  status: PiStatus;
  lastMessage: string | null;
  lastOutcome: Outcome | null;
  updatedAt: number;
  /** Pending and held awaiting treasury confirmation (main/core/pi/held.ts). */
  held: boolean;
  /** In a search's results: the first beneficiary of this PI that matched, if any. */
  match?: BeneficiaryMatch | null;
}

/** A beneficiary found by a search, shown under its PI's row. */
export interface BeneficiaryMatch {
  id: number;
  benfId: string;
  name: string;
  accountNo: string;
  utrNo: string | null;
  mobile: string | null;
  status: BeneficiaryStatus;
}

export interface PiPage {
  rows: PiRow[];
  total: number;
  /** PIs per status for the same search and kind (every status tab's count, in one query). */
  counts: Record<PiStatus, number>;
  /** A search that stopped counting at its limit: total and counts are floors ("1,000+"). */
  capped?: boolean;
}

export interface BeneficiaryRow {
  id: number;
  benfId: string;
  name: string;
  accountNo: string;
  ifsc: string;
  mobile: string | null;
  amountPaise: number;
  status: BeneficiaryStatus;
  utrNo: string | null;
  utrDate: string | null;
  endToEndId: string | null;
  voucherNo: string | null;
  failedReason: string | null;
  challanNumber: string | null;
  challanDate: string | null;
  orgBillRefNo: string | null;
  /** Set when a revised PI covers this failed beneficiary. */
  revisedInBillNo: string | null;
  /** Set when, past the revised-PI window, the failed amount became a new payment. */
  movedToPayment: string | null;
}

export interface CallRow {
  id: number;
  service: Service;
  piId: number | null;
  billNo: string | null;
  attempt: number;
  startedAt: number;
  durationMs: number;
  outcome: Outcome;
  message: string;
}

export interface CallDetail extends CallRow {
  httpStatus: number | null;
  request: unknown;
  response: unknown;
  errorDetail: string | null;
}

export interface HistoryRow {
  at: number;
  /** `beneficiaries`: one event's change of several beneficiaries at once, `count` of them. */
  entity: 'pi' | 'beneficiary' | 'beneficiaries';
  label: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  count?: number;
  /** What happened since that the reason could not know ("8 of 23 failed later at the bank"). */
  note?: string | null;
}

export interface PiAction {
  /** `push`: a new PI for the payment of this Failed or Declined one (its latest). */
  kind: 'refresh' | 'revise' | 'push';
  /** The service a refresh calls, per the lifecycle table. */
  service?: Service;
  label: string;
  paymentId?: number;
}

export interface PiDetail {
  pi: PiRow & {
    ssuIaId: string;
    pmtInstId: string | null;
    payInstDate: string | null;
    adviceId: string | null;
    onlineBillRefNo: string | null;
    tokenNumber: string | null;
    tokenDate: string | null;
    voucherNo: string | null;
    completedAt: number | null;
    purpose: string;
    paymentId: number | null;
    parentPiId: number | null;
  };
  beneficiaries: BeneficiaryRow[];
  /** The last day a revised PI may be made for its failed beneficiaries (none failed: null). */
  reviseBy: string | null;
  /** When each service of the latest calls asks again on its schedule (ms). */
  nextCheckAt: Partial<Record<Service, number>>;
  /** The latest call per service: what the PI page shows. */
  latestCalls: CallRow[];
  history: HistoryRow[];
  revisions: PiRow[];
  actions: PiAction[];
  /** Set while the bill is held awaiting treasury confirmation. */
  held: HeldInfo | null;
}

/** A bill that may be at the treasury: only its status service settles it (or staff, by hand). */
export interface HeldInfo {
  /** `resend`: sent again under its number until a clean answer; `confirm`: held for PIS/FTPS. */
  stage: 'resend' | 'confirm';
  since: number;
  reason: string;
  /** What settles it next: PI/COR (a re-send), or PIS/FTPS once held. */
  service: Service;
  /** The status service's "does not know this bill" answers in a row since the last send. */
  unknownAnswers: number;
  /** What happens next, in plain words. */
  next: string;
  releaseAfterDays: number;
  /** When staff may release it by hand (if the treasury still does not know it). */
  releasableFrom: number;
  canRelease: boolean;
  /** Why it cannot be released by hand yet, when it cannot. */
  releaseBlockedBy: string | null;
}

/** Save as PDF: `saved` false when the user cancelled the save dialog. */
export interface SavedPdf {
  saved: boolean;
  path: string | null;
}

export interface ReleaseResult {
  piId: number;
  billNo: string;
  status: PiStatus;
  releasedPaise: number;
}

export interface Page<T> {
  rows: T[];
  total: number;
  /** Counting stopped at a limit: there are at least `total` rows, shown as "10,000+". */
  capped?: boolean;
}

export interface SmsRow {
  id: number;
  beneficiaryId: number;
  billNo: string;
  /** The beneficiary's name. */
  name: string;
  event: 'PD' | 'FD';
  utrNo: string;
  mobile: string | null;
  body: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  createdAt: number;
}

export interface AppInfo {
  version: string;
  dbPath: string;
  treasury: { kind: 'sandbox' | 'remote'; baseUrl: string };
  schemaVersion: number;
}

export interface JobProgress {
  runId: number;
  service: Service;
  state: 'running' | 'done' | 'failed' | 'waiting';
  done: number;
  total: number;
  failures: number;
  /** Answers that only said "not yet" (shared/waiting.ts); not counted in `failures`. */
  waiting?: number;
  message: string | null;
}

export interface RefreshResult {
  service: Service;
  outcome: Outcome;
  message: string;
}

export interface JobRunRow {
  id: number;
  service: Service;
  trigger: 'schedule' | 'catch-up' | 'manual';
  startedAt: number;
  finishedAt: number | null;
  state: 'running' | 'done' | 'failed' | 'interrupted';
  total: number;
  done: number;
  /** Errors and calls left without a response; "not yet" answers are counted in `waiting`. */
  failures: number;
  /** "Not yet" answers (shared/waiting.ts); the ledger always fills it. */
  waiting?: number;
  message: string | null;
}

export interface JobStatus {
  service: Service;
  /** Cron text in India time, e.g. "15 22 * * *". */
  schedule: string;
  nextRunAt: number | null;
  running: boolean;
  lastRun: JobRunRow | null;
  /** Open while the treasury looks down: calls are paused until `until`. */
  breaker: { open: boolean; until: number | null; message: string | null };
}

export interface FundsRow {
  sanctionId: number;
  mstAllotmentDistId: string;
  tenantId: string;
  hoa: string;
  ddoCode: string;
  schemeName: string | null;
  allottedPaise: number;
  availablePaise: number;
}

export interface AllotmentRow {
  id: number;
  mstAllotmentDistId: string;
  ssuAllotmentId: string;
  allotmentTxnSlNo: string;
  txnType: string;
  amountPaise: number;
  appliedPaise: number;
  allotmentDate: string | null;
  flag: string | null;
  receivedAt: number;
}

/** What kind of problem an import error is, so a long list can be read as a few groups. */
export type ImportErrorKind =
  | 'file'
  | 'columns'
  | 'missing'
  | 'amount'
  | 'account'
  | 'ifsc'
  | 'mobile'
  | 'text'
  | 'duplicate'
  | 'ledger';

export interface ImportError {
  line: number;
  field: string | null;
  message: string;
  kind: ImportErrorKind;
  /** The value as it is in the file, when one field is at fault. */
  value?: string | null;
  /** What probably damaged it (a spreadsheet's formatting, usually) and how to put it right. */
  hint?: string | null;
}

export interface ImportResult {
  accepted: boolean;
  imported: string[];
  errors: ImportError[];
}

export interface PaymentRow {
  id: number;
  paymentNumber: string;
  tenantId: string;
  /** null: paid from any head of the tenant, in priority order. */
  hoa: string | null;
  grossPaise: number;
  beneficiaryCount: number;
  latestPiId: number | null;
  latestBillNo: string | null;
  latestStatus: PiStatus | null;
  /** A payment gets a new PI only when it has none or its latest Failed or was Declined. */
  canPush: boolean;
  /** The beneficiaries of the latest PI, each followed through its revised PIs; null: no PI yet. */
  progress: PaymentProgress | null;
  /** Why the last push of this payment was refused, kept until a new PI is made. */
  refusal: { message: string; at: number } | null;
}

export interface PaymentProgress {
  total: number;
  paid: number;
  /** Failed and not paid again (a revision may be on its way). */
  failed: number;
  /** Failed, and their amount moved to a new payment. */
  moved: number;
}

export interface PushResult {
  piId: number;
  billNo: string;
  status: PiStatus;
  outcome: Outcome;
  message: string;
}

export interface CorEligibility {
  allowed: boolean;
  /** Why a revised PI cannot be made now, in words for the user. */
  reason: string | null;
  /** When the window has closed, the failed amount needs a new original PI instead. */
  newPiOffered: boolean;
  windowEndsOn: string | null;
  beneficiaries: BeneficiaryRow[];
}

export interface Breach {
  kind: 'funds' | 'conservation' | 'ledger' | 'exchange';
  message: string;
  piId: number | null;
  sanctionId: number | null;
}

/** Where an integrity check of the ledger file is: `done` of `total` tables, reading `table`. */
export interface CheckProgress {
  done: number;
  total: number;
  table: string | null;
}

export interface CheckResult {
  ok: boolean;
  checkedAt: number;
  breaches: Breach[];
}

export interface ReissueResult {
  paymentId: number;
  paymentNumber: string;
  amountPaise: number;
}

// Program-service exchange (iFIX).
export interface ExchangePeer {
  peerId: string;
  uri: string;
  publicKey: string;
  updatedAt: number;
  programs: number;
  queued: number;
}

export interface ExchangeStatus {
  enabled: boolean;
  running: boolean;
  url: string | null;
  selfId: string;
  host: string;
  port: number;
  publicKey: string | null;
  error: string | null;
}

export interface ExchangeProgramRow {
  id: number;
  programCode: string;
  name: string;
  description: string | null;
  locationCode: string;
  peerId: string;
  startDate: number | null;
  sanctions: number;
  allottedPaise: number;
  availablePaise: number;
  disbursements: number;
  createdAt: number;
}

export interface ExchangeSanctionRow {
  id: number;
  sanctionCode: string;
  programCode: string;
  mstAllotmentDistId: string;
  hoa: string;
  amountPaise: number;
  allottedPaise: number;
  availablePaise: number;
  peerStatus: string | null;
  allocations: Array<{
    allocationCode: string;
    type: 'ALLOCATION' | 'DEDUCTION';
    amountPaise: number;
    txnType: string;
    allotmentDate: string | null;
  }>;
}

export interface ExchangeDisbursementRow {
  id: number;
  targetId: string;
  programCode: string;
  peerId: string;
  netPaise: number;
  beneficiaries: number;
  status: string;
  statusMessage: string | null;
  paymentId: number | null;
  piId: number | null;
  billNo: string | null;
  piStatus: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ExchangeMessageRow {
  id: number;
  direction: 'in' | 'out';
  endpoint: string;
  messageId: string | null;
  peerId: string | null;
  signatureCheck: string;
  state: string;
  errorCode: string | null;
  error: string | null;
  httpStatus: number | null;
  attempts: number;
  disbursementId: number | null;
  createdAt: number;
  deliveredAt: number | null;
}

export interface ExchangeMessageDetail extends ExchangeMessageRow {
  header: unknown;
  message: unknown;
  body: unknown;
  signature: string | null;
  response: unknown;
  nextAttemptAt: number | null;
}

/** Needs action: failed beneficiaries of one PI still waiting to be paid again. */
export interface WorklistFailedGroup {
  piId: number;
  billNo: string;
  kind: PiKind;
  count: number;
  amountPaise: number;
  /** Distinct failure reasons as the treasury gave them, most frequent first. */
  reasons: string[];
  /** Days since the oldest failure of the group (India dates). */
  daysSinceFailure: number;
  /** Last day a revised PI can be made (the original's window). */
  reviseBy: string;
  /** Bill numbers of revised PIs already sent for some of them and not yet paid. */
  inRevision: string[];
  nextStep: string;
}

/** Needs action: a PI stuck or ended at the treasury. */
export interface WorklistPiRow {
  piId: number;
  billNo: string;
  kind: PiKind;
  status: PiStatus;
  /** `held`: awaiting treasury confirmation (pi/held.ts), whatever its last call said. */
  reason: 'no-response' | 'failed' | 'declined' | 'held';
  /** Since when it has been in this state (ms). */
  since: number;
  ageDays: number;
  lastMessage: string | null;
  nextStep: string;
}

/** Needs action's failed groups, a page at a time, with the totals of the whole list. */
export interface WorklistFailedPage extends Page<WorklistFailedGroup> {
  /** Failed beneficiaries to pay again, over every group. */
  beneficiaries: number;
}

/** An IFSC checked against the RBI branch list the console ships (no network look-up). */
export interface IfscCheck {
  /** The code as checked: spaces removed, upper case. */
  code: string;
  valid: boolean;
  bankName: string | null;
  /** Why it is refused, in a sentence; null when valid. */
  message: string | null;
}
