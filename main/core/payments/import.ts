// Importing approved bills to pay. A file is taken whole or not at all: every problem is
// reported with its line, and nothing is written unless there are none. The ledger checks
// (known head of account, payment number not yet imported) run inside the same transaction
// as the inserts, so two imports of one file cannot both pass.
import type { AppContext } from '../context';
import type { Conn } from '../../ledger/conn';
import type { ImportError, ImportResult } from '../../../shared/types';
import { parseImport, type DraftPayment } from './parse';

export async function importPayments(
  app: AppContext,
  fileName: string,
  content: string,
): Promise<ImportResult> {
  const { payments, errors } = parseImport(fileName, content);
  errors.push(...duplicates(payments));
  return app.ledger.write(async (tx) => {
    errors.push(...(await ledgerErrors(tx, payments)));
    if (errors.length > 0 || payments.length === 0) {
      if (errors.length === 0)
        errors.push({ line: 1, field: null, message: 'the file has no payments', kind: 'file' });
      errors.sort((a, b) => a.line - b.line);
      return { accepted: false, imported: [], errors };
    }
    await insertAll(tx, payments, fileName, app.now());
    return { accepted: true, imported: payments.map((p) => p.paymentNumber), errors: [] };
  });
}

/** The same payment twice, or the same beneficiary twice in one payment. */
function duplicates(payments: DraftPayment[]): ImportError[] {
  const errors: ImportError[] = [];
  const seenPayment = new Map<string, number>();
  for (const p of payments) {
    const first = seenPayment.get(p.paymentNumber);
    if (first !== undefined) {
      errors.push({
        line: p.line,
        field: 'paymentNumber',
        message: `payment ${p.paymentNumber} appears twice (first on line ${first})`,
        kind: 'duplicate',
        value: p.paymentNumber,
      });
    } else seenPayment.set(p.paymentNumber, p.line);
    const seenBen = new Map<string, number>();
    for (const b of p.beneficiaries) {
      const at = seenBen.get(b.benefId);
      if (at !== undefined) {
        errors.push({
          line: b.line,
          field: 'benefId',
          message: `duplicate line: beneficiary ${b.benefId} of payment ${p.paymentNumber} is also on line ${at}`,
          kind: 'duplicate',
          value: b.benefId,
        });
      } else seenBen.set(b.benefId, b.line);
    }
  }
  return errors;
}

export async function ledgerErrors(tx: Conn, payments: DraftPayment[]): Promise<ImportError[]> {
  if (payments.length === 0) return [];
  const errors: ImportError[] = [];
  // A head may serve several DDOs, and so several tenants: tenant → its heads.
  const heads = new Map<string, Set<string>>();
  for (const h of await tx.all<{ hoa: string; tenantId: string }>(
    'SELECT DISTINCT hoa, tenant_id AS tenantId FROM heads_of_account',
  )) {
    heads.set(h.hoa, (heads.get(h.hoa) ?? new Set()).add(h.tenantId));
  }
  const taken = new Set(
    (
      await tx.all<{ n: string }>(
        'SELECT payment_number AS n FROM payments WHERE payment_number IN (SELECT value FROM json_each(?))',
        [JSON.stringify(payments.map((p) => p.paymentNumber))],
      )
    ).map((r) => r.n),
  );
  for (const p of payments) {
    const tenants = heads.get(p.hoa);
    if (tenants === undefined)
      errors.push({
        line: p.line,
        field: 'hoa',
        message: `unknown head of account ${p.hoa}`,
        kind: 'ledger',
        value: p.hoa,
      });
    else if (!tenants.has(p.tenantId)) {
      errors.push({
        line: p.line,
        field: 'hoa',
        message: `head of account ${p.hoa} belongs to ${[...tenants].join(', ')}, not ${p.tenantId}`,
        kind: 'ledger',
        value: p.tenantId,
      });
    }
    if (taken.has(p.paymentNumber)) {
      errors.push({
        line: p.line,
        field: 'paymentNumber',
        message: `payment ${p.paymentNumber} was already imported`,
        kind: 'ledger',
        value: p.paymentNumber,
      });
    }
  }
  return errors;
}

/** Two set-based statements, whatever the size of the file. */
export async function insertAll(
  tx: Conn,
  payments: DraftPayment[],
  fileName: string,
  at: number,
): Promise<void> {
  const rows = payments.map((p) => ({
    paymentNumber: p.paymentNumber,
    tenantId: p.tenantId,
    hoa: p.hoa,
    purpose: p.purpose,
    gross: p.beneficiaries.reduce((s, b) => s + b.amount, 0),
  }));
  await tx.run(
    `INSERT INTO payments (payment_number, tenant_id, hoa, purpose, gross_paise, net_paise, source_file, imported_at)
     SELECT j.value ->> 'paymentNumber', j.value ->> 'tenantId', j.value ->> 'hoa', j.value ->> 'purpose',
            j.value ->> 'gross', j.value ->> 'gross', ?, ? FROM json_each(?) j`,
    [fileName, at, JSON.stringify(rows)],
  );
  const lines = payments.flatMap((p) =>
    p.beneficiaries.map((b) => ({
      paymentNumber: p.paymentNumber,
      line: b.line,
      benefId: b.benefId,
      name: b.name,
      accountNo: b.accountNo,
      ifsc: b.ifsc,
      mobile: b.mobile,
      email: b.email,
      address: b.address,
      accountType: b.accountType,
      beneficiaryType: b.beneficiaryType,
      amount: b.amount,
    })),
  );
  await tx.run(
    `INSERT INTO payment_beneficiaries (payment_id, line_no, benef_id, name, account_no, ifsc, mobile, email, address,
                                        account_type, beneficiary_type, amount_paise)
     SELECT p.id, j.value ->> 'line', j.value ->> 'benefId', j.value ->> 'name', j.value ->> 'accountNo', j.value ->> 'ifsc',
            j.value ->> 'mobile', j.value ->> 'email', j.value ->> 'address', j.value ->> 'accountType',
            j.value ->> 'beneficiaryType', j.value ->> 'amount'
       FROM json_each(?) j JOIN payments p ON p.payment_number = j.value ->> 'paymentNumber'`,
    [JSON.stringify(lines)],
  );
}
