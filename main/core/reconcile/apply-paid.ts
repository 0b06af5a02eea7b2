// PD and FTPS: beneficiaries reported paid become Payment Successful (with voucher, UTR,
// end-to-end id) and get one SMS each; the PI completes once every beneficiary is paid.
// Beneficiaries missing from the answer stay In Process and the service keeps polling.
import type { Conn } from '../../ledger/conn';
import { setBeneficiaryStatus, setPiStatus } from '../pi/history';
import { queueSms } from '../../notify/outbox';
import {
  beneficiariesOf,
  beneficiariesOfMany,
  matchAll,
  type LedgerBeneficiary,
} from './beneficiaries';
import { smsBody } from '../../notify/templates';
import { Mismatch, type ApplyContext } from './poller';
import { elementsOf, type StagedWrite } from '../../ledger/staged';

export interface PaidDetails {
  voucherNo?: string | null;
  voucherDate?: string | null;
  benfDtls: Array<{
    benfId: string;
    utrNo: string;
    utrDate?: string | null;
    endToEndId?: string | null;
  }>;
}

export async function applyPaid(
  tx: Conn,
  piId: number,
  billNo: string,
  data: PaidDetails,
  ctx: ApplyContext,
): Promise<void> {
  const known = await beneficiariesOf(tx, piId);
  const fresh = paidNow(known, data, billNo);
  if (fresh.length > 0) {
    await tx.run(
      `UPDATE beneficiaries
          SET utr_no = j.value ->> 'utrNo', utr_date = j.value ->> 'utrDate', end_to_end_id = j.value ->> 'endToEndId',
              voucher_no = ?, voucher_date = ?
         FROM json_each(?) j
        WHERE beneficiaries.id = j.value ->> 'id'`,
      [
        data.voucherNo ?? null,
        data.voucherDate ?? null,
        JSON.stringify(
          fresh.map((m) => ({
            id: m.row.id,
            utrNo: m.utrNo,
            utrDate: m.utrDate ?? null,
            endToEndId: m.endToEndId ?? null,
          })),
        ),
      ],
    );
    await setBeneficiaryStatus(
      tx,
      piId,
      fresh.map((m) => m.row.id),
      'Payment Successful',
      ctx.at,
      'paid',
      ctx.callId,
    );
    await queueSms(
      tx,
      'PD',
      fresh.map((m) => ({
        beneficiaryId: m.row.id,
        mobile: m.row.mobile,
        amountPaise: m.row.amountPaise,
        utrNo: m.utrNo,
      })),
      ctx.callId,
      ctx.at,
    );
  }
  if (data.voucherNo) {
    await tx.run('UPDATE pis SET voucher_no = ?, voucher_date = ? WHERE id = ?', [
      data.voucherNo,
      data.voucherDate ?? null,
      piId,
    ]);
  }
  const open = await tx.get<{ n: number }>(
    `SELECT count(*) AS n FROM beneficiaries WHERE pi_id = ? AND status IN ('Payment Pending', 'Payment Initiated', 'Payment In Process')`,
    [piId],
  );
  if (open?.n === 0)
    await setPiStatus(tx, piId, 'Completed', ctx.at, 'every beneficiary paid', ctx.callId);
  else
    await setPiStatus(
      tx,
      piId,
      'In Process',
      ctx.at,
      `${open?.n} beneficiaries not yet paid`,
      ctx.callId,
    );
}

/**
 * The beneficiaries an answer pays now: those In Process or Initiated. Throws Mismatch for a
 * beneficiary the PI does not have, or one already paid with another UTR.
 */
function paidNow(known: Map<string, LedgerBeneficiary>, data: PaidDetails, billNo: string) {
  const matched = matchAll(known, data.benfDtls, billNo);
  for (const m of matched) {
    // One UTR may cover several beneficiaries (a batch); a second UTR for one already paid is
    // a second payment or a wrong answer: flagged, not applied.
    if (m.row.status === 'Payment Successful' && m.row.utrNo && m.row.utrNo !== m.utrNo)
      throw new Mismatch(
        `Response gives beneficiary ${m.benfId} UTR ${m.utrNo}, but it was already paid with UTR ${m.row.utrNo}`,
      );
  }
  // Already settled rows (paid earlier, or failed by FD since) are left exactly as they are.
  return matched.filter(
    (m) => m.row.status === 'Payment In Process' || m.row.status === 'Payment Initiated',
  );
}

const OPEN: ReadonlySet<string> = new Set([
  'Payment Pending',
  'Payment Initiated',
  'Payment In Process',
]);

export interface PaidAnswer {
  piId: number;
  billNo: string;
  data: PaidDetails;
  ctx: ApplyContext;
}

/**
 * applyPaid for the answers of many PIs In Process at once, with the same rules, in a handful
 * of statements for the lot. The caller leaves out PIs whose changes a disbursement's sender
 * must hear of (their hook runs per change: they go through applyPaid). Per answer: null when
 * it applies, or the Mismatch that refuses it (nothing of it written); the writes are
 * returned, for the caller to make in the same exec as the batch's call rows.
 */
export async function applyPaidMany(
  tx: Conn,
  answers: PaidAnswer[],
): Promise<{ refused: Array<Mismatch | null>; write: StagedWrite }> {
  const known = await beneficiariesOfMany(
    tx,
    answers.map((a) => a.piId),
  );
  const benfs: Array<Record<string, unknown>> = [];
  const pis: Array<Record<string, unknown>> = [];
  const out = answers.map((a) => {
    const rows = known.get(a.piId) ?? new Map<string, LedgerBeneficiary>();
    let fresh: ReturnType<typeof paidNow>;
    try {
      fresh = paidNow(rows, a.data, a.billNo);
    } catch (err) {
      if (err instanceof Mismatch) return err;
      throw err;
    }
    const { callId, at } = a.ctx;
    for (const m of fresh) {
      benfs.push({
        id: m.row.id,
        piId: a.piId,
        from: m.row.status,
        utrNo: m.utrNo,
        utrDate: m.utrDate ?? null,
        endToEndId: m.endToEndId ?? null,
        voucherNo: a.data.voucherNo ?? null,
        voucherDate: a.data.voucherDate ?? null,
        mobile: m.row.mobile,
        body: smsBody('PD', m.row.amountPaise, m.utrNo),
        callId,
        at,
      });
    }
    const open = [...rows.values()].filter((r) => OPEN.has(r.status)).length - fresh.length;
    pis.push({
      id: a.piId,
      // As applyPaid: the PI's voucher is set only when the answer names one.
      setVoucher: a.data.voucherNo ? 1 : 0,
      voucherNo: a.data.voucherNo ?? null,
      voucherDate: a.data.voucherDate ?? null,
      to: open === 0 ? 'Completed' : 'In Process',
      reason: open === 0 ? 'every beneficiary paid' : `${open} beneficiaries not yet paid`,
      callId,
      at,
    });
    return null;
  });
  return {
    refused: out,
    write: { docs: { paid: JSON.stringify(benfs), pis: JSON.stringify(pis) }, sql: PAID_WRITES },
  };
}

/**
 * applyPaidMany's writes, from the staged `paid` (one element per beneficiary paid now) and
 * `pis` (one per answer). The beneficiaries are read out of their JSON once, into a temp
 * table the three statements that write them share.
 */
const PAID_WRITES = `
-- Kept between batches and emptied after each: creating and dropping it would change the temp
-- schema, and every statement the writer keeps prepared would be compiled again.
CREATE TEMP TABLE IF NOT EXISTS paid_now (
  id INTEGER, pi_id INTEGER, from_status TEXT, utr_no TEXT, utr_date TEXT,
  end_to_end_id TEXT, voucher_no TEXT, voucher_date TEXT, mobile TEXT, body TEXT, call_id INTEGER, at INTEGER);
DELETE FROM temp.paid_now;
INSERT INTO temp.paid_now
SELECT j.value ->> 'id', j.value ->> 'piId', j.value ->> 'from', j.value ->> 'utrNo', j.value ->> 'utrDate',
       j.value ->> 'endToEndId', j.value ->> 'voucherNo', j.value ->> 'voucherDate',
       j.value ->> 'mobile', j.value ->> 'body', j.value ->> 'callId', j.value ->> 'at'
  FROM ${elementsOf('paid')} j;
-- The history rows first: they record the status each beneficiary moves from.
INSERT INTO status_history (pi_id, beneficiary_id, from_status, to_status, reason, call_id, at)
SELECT pi_id, id, from_status, 'Payment Successful', 'paid', call_id, at FROM temp.paid_now;
UPDATE beneficiaries
   SET utr_no = p.utr_no, utr_date = p.utr_date, end_to_end_id = p.end_to_end_id,
       voucher_no = p.voucher_no, voucher_date = p.voucher_date,
       status = 'Payment Successful', updated_at = p.at
  FROM temp.paid_now p
 WHERE beneficiaries.id = p.id;
INSERT OR IGNORE INTO sms_outbox (beneficiary_id, event, utr_no, mobile, body, call_id, created_at)
SELECT id, 'PD', utr_no, mobile, body, call_id, at FROM temp.paid_now;
DELETE FROM temp.paid_now;
UPDATE pis SET voucher_no = j.value ->> 'voucherNo', voucher_date = j.value ->> 'voucherDate'
  FROM ${elementsOf('pis')} j
 WHERE pis.id = j.value ->> 'id' AND j.value ->> 'setVoucher' = 1;
-- setPiStatus for each: a history row and the move, only where the status changes.
INSERT INTO status_history (pi_id, from_status, to_status, reason, call_id, at)
SELECT pis.id, pis.status, j.value ->> 'to', j.value ->> 'reason', j.value ->> 'callId', j.value ->> 'at'
  FROM ${elementsOf('pis')} j JOIN pis ON pis.id = j.value ->> 'id'
 WHERE pis.status <> j.value ->> 'to';
UPDATE pis SET status = j.value ->> 'to', updated_at = j.value ->> 'at',
       completed_at = CASE WHEN j.value ->> 'to' = 'Completed' THEN j.value ->> 'at' ELSE completed_at END
  FROM ${elementsOf('pis')} j
 WHERE pis.id = j.value ->> 'id' AND pis.status <> j.value ->> 'to';
`;
