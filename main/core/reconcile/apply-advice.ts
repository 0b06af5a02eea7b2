// PAG: a payment advice for an Approved PI. Keeps advice, bill ref and token (PD, FD and COR
// need them); the PI goes In Process and every beneficiary Payment In Process. One answer at
// a time (applyAdvice) or the answers of many PIs in a handful of statements (applyAdviceMany),
// with the same rules.
import type { Conn } from '../../ledger/conn';
import { setBeneficiaryStatus, setPiStatus } from '../pi/history';
import {
  beneficiariesOf,
  beneficiariesOfMany,
  expectBill,
  matchAll,
  type LedgerBeneficiary,
} from './beneficiaries';
import { Mismatch, type ApplyContext } from './poller';
import { elementsOf, type StagedWrite } from '../../ledger/staged';

export interface AdviceData {
  billNo?: string;
  finYear: string;
  adviceId: string;
  adviceDate: string;
  onlineBillRefNo: string;
  tokenNumber: string;
  tokenDate: string;
  benfList: Array<{ benfId: string; amount: number }>;
}

export interface AdviceAnswer {
  piId: number;
  billNo: string;
  data: AdviceData;
  ctx: ApplyContext;
}

const REASON = 'payment advice generated';

/** Throws Mismatch unless the advice covers the whole PI: each beneficiary, its own amount. */
function checkAdvice(known: Map<string, LedgerBeneficiary>, data: AdviceData, billNo: string) {
  expectBill(data.billNo, billNo, 'billNo');
  if (data.benfList.length !== known.size) {
    throw new Mismatch(
      `Advice lists ${data.benfList.length} beneficiaries; ${billNo} has ${known.size}`,
    );
  }
  for (const m of matchAll(known, data.benfList, billNo)) {
    if (m.amount !== m.row.amountPaise) {
      throw new Mismatch(
        `Advice pays beneficiary ${m.benfId} ${m.amount} paise, the PI says ${m.row.amountPaise}`,
      );
    }
  }
}

export async function applyAdvice(tx: Conn, a: AdviceAnswer): Promise<void> {
  const { piId, data, ctx } = a;
  checkAdvice(await beneficiariesOf(tx, piId), data, a.billNo);
  await tx.run(
    `INSERT INTO payment_advice (pi_id, advice_id, advice_date, online_bill_ref_no, token_number, token_date, fin_year, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (pi_id) DO NOTHING`,
    [
      piId,
      data.adviceId,
      data.adviceDate,
      data.onlineBillRefNo,
      data.tokenNumber,
      data.tokenDate,
      data.finYear,
      ctx.at,
    ],
  );
  await tx.run('UPDATE pis SET fin_year = ? WHERE id = ?', [data.finYear, piId]);
  await setPiStatus(tx, piId, 'In Process', ctx.at, REASON, ctx.callId);
  await setBeneficiaryStatus(tx, piId, 'all', 'Payment In Process', ctx.at, REASON, ctx.callId);
}

/**
 * applyAdvice for the answers of many PIs at once. The caller leaves out PIs whose changes a
 * disbursement's sender must hear of (they go through applyAdvice). Per answer: null when it
 * applies, or the Mismatch that refuses it (nothing of it written); the writes are returned,
 * for the caller to make in the same exec as the batch's call rows.
 */
export async function applyAdviceMany(
  tx: Conn,
  answers: AdviceAnswer[],
): Promise<{ refused: Array<Mismatch | null>; write: StagedWrite }> {
  const known = await beneficiariesOfMany(
    tx,
    answers.map((a) => a.piId),
  );
  const rows: Array<Record<string, unknown>> = [];
  const out = answers.map((a) => {
    try {
      checkAdvice(known.get(a.piId) ?? new Map(), a.data, a.billNo);
    } catch (err) {
      if (err instanceof Mismatch) return err;
      throw err;
    }
    const { data, ctx } = a;
    rows.push({
      id: a.piId,
      adviceId: data.adviceId,
      adviceDate: data.adviceDate,
      billRefNo: data.onlineBillRefNo,
      tokenNumber: data.tokenNumber,
      tokenDate: data.tokenDate,
      finYear: data.finYear,
      callId: ctx.callId,
      at: ctx.at,
    });
    return null;
  });
  return { refused: out, write: { docs: { advice: JSON.stringify(rows) }, sql: ADVICE_WRITES } };
}

/** applyAdviceMany's writes, from the staged `advice` (one element per answer), in one exec. */
const ADVICE_WRITES = `
INSERT INTO payment_advice (pi_id, advice_id, advice_date, online_bill_ref_no, token_number, token_date, fin_year, received_at)
SELECT j.value ->> 'id', j.value ->> 'adviceId', j.value ->> 'adviceDate', j.value ->> 'billRefNo',
       j.value ->> 'tokenNumber', j.value ->> 'tokenDate', j.value ->> 'finYear', j.value ->> 'at'
  FROM ${elementsOf('advice')} j WHERE true
ON CONFLICT (pi_id) DO NOTHING;
-- setPiStatus for each: a history row and the move, only where the status changes.
INSERT INTO status_history (pi_id, from_status, to_status, reason, call_id, at)
SELECT pis.id, pis.status, 'In Process', '${REASON}', j.value ->> 'callId', j.value ->> 'at'
  FROM ${elementsOf('advice')} j JOIN pis ON pis.id = j.value ->> 'id'
 WHERE pis.status <> 'In Process';
UPDATE pis SET fin_year = j.value ->> 'finYear',
       status = 'In Process', updated_at = CASE WHEN pis.status <> 'In Process' THEN j.value ->> 'at' ELSE updated_at END
  FROM ${elementsOf('advice')} j
 WHERE pis.id = j.value ->> 'id';
-- setBeneficiaryStatus(…, 'all', …) for each: history rows first, from the status they leave.
INSERT INTO status_history (pi_id, beneficiary_id, from_status, to_status, reason, call_id, at)
SELECT b.pi_id, b.id, b.status, 'Payment In Process', '${REASON}', j.value ->> 'callId', j.value ->> 'at'
  FROM ${elementsOf('advice')} j JOIN beneficiaries b ON b.pi_id = j.value ->> 'id'
 WHERE b.status <> 'Payment In Process';
UPDATE beneficiaries SET status = 'Payment In Process', updated_at = j.value ->> 'at'
  FROM ${elementsOf('advice')} j
 WHERE beneficiaries.pi_id = j.value ->> 'id' AND beneficiaries.status <> 'Payment In Process';
`;
