// PI and COR: the two pushes. Validated like the treasury does (codes in errorMsgs), accepted
// idempotently: the same number with the same content gets the same answer again.
import { parseTreasuryDate } from '../../shared/time';
import { toPaise } from '../../shared/money';
import type { Bill, BillBook, Benf } from './bills';
import { error, errors, ok, type Answer, type WireError } from './envelope';

const IFSC = /^[A-Z]{4}0[A-Z0-9]{6}$/;
type Params = Record<string, unknown>;

export function pushPi(book: BillBook, p: Params, now: number): Answer {
  const problems: WireError[] = [];
  const need = (field: string) => {
    const v = p[field];
    if (v === undefined || v === null || v === '')
      problems.push(code('301', `${field} is mandatory`));
  };
  for (const f of ['jitBillNo', 'jitBillDate', 'jitBillDdoCode', 'hoa', 'ssuIaId', 'schemeCode'])
    need(f);
  for (const f of ['billGrossAmount', 'billNetAmount', 'billNumberOfBenf', 'beneficiaryDetails'])
    need(f);
  if (problems.length) return errors('PI', problems);

  const billNo = String(p.jitBillNo);
  const content = stableJson(p);
  const known = book.get(billNo);
  if (known) {
    if (known.content === content) return book.repeatAnswer(known);
    return errors('PI', [
      code('346', `Bill Number ${billNo} already exists with different details`),
    ]);
  }
  if (!isDate(p.jitBillDate))
    problems.push(code('302', `Invalid jitBillDate ${String(p.jitBillDate)}`));
  const gross = paise(p.billGrossAmount);
  const net = paise(p.billNetAmount);
  if (gross === null) problems.push(code('341', 'Invalid billGrossAmount'));
  if (net === null) problems.push(code('341', 'Invalid billNetAmount'));
  const list = Array.isArray(p.beneficiaryDetails) ? (p.beneficiaryDetails as Params[]) : [];
  const benfs: Benf[] = [];
  const seen = new Set<string>();
  for (const [i, d] of list.entries()) {
    const benfId = typeof d?.benefId === 'string' ? d.benefId : '';
    const amount = paise(d?.benfAmount);
    if (!benfId) problems.push(code('301', `benefId is mandatory for beneficiary ${i + 1}`));
    else if (seen.has(benfId)) problems.push(code('345', `Duplicate BenefId ${benfId}`));
    seen.add(benfId);
    if (typeof d?.benfAcctNo !== 'string' || !/^\d{6,20}$/.test(d.benfAcctNo)) {
      problems.push(
        code('339', `Wrong account number provided in Beneficiary Details for BenefId ${benfId}`),
      );
    }
    if (typeof d?.benfBankIfscCode !== 'string' || !IFSC.test(d.benfBankIfscCode)) {
      problems.push(
        code('340', `Wrong IFSC provided in Beneficiary Details for BenefId ${benfId}`),
      );
    }
    if (amount === null || amount <= 0) {
      problems.push(code('341', `Invalid benfAmount in Beneficiary Details for BenefId ${benfId}`));
    }
    benfs.push({
      benfId,
      name: String(d?.benefName ?? ''),
      accountNo: String(d?.benfAcctNo ?? ''),
      ifsc: String(d?.benfBankIfscCode ?? ''),
      amountPaise: amount ?? 0,
    });
  }
  if (list.length === 0) problems.push(code('301', 'beneficiaryDetails is mandatory'));
  if (Number(p.billNumberOfBenf) !== list.length) {
    problems.push(
      code(
        '343',
        `Number of beneficiaries ${list.length} does not match billNumberOfBenf ${String(p.billNumberOfBenf)}`,
      ),
    );
  }
  const sum = benfs.reduce((s, b) => s + b.amountPaise, 0);
  if (net !== null && sum !== net) {
    problems.push(code('342', 'Sum of beneficiary amounts does not match billNetAmount'));
  }
  if (gross !== null && net !== null && net > gross) {
    problems.push(code('344', 'billNetAmount is more than billGrossAmount'));
  }
  if (problems.length) return errors('PI', problems);

  const answer = ok('PI', [
    {
      jitBillNo: billNo,
      jitBillDate: String(p.jitBillDate),
      ssuIaId: String(p.ssuIaId),
      successCode: '0',
      sucessDescrp: 'Payment Instruction received successfully',
    },
  ]);
  const bill: Bill = {
    kind: 'PI',
    billNo,
    billDate: String(p.jitBillDate),
    ssuIaId: String(p.ssuIaId),
    schemeCode: String(p.schemeCode),
    grossPaise: gross!,
    netPaise: net!,
    benfs,
    acceptedAt: now,
    content,
    answer,
  };
  book.add(bill);
  return answer;
}

export function pushCor(book: BillBook, p: Params, now: number): Answer {
  for (const f of [
    'jitCorBillNo',
    'jitCorBillDate',
    'jitOrgBillNo',
    'jitOrgBillRefNo',
    'beneficiaryDtls',
  ]) {
    if (p[f] === undefined || p[f] === null || p[f] === '')
      return errors('COR', [code('301', `${f} is mandatory`)]);
  }
  const corNo = String(p.jitCorBillNo);
  const content = stableJson(p);
  const known = book.get(corNo);
  if (known) {
    if (known.content === content) return book.repeatAnswer(known);
    return errors('COR', [
      code('346', `Bill Number ${corNo} already exists with different details`),
    ]);
  }
  const org = book.get(p.jitOrgBillNo);
  if (!org || org.kind !== 'PI')
    return error('COR', `No data found for original Bill Number ${String(p.jitOrgBillNo)}`);
  if (book.refNo(org) !== p.jitOrgBillRefNo || book.adviceAt(org) > now) {
    return error(
      'COR',
      `Invalid jitOrgBillRefNo ${String(p.jitOrgBillRefNo)} for Bill Number ${org.billNo}`,
    );
  }
  if (!isDate(p.jitCorBillDate))
    return errors('COR', [code('302', `Invalid jitCorBillDate ${String(p.jitCorBillDate)}`)]);
  const list = Array.isArray(p.beneficiaryDtls) ? (p.beneficiaryDtls as Params[]) : [];
  if (list.length === 0) return errors('COR', [code('301', 'beneficiaryDtls is mandatory')]);
  const problems: WireError[] = [];
  const benfs: Benf[] = [];
  for (const d of list) {
    const benfId = String(d?.benefId ?? '');
    const cur = book.byBillRef(d?.jitCurBillRefNo);
    const failed = cur?.benfs.find((b) => b.benfId === benfId);
    const failedAt = cur && failed ? book.failedAt(cur, failed) : null;
    if (!cur || !failed || failedAt === null || failedAt > now) {
      problems.push(
        code(
          '350',
          `BenefId ${benfId} has no failed payment under bill reference ${String(d?.jitCurBillRefNo)}`,
        ),
      );
      continue;
    }
    if (book.revisions.has(`${book.refNo(cur)}|${benfId}`)) {
      problems.push(code('351', `BenefId ${benfId} is already revised`));
      continue;
    }
    if (typeof d.correctedIfsc !== 'string' || !IFSC.test(d.correctedIfsc)) {
      problems.push(
        code('340', `Wrong IFSC provided in Beneficiary Details for BenefId ${benfId}`),
      );
    }
    if (typeof d.correctedAccountNo !== 'string' || !/^\d{6,20}$/.test(d.correctedAccountNo)) {
      problems.push(
        code('339', `Wrong account number provided in Beneficiary Details for BenefId ${benfId}`),
      );
    }
    benfs.push({
      ...failed,
      accountNo: String(d.correctedAccountNo),
      ifsc: String(d.correctedIfsc),
    });
  }
  if (problems.length) return errors('COR', problems);

  const answer = ok('COR', [
    {
      jitCorBillNo: corNo,
      jitCorBillDate: String(p.jitCorBillDate),
      successCode: '0',
      sucessDescrp: 'Revised Payment Instruction received successfully',
    },
  ]);
  const net = benfs.reduce((s, b) => s + b.amountPaise, 0);
  const bill: Bill = {
    kind: 'COR',
    billNo: corNo,
    billDate: String(p.jitCorBillDate),
    ssuIaId: org.ssuIaId,
    schemeCode: org.schemeCode,
    grossPaise: net,
    netPaise: net,
    benfs,
    acceptedAt: now,
    content,
    answer,
    orgBillNo: org.billNo,
    orgBillRefNo: String(p.jitOrgBillRefNo),
  };
  book.add(bill);
  for (const d of list)
    book.revisions.set(`${String(d.jitCurBillRefNo)}|${String(d.benefId)}`, corNo);
  return answer;
}

function code(errorCode: string, errorMsg: string): WireError {
  return { errorCode, errorMsg };
}

function paise(v: unknown): number | null {
  try {
    return toPaise(v);
  } catch {
    return null;
  }
}

function isDate(v: unknown): boolean {
  try {
    parseTreasuryDate(v);
    return true;
  } catch {
    return false;
  }
}

/** JSON with sorted keys, so the same content compares equal whatever the key order. */
export function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : value,
  );
}
