// Step 1 of a push: check the payment may get a PI, take a bill number, debit a sanction
// and create the PI (Pending), all in one transaction.
import type { AppContext } from '../context';
import type { Conn } from '../../ledger/conn';
import { AppError, notFound, refused } from '../errors';
import { insertPi, type NewBeneficiary } from './pi-store';
import { nextBillNo } from '../payments/bill-no';
import { ADDRESS_MAX, NAME_MAX, PURPOSE_MAX, cleanText } from '../payments/clean';
import { rupees } from '../../../shared/money';
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

interface SanctionPick {
  id: number;
  hoa: string;
  ddoCode: string;
  granteeCode: string;
  schemeCode: string | null;
  ssuIaId: string;
  mstAllotmentDistId: string;
  available: number;
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
  if (latest && latest.status !== 'Failed' && latest.status !== 'Declined') {
    throw refused(
      `Payment ${payment.paymentNumber} already has payment instruction ${latest.billNo} (${latest.status}); a new one can be made only when that one has failed or been declined.`,
    );
  }
  const beneficiaries = await mergedBeneficiaries(tx, payment);
  const gross = beneficiaries.reduce((sum, b) => sum + b.amountPaise, 0);
  const sanction = await pickSanction(tx, payment, gross);
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

function notEnoughFunds(payment: PaymentRow, gross: number, rows: SanctionPick[]): AppError {
  const needs = `Not enough funds for payment ${payment.paymentNumber}: it needs Rs. ${rupees(gross)}`;
  const best = rows.reduce<SanctionPick | null>(
    (a, r) => (!a || r.available > a.available ? r : a),
    null,
  );
  const most = best
    ? ` (the most available is Rs. ${rupees(best.available)}, on sanction ${best.mstAllotmentDistId} of ${best.hoa})`
    : '';
  if (payment.hoa) {
    if (!best) return refused(`${needs} and head of account ${payment.hoa} has no sanction yet.`);
    return refused(
      `${needs} and head of account ${payment.hoa} lacks funds: none of its sanctions has that much available${most}.`,
    );
  }
  if (!best)
    return refused(`${needs} and no head of account of ${payment.tenantId} has a sanction yet.`);
  return refused(
    `${needs} and no head of account of ${payment.tenantId} has a sanction with that much available${most}.`,
  );
}

/**
 * A payment that names its head of account is paid only from that head's sanctions (a wages
 * bill is never charged to the material head); one that names none, from any head of the
 * tenant, in the heads' priority order. The first sanction that covers the gross pays.
 */
async function pickSanction(tx: Conn, payment: PaymentRow, gross: number): Promise<SanctionPick> {
  const rows = await tx.all<SanctionPick>(
    `SELECT s.id, s.hoa, s.ddo_code AS ddoCode, s.grantee_ag_code AS granteeCode, s.scheme_code AS schemeCode,
            s.ssu_ia_id AS ssuIaId, s.mst_allotment_dist_id AS mstAllotmentDistId, f.available_paise AS available
       FROM sanctions s JOIN funds_summary f ON f.sanction_id = s.id
      WHERE s.tenant_id = ?1 AND (?2 IS NULL OR s.hoa = ?2)
      ORDER BY (SELECT min(h.priority) FROM heads_of_account h WHERE h.hoa = s.hoa AND h.tenant_id = s.tenant_id),
               s.hoa, s.id`,
    [payment.tenantId, payment.hoa],
  );
  const pick = rows.find((r) => r.available >= gross);
  if (!pick) throw notEnoughFunds(payment, gross, rows);
  return pick;
}

/** One treasury beneficiary per account + IFSC: lines paying the same account are summed. */
async function mergedBeneficiaries(tx: Conn, payment: PaymentRow): Promise<NewBeneficiary[]> {
  const lines = await tx.all<{
    id: number;
    benefId: string;
    name: string;
    accountNo: string;
    ifsc: string;
    mobile: string | null;
    email: string | null;
    address: string | null;
    accountType: string | null;
    amountPaise: number;
  }>(
    `SELECT id, benef_id AS benefId, name, account_no AS accountNo, ifsc, mobile, email, address,
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
        `Beneficiary ${l.benefId} of payment ${payment.paymentNumber} has no name the treasury accepts.`,
      );
    merged.set(key, {
      benfId: l.benefId,
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
