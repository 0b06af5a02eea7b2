// The status services. Before the treasury knows something it answers with an errorMsg
// (as JIT does: "not yet" is an answer, not silence), so the console shows why and does not
// hammer it with No Response retries. FD/FTFPS with nothing failed answer benfDtls: [] (in the
// reference shape, data: [] as the real treasury does; see scenario `shape`).
import { rupees } from '../../shared/money';
import type { Service } from '../../shared/status';
import type { Bill, BillBook } from './bills';
import { error, ok, type Answer } from './envelope';

type Params = Record<string, unknown>;

export function pis(book: BillBook, p: Params, now: number, ssuName: string): Answer {
  const bill = book.get(p.jitBillNo);
  if (!bill || bill.kind !== 'PI')
    return error('PIS', `No data found for Bill Number ${String(p.jitBillNo)}`);
  if (book.approvedAt(bill) > now)
    return error('PIS', `Bill Number ${bill.billNo} is pending for approval at SSU`);
  if (book.declined(bill))
    return error('PIS', `This Bill Number ${bill.billNo} is rejected by SSU ${ssuName}`);
  return ok('PIS', [
    {
      pmtInstId: book.pmtInstId(bill),
      payInstDate: book.day(book.approvedAt(bill)),
      jitBillNumber: bill.billNo,
      jitBillDate: bill.billDate,
      billNetAmount: rupees(bill.netPaise),
      billGrossAmount: rupees(bill.grossPaise),
      totalNumberOfBeneficiary: bill.benfs.length,
      schemeCode: bill.schemeCode,
      ssuIaId: bill.ssuIaId,
    },
  ]);
}

export function pag(book: BillBook, p: Params, now: number, ssuName: string): Answer {
  const bill = book.get(p.billNo);
  if (!bill || bill.kind !== 'PI')
    return error('PAG', `No data found for Bill Number ${String(p.billNo)}`);
  if (book.approvedAt(bill) <= now && book.declined(bill)) {
    return error('PAG', `This Bill Number ${bill.billNo} is rejected by SSU ${ssuName}`);
  }
  if (book.approvedAt(bill) > now || p.pmtInstId !== book.pmtInstId(bill)) {
    return error(
      'PAG',
      `No payment instruction ${String(p.pmtInstId)} found for Bill Number ${bill.billNo}`,
    );
  }
  if (book.adviceAt(bill) > now)
    return error('PAG', `Payment advice is not yet generated for Bill Number ${bill.billNo}`);
  return ok('PAG', [
    {
      billNo: bill.billNo,
      ssuIaId: bill.ssuIaId,
      finYear: book.finYear(bill),
      adviceId: book.adviceId(bill),
      adviceDate: book.day(book.adviceAt(bill)),
      onlineBillRefNo: book.refNo(bill),
      tokenNumber: book.tokenNumber(bill),
      tokenDate: book.day(book.adviceAt(bill)),
      benfList: bill.benfs.map((b) => ({
        benfName: b.name,
        benfAccountNo: b.accountNo,
        benfBankIfscCode: b.ifsc,
        amount: book.referenceShape ? wholeRupees(b.amountPaise) : rupees(b.amountPaise),
        benfId: b.benfId,
      })),
    },
  ]);
}

export function pd(book: BillBook, p: Params, now: number): Answer {
  const bill = book.byBillRef(p.billRefNo);
  if (!bill || bill.kind !== 'PI' || book.adviceAt(bill) > now) {
    return error('PD', `No data found for bill reference number ${String(p.billRefNo)}`);
  }
  return paid('PD', book, bill, now, {});
}

export function ftps(book: BillBook, p: Params, now: number): Answer {
  const bill = book.get(p.jitCorBillNo);
  if (!bill || bill.kind !== 'COR')
    return error('FTPS', `No data found for Bill Number ${String(p.jitCorBillNo)}`);
  if (p.jitOrgBillRefNo !== bill.orgBillRefNo || p.jitOrgBillNo !== bill.orgBillNo) {
    return error('FTPS', `Original bill details do not match Bill Number ${bill.billNo}`);
  }
  const answer = paid('FTPS', book, bill, now, {
    jitCorBillNo: bill.billNo,
    jitCorBillDate: bill.billDate,
    jitOrgBillRefNo: bill.orgBillRefNo,
  });
  // The real FTPS answer is keyed by jitCorBillNo alone.
  if (book.referenceShape) for (const item of answer.data) omit(item, 'billNumber', 'billDate');
  return answer;
}

export function fd(book: BillBook, p: Params, now: number): Answer {
  const bill = book.get(p.billno);
  if (!bill || bill.kind !== 'PI')
    return error('FD', `No data found for Bill Number ${String(p.billno)}`);
  if (book.adviceAt(bill) > now || p.onlineBillRefNo !== book.refNo(bill)) {
    return error(
      'FD',
      `No payment advice ${String(p.onlineBillRefNo)} found for Bill Number ${bill.billNo}`,
    );
  }
  if (!book.referenceShape) return failed('FD', book, bill, now, {});
  if (!bill.benfs.some((b) => book.paidAt(bill, b) <= now)) {
    return error('FD', `Payment is not yet processed for Bill Number ${bill.billNo}`);
  }
  // The real FD answers for several bills at once: the asked one, then every other bill with
  // failed credits by now, one item each; `data: []` when nothing failed.
  const others = [...book.bills.values()].filter((b) => b.kind === 'PI' && b !== bill);
  const items = [bill, ...others].flatMap((b) => failedItems(book, b, now, {}));
  return ok('FD', items);
}

export function ftfps(book: BillBook, p: Params, now: number): Answer {
  const bill = book.get(p.jitCorBillNo);
  if (!bill || bill.kind !== 'COR')
    return error('FTFPS', `No data found for Bill Number ${String(p.jitCorBillNo)}`);
  if (book.adviceAt(bill) > now || p.billRefNo !== book.refNo(bill)) {
    return error('FTFPS', `No data found for bill reference number ${String(p.billRefNo)}`);
  }
  const extra = { jitCorBillNo: bill.billNo, jitCorBillDate: bill.billDate };
  if (!book.referenceShape) return failed('FTFPS', book, bill, now, extra);
  if (!bill.benfs.some((b) => book.paidAt(bill, b) <= now)) {
    return error('FTFPS', `Payment is not yet processed for Bill Number ${bill.billNo}`);
  }
  const items = failedItems(book, bill, now, extra);
  for (const item of items) omit(item, 'billNumber', 'billDate', 'voucherNo', 'voucherDate');
  return { ...ok('FTFPS', items), serviceId: ' FTFPS' };
}

function head(book: BillBook, bill: Bill) {
  return {
    billNumber: bill.billNo,
    billDate: bill.billDate,
    voucherNo: book.voucherNo(bill),
    voucherDate: book.day(book.adviceAt(bill)),
    billRefNo: book.refNo(bill),
    tokenNumber: book.tokenNumber(bill),
    tokenDate: book.day(book.adviceAt(bill)),
  };
}

function paid(service: Service, book: BillBook, bill: Bill, now: number, extra: Params): Answer {
  const done = bill.benfs.filter((b) => book.paidAt(bill, b) <= now);
  if (done.length === 0)
    return error(service, `Payment is not yet processed for Bill Number ${bill.billNo}`);
  return ok(service, [
    {
      ...head(book, bill),
      paymentStatus: done.length === bill.benfs.length ? 'Paid' : 'Partially Paid',
      benfDtls: done.map((b) => ({
        benfAcctNo: b.accountNo,
        benfBankIfscCode: b.ifsc,
        utrNo: book.utrNo(bill, b),
        utrDate: book.day(book.paidAt(bill, b)),
        endToEndId: book.endToEndId(bill, b),
        benfId: b.benfId,
      })),
      ...extra,
    },
  ]);
}

function failed(service: Service, book: BillBook, bill: Bill, now: number, extra: Params): Answer {
  if (!bill.benfs.some((b) => book.paidAt(bill, b) <= now)) {
    return error(service, `Payment is not yet processed for Bill Number ${bill.billNo}`);
  }
  return ok(service, [{ ...head(book, bill), benfDtls: failedBenfs(book, bill, now), ...extra }]);
}

/** The reference shape's item for one bill: none when nothing of it failed by now. */
function failedItems(book: BillBook, bill: Bill, now: number, extra: Params): Params[] {
  const benfDtls = failedBenfs(book, bill, now);
  return benfDtls.length ? [{ ...head(book, bill), benfDtls, ...extra }] : [];
}

function failedBenfs(book: BillBook, bill: Bill, now: number): Params[] {
  const gone = bill.benfs.filter((b) => {
    const at = book.failedAt(bill, b);
    return at !== null && at <= now;
  });
  return gone.map((b) => ({
    benfAcctNo: b.accountNo,
    benfBankIfscCode: b.ifsc,
    utrNo: book.utrNo(bill, b),
    utrDate: book.day(book.paidAt(bill, b)),
    endToEndId: book.endToEndId(bill, b),
    orgBillRefNumber: bill.orgBillRefNo ?? book.refNo(bill),
    challanNumber: book.challanNumber(bill, b),
    challanDate: book.day(book.failedAt(bill, b)!),
    // The real treasury pads its reasons (" Account does not exist").
    failedReason: book.referenceShape ? ` ${book.failReason}` : book.failReason,
    ...(!book.failedWithoutBenfId && { benfId: b.benfId }),
  }));
}

function omit(item: Params, ...keys: string[]): void {
  for (const k of keys) delete item[k];
}

/** "250" for 250.00, as the real PAG writes whole amounts; "250.50" otherwise. */
function wholeRupees(paise: number): string {
  return paise % 100 === 0 ? String(paise / 100) : rupees(paise);
}
