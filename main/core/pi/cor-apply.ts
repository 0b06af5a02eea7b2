// Applying a COR answer (and a crash's unanswered COR) to the ledger: the revised PI is
// created Initiated on OK, or kept Pending when the treasury may have it: then it is sent
// again under the same number (cor-resend.ts) until a clean answer, and a refusal holds it
// for FTPS (held.ts). The attempt kept in settings is done with once its revised PI exists.
import type { Conn } from '../../ledger/conn';
import type { CallResult } from '../../jit/types';
import type { CorParams } from '../../jit/services';
import { insertPi, type BankLine } from './pi-store';
import { Mismatch } from '../reconcile/poller';
import { hold, sentUncertain } from './held';

/** A COR about to be sent, or sent without an answer applied yet: kept under its parent PI. */
export interface Attempt {
  billNo: string;
  billDate: string;
  picks: string;
  params: CorParams;
  beneficiaries: Array<{ id: number; accountNo: string; ifsc: string }>;
}

export const attemptKey = (parentPiId: number) => `cor.unanswered.${parentPiId}`;

/**
 * Apply the COR answer: OK creates the revised PI (Initiated); a clean refusal of a revision
 * never sent before clears the attempt; anything else keeps it Pending (held on a refusal).
 * Returns the revised PI, or null.
 */
export async function applyCorResult(
  tx: Conn,
  parentPiId: number,
  attempt: Attempt,
  result: CallResult,
  at: number,
  callId: number,
): Promise<{ id: number; pending: boolean } | null> {
  const refused = result.outcome === 'ERROR' && !!result.refused;
  if (refused && !(await sentUncertain(tx, { piId: null, billNo: attempt.billNo }, callId))) {
    await tx.run('DELETE FROM settings WHERE key = ?', [attemptKey(parentPiId)]);
    return null;
  }
  if (result.outcome !== 'OK')
    return keepCor(tx, parentPiId, attempt, result.message, callId, at, refused);
  const data = result.data as { jitCorBillNo?: string } | undefined;
  if (data?.jitCorBillNo !== undefined && String(data.jitCorBillNo) !== attempt.billNo) {
    throw new Mismatch(
      `Response is for revised PI ${String(data.jitCorBillNo)}, not ${attempt.billNo}`,
    );
  }
  const existing = await tx.get<{ id: number }>('SELECT id FROM pis WHERE bill_no = ?', [
    attempt.billNo,
  ]);
  if (existing) return { id: existing.id, pending: false };
  return { id: await insertRevisedPi(tx, parentPiId, attempt, 'Initiated', at), pending: false };
}

/**
 * The revision may be at the treasury: keep it as a Pending revised PI under its number, sent
 * again until a clean answer; held for FTPS at once when this answer was a refusal.
 */
export async function keepCor(
  tx: Conn,
  parentPiId: number,
  attempt: Attempt,
  message: string,
  callId: number | null,
  at: number,
  refused: boolean,
): Promise<{ id: number; pending: true }> {
  const existing = await tx.get<{ id: number }>('SELECT id FROM pis WHERE bill_no = ?', [
    attempt.billNo,
  ]);
  const id = existing?.id ?? (await insertRevisedPi(tx, parentPiId, attempt, 'Pending', at));
  if (refused)
    await hold(
      tx,
      id,
      at,
      `an earlier send got no clean answer and this one was refused (${message})`,
      callId,
    );
  return { id, pending: true };
}

/**
 * Start-up after a crash: a revision whose call was in flight may be at the treasury. Keep
 * it Pending (before closeInterrupted clears the in-flight mark): it is sent again as it was.
 */
export async function keepInterruptedCors(tx: Conn, at: number): Promise<number> {
  const calls = await tx.all<{ id: number; parentId: number; billNo: string }>(
    `SELECT id, pi_id AS parentId, call_key AS billNo FROM treasury_calls
      WHERE in_flight = 1 AND service = 'COR' AND pi_id IS NOT NULL`,
  );
  let kept = 0;
  for (const call of calls) {
    const row = await tx.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
      attemptKey(call.parentId),
    ]);
    const attempt = row ? (JSON.parse(row.value) as Attempt) : null;
    if (!attempt || attempt.billNo !== call.billNo) continue;
    const message = 'the console stopped before its answer was applied';
    const { id } = await keepCor(tx, call.parentId, attempt, message, null, at, false);
    await tx.run('UPDATE treasury_calls SET pi_id = ? WHERE id = ?', [id, call.id]);
    kept++;
  }
  return kept;
}

/** The revised PI row for an attempt; the attempt is done with once it exists. */
async function insertRevisedPi(
  tx: Conn,
  parentPiId: number,
  attempt: Attempt,
  status: 'Initiated' | 'Pending',
  at: number,
): Promise<number> {
  const parent = await tx.get<{
    paymentId: number | null;
    sanctionId: number | null;
    hoa: string;
    ddoCode: string;
    granteeCode: string;
    ssuIaId: string;
    schemeCode: string | null;
    mstAllotmentDistId: string | null;
    ssuAllotmentId: string | null;
    allotmentTxnSlNo: string | null;
    purpose: string;
  }>(
    `SELECT payment_id AS paymentId, sanction_id AS sanctionId, hoa, ddo_code AS ddoCode, grantee_code AS granteeCode,
            ssu_ia_id AS ssuIaId, scheme_code AS schemeCode, mst_allotment_dist_id AS mstAllotmentDistId,
            ssu_allotment_id AS ssuAllotmentId, allotment_txn_sl_no AS allotmentTxnSlNo, purpose
       FROM pis WHERE id = ?`,
    [parentPiId],
  );
  const olds = await tx.all<BankLine & { id: number }>(
    `SELECT id, benf_id AS benfId, name, account_no AS accountNo, ifsc, mobile, email, address, account_type AS accountType,
            amount_paise AS amountPaise
       FROM beneficiaries WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    [JSON.stringify(attempt.beneficiaries.map((b) => b.id))],
  );
  const corrected = new Map(attempt.beneficiaries.map((b) => [b.id, b]));
  const gross = olds.reduce((s, b) => s + b.amountPaise, 0);
  const corId = await insertPi(
    tx,
    {
      ...parent!,
      kind: 'COR',
      billNo: attempt.billNo,
      billDate: attempt.billDate,
      parentPiId,
      grossPaise: gross,
      netPaise: gross,
      status,
      beneficiaries: olds.map((b) => ({
        benfId: b.benfId,
        name: b.name,
        accountNo: corrected.get(b.id)!.accountNo,
        ifsc: corrected.get(b.id)!.ifsc,
        mobile: b.mobile,
        email: b.email,
        address: b.address,
        accountType: b.accountType,
        amountPaise: b.amountPaise,
        status: status === 'Initiated' ? 'Payment Initiated' : 'Payment Pending',
        parentBeneficiaryId: b.id,
        orgAccountNo: b.accountNo,
        orgIfsc: b.ifsc,
      })),
    },
    at,
  );
  await tx.run('DELETE FROM settings WHERE key = ?', [attemptKey(parentPiId)]);
  return corId;
}
