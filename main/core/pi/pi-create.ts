// Step 1 of a push: check the payment may get a PI, take a bill number, debit a sanction
// and create the PI (Pending), all in one transaction.
import type { AppContext } from '../context';
import type { Conn } from '../../ledger/conn';
import { AppError, notFound, refused } from '../errors';
import { insertPi, type BankLine, type NewBeneficiary } from './pi-store';
import { nextBillNo } from '../payments/bill-no';
import { ADDRESS_MAX, NAME_MAX, PURPOSE_MAX, cleanText } from '../payments/clean';
import { notEnoughFunds, pickSanction, sanctionsInPickOrder } from '../funds/pick';
import { treasuryDate } from '../../../shared/time';
import type { PiStatus } from '../../../shared/status';
import { requireSetupForPush } from '../settings/status';
import type { TreasuryLink } from '../settings/link';

interface PaymentRow {
  id: number;
  paymentNumber: string;
  tenantId: string;
  /** NULL: the payment names no head (a disbursement from the program service). */
  hoa: string | null;
  purpose: string;
  grossPaise: number;
}

/** Step 1: debit and PI in one transaction; the write queue makes racing pushes take turns. */
export function createPi(
  app: AppContext,
  paymentId: number,
): Promise<{ piId: number; billNo: string }> {
  return app.ledger.write((tx) => createPiIn(tx, paymentId, app.now(), app.link));
}

/** Step 1 inside the caller's transaction (the exchange creates a payment and its PI in one). */
export async function createPiIn(
  tx: Conn,
  paymentId: number,
  at: number,
  link: TreasuryLink | null = null,
): Promise<{ piId: number; billNo: string }> {
  const payment = await tx.get<PaymentRow>(
    `SELECT id, payment_number AS paymentNumber, tenant_id AS tenantId, hoa, purpose, gross_paise AS grossPaise
       FROM payments WHERE id = ?`,
    [paymentId],
  );
  if (!payment) throw notFound(`Payment ${paymentId}`);
  await requireSetupForPush(tx, link, payment);
  // Checked here, inside the transaction, not only on screen: two clicks must not make two PIs.
  const latest = await tx.get<{ billNo: string; status: PiStatus }>(
    `SELECT bill_no AS billNo, status FROM pis WHERE payment_id = ? AND kind = 'PI' ORDER BY id DESC LIMIT 1`,
    [paymentId],
  );
  const blocked = alreadyHasPi(payment.paymentNumber, latest);
  if (blocked) throw blocked;
  const beneficiaries = await mergedBeneficiaries(tx, payment);
  const gross = beneficiaries.reduce((sum, b) => sum + b.amountPaise, 0);
  const { pick: sanction, refusal } = pickSanction(
    payment,
    gross,
    await sanctionsInPickOrder(tx, payment),
  );
  if (!sanction) throw refusal;
  const allotment = await tx.get<{ ssuAllotmentId: string; slNo: string }>(
    `SELECT ssu_allotment_id AS ssuAllotmentId, allotment_txn_sl_no AS slNo FROM allotments
      WHERE sanction_id = ? AND applied_paise > 0 ORDER BY lower(txn_type) LIKE '%withdrawal%', id DESC LIMIT 1`,
    [sanction.id],
  );
  const billNo = await nextBillNo(tx, 'PI', payment.tenantId, at);
  const piId = await insertPi(
    tx,
    {
      kind: 'PI',
      billNo,
      billDate: treasuryDate(at),
      paymentId,
      sanctionId: sanction.id,
      hoa: sanction.hoa,
      ddoCode: sanction.ddoCode,
      granteeCode: sanction.granteeCode,
      ssuIaId: sanction.ssuIaId,
      schemeCode: sanction.schemeCode,
      mstAllotmentDistId: sanction.mstAllotmentDistId,
      ssuAllotmentId: allotment?.ssuAllotmentId ?? null,
      allotmentTxnSlNo: allotment?.slNo ?? null,
      purpose: cleanText(payment.purpose, PURPOSE_MAX),
      grossPaise: gross,
      netPaise: gross,
      status: 'Pending',
      beneficiaries,
    },
    at,
  );
  try {
    await tx.run(
      `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, note, at)
       VALUES (?, 'pi_debit', 0, ?, ?, ?, ?)`,
      [sanction.id, -gross, piId, billNo, at],
    );
  } catch (err) {
    // The CHECK (available >= 0) is the last guard; the queue should have made this unreachable.
    if (/CHECK constraint/i.test((err as Error).message))
      throw notEnoughFunds(payment, gross, [sanction]);
    throw err;
  }
  return { piId, billNo };
}

/** A payment gets a new PI only when it has none, or its latest failed or was declined. */
export function alreadyHasPi(
  paymentNumber: string,
  latest: { billNo: string; status: PiStatus } | undefined | null,
): AppError | null {
  if (!latest || latest.status === 'Failed' || latest.status === 'Declined') return null;
  return refused(
    `Payment ${paymentNumber} already has payment instruction ${latest.billNo} (${latest.status}); a new one can be made only when that one has failed or been declined.`,
  );
}

/** One treasury beneficiary per account + IFSC: lines paying the same account are summed. */
async function mergedBeneficiaries(tx: Conn, payment: PaymentRow): Promise<NewBeneficiary[]> {
  const lines = await tx.all<BankLine & { id: number }>(
    `SELECT id, benef_id AS benfId, name, account_no AS accountNo, ifsc, mobile, email, address,
            account_type AS accountType, amount_paise AS amountPaise
       FROM payment_beneficiaries WHERE payment_id = ? ORDER BY COALESCE(line_no, id), id`,
    [payment.id],
  );
  const merged = new Map<string, NewBeneficiary>();
  for (const l of lines) {
    const key = `${l.accountNo}|${l.ifsc}`;
    const seen = merged.get(key);
    if (seen) {
      seen.amountPaise += l.amountPaise;
      continue;
    }
    const name = cleanText(l.name, NAME_MAX);
    if (!name)
      throw refused(
        `Beneficiary ${l.benfId} of payment ${payment.paymentNumber} has no name the treasury accepts.`,
      );
    merged.set(key, {
      benfId: l.benfId,
      name,
      accountNo: l.accountNo,
      ifsc: l.ifsc,
      mobile: l.mobile,
      email: l.email,
      address: cleanText(l.address, ADDRESS_MAX) || null,
      accountType: l.accountType,
      amountPaise: l.amountPaise,
      status: 'Payment Pending',
      paymentBeneficiaryId: l.id,
    });
  }
  if (merged.size === 0) throw refused(`Payment ${payment.paymentNumber} has no beneficiaries.`);
  return [...merged.values()];
}
