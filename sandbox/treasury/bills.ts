// What the sandbox treasury remembers about accepted bills, and when each thing happens to
// them on the sandbox clock (no timers: every answer is computed from the time it is asked).
import { financialYear } from '../../shared/time';
import type { Scenario } from '../scenario';
import { digits, oneIn } from '../ids';
import { error, errors, type Answer } from './envelope';

export interface Benf {
  benfId: string;
  name: string;
  accountNo: string;
  ifsc: string;
  amountPaise: number;
}

export interface Bill {
  kind: 'PI' | 'COR';
  billNo: string;
  billDate: string;
  ssuIaId: string;
  schemeCode: string;
  grossPaise: number;
  netPaise: number;
  benfs: Benf[];
  acceptedAt: number;
  /** The push as received, key-sorted JSON: a re-push must match it exactly. */
  content: string;
  /** The answer given to the push, repeated for an identical re-push. */
  answer: Answer;
  /** COR only: the original PI and the bill ref the failed beneficiaries came from. */
  orgBillNo?: string;
  orgBillRefNo?: string;
}

export class BillBook {
  readonly bills = new Map<string, Bill>();
  private readonly byRef = new Map<string, Bill>();
  /** "curBillRef|benefId" → the COR that revises it. */
  readonly revisions = new Map<string, string>();

  private repeats = 0;

  constructor(private readonly scenario: Scenario) {}

  add(bill: Bill): void {
    this.bills.set(bill.billNo, bill);
    this.byRef.set(this.refNo(bill), bill);
  }

  get(billNo: unknown): Bill | undefined {
    return typeof billNo === 'string' ? this.bills.get(billNo) : undefined;
  }

  byBillRef(ref: unknown): Bill | undefined {
    return typeof ref === 'string' ? this.byRef.get(ref) : undefined;
  }

  /** The answer to an identical re-push of `bill`, as the scenario's `repeatPush` says. */
  repeatAnswer(bill: Bill): Answer {
    const how = this.scenario.repeatPush;
    if (how === 'sameAnswer') return bill.answer;
    if (typeof how === 'object') {
      const pick = how.refusals[this.repeats++ % how.refusals.length]!;
      const fill = (t: string) => t.replaceAll('{billNo}', bill.billNo);
      return typeof pick === 'string'
        ? error(bill.kind, fill(pick))
        : errors(bill.kind, [{ errorCode: fill(pick.errorCode), errorMsg: fill(pick.errorMsg) }]);
    }
    return errors(bill.kind, [
      { errorCode: '347', errorMsg: `Bill Number ${bill.billNo} already exists` },
    ]);
  }

  get failReason(): string {
    return this.scenario.fail.reason;
  }

  /** Answers in the real treasury's shapes, not the spec's tidy ones (scenario `shape`). */
  get referenceShape(): boolean {
    return this.scenario.shape === 'reference';
  }

  get failedWithoutBenfId(): boolean {
    return this.scenario.failedWithoutBenfId;
  }

  private get seed(): number {
    return this.scenario.seed;
  }

  declined(bill: Bill): boolean {
    if (bill.kind !== 'PI') return false;
    const { billNoPattern, every } = this.scenario.decline;
    return (
      (!!billNoPattern && new RegExp(billNoPattern).test(bill.billNo)) ||
      oneIn(this.seed, every, 'decline', bill.billNo)
    );
  }

  approvedAt(bill: Bill): number {
    return bill.acceptedAt + this.scenario.delays.approveAfterMs;
  }

  adviceAt(bill: Bill): number {
    return this.approvedAt(bill) + this.scenario.delays.adviceAfterMs;
  }

  paidAt(bill: Bill, b: Benf): number {
    const { every, extraMs } = this.scenario.holdBack;
    const held = oneIn(this.seed, every, 'hold', bill.billNo, b.benfId);
    return this.adviceAt(bill) + this.scenario.delays.paidAfterMs + (held ? extraMs : 0);
  }

  /** When this credit comes back failed, or null if it never does. */
  failedAt(bill: Bill, b: Benf): number | null {
    const { accountSuffixes, every } = this.scenario.fail;
    const fails =
      accountSuffixes.some((s) => b.accountNo.endsWith(s)) ||
      oneIn(this.seed, every, 'fail', b.accountNo);
    return fails ? this.paidAt(bill, b) + this.scenario.delays.failedAfterMs : null;
  }

  // The treasury's own numbers, stable for a bill.
  pmtInstId = (bill: Bill) => digits(this.seed, 12, 'pmt', bill.billNo);
  adviceId = (bill: Bill) => `ADV${digits(this.seed, 9, 'adv', bill.billNo)}`;
  refNo = (bill: Bill) => `OBR${digits(this.seed, 11, 'ref', bill.billNo)}`;
  tokenNumber = (bill: Bill) => digits(this.seed, 8, 'token', bill.billNo);
  voucherNo = (bill: Bill) => `VCH${digits(this.seed, 8, 'voucher', bill.billNo)}`;
  // The real treasury pays a bill's beneficiaries under one batch UTR (reference shape).
  utrNo = (bill: Bill, b: Benf) =>
    this.referenceShape
      ? `RBI${digits(this.seed, 9, 'utr', bill.billNo)}`
      : `SBIN${digits(this.seed, 12, 'utr', bill.billNo, b.benfId)}`;
  endToEndId = (bill: Bill, b: Benf) => `E2E${digits(this.seed, 14, 'e2e', bill.billNo, b.benfId)}`;
  challanNumber = (bill: Bill, b: Benf) =>
    `CHL${digits(this.seed, 9, 'challan', bill.billNo, b.benfId)}`;

  day = (ms: number) => indiaTime(ms).slice(0, 10);
  finYear = (bill: Bill) => financialYear(this.adviceAt(bill));
}

const IST_OFFSET_MS = 330 * 60_000;

// India has one fixed offset and no daylight saving, so the sandbox formats its many dates
// without luxon (shared/time's treasuryDate gives the same text, much slower).
export function indiaTime(ms: number): string {
  return new Date(ms + IST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
