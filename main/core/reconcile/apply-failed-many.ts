// applyFailed for the FD answers of many PIs at once, each failing beneficiaries of its own
// PI only, with the same rules in a handful of statements for the lot.
import type { Conn } from '../../ledger/conn';
import { smsBody } from '../../notify/templates';
import { elementsOf, type StagedWrite } from '../../ledger/staged';
import { beneficiariesOfMany } from './beneficiaries';
import { failedNow, flagOf, type FailedDetails } from './apply-failed';
import { Mismatch, type ApplyContext } from './poller';

export interface FailedAnswer {
  piId: number;
  billNo: string;
  data: FailedDetails;
  ctx: ApplyContext;
}

const REASON = 'failed at bank';

/**
 * The caller leaves out PIs whose changes a disbursement's sender must hear of (they go
 * through applyFailed). Per answer: null when it applies, or the Mismatch that refuses it
 * (nothing of it written); the writes are returned, for the caller to make in the same exec
 * as the batch's call rows.
 */
export async function applyFailedMany(
  tx: Conn,
  answers: FailedAnswer[],
): Promise<{ refused: Array<Mismatch | null>; write: StagedWrite }> {
  const known = await beneficiariesOfMany(
    tx,
    answers.map((a) => a.piId),
  );
  const benfs: Array<Record<string, unknown>> = [];
  const out = answers.map((a) => {
    let fresh: ReturnType<typeof failedNow>;
    try {
      fresh = failedNow(known.get(a.piId) ?? new Map(), a.data, a.billNo);
    } catch (err) {
      if (err instanceof Mismatch) return err;
      throw err;
    }
    const { callId, at } = a.ctx;
    for (const m of fresh) {
      const flag = flagOf(m);
      // The SMS names the UTR FD reports, else the one PD paid with.
      const smsUtrNo = m.utrNo ?? m.row.utrNo ?? '';
      benfs.push({
        id: m.row.id,
        piId: a.piId,
        from: m.row.status,
        reason: flag ? `${REASON}; ${flag}` : REASON,
        failedReason: m.failedReason ?? null,
        challanNumber: m.challanNumber ?? null,
        challanDate: m.challanDate ?? null,
        orgBillRefNumber: m.orgBillRefNumber ?? null,
        utrNo: m.utrNo ?? null,
        smsUtrNo,
        mobile: m.row.mobile,
        body: smsBody('FD', m.row.amountPaise, smsUtrNo),
        callId,
        at,
      });
    }
    return null;
  });
  return { refused: out, write: { docs: { failed: JSON.stringify(benfs) }, sql: FAILED_WRITES } };
}

/**
 * applyFailedMany's writes, from the staged `failed` (one element per beneficiary failed
 * now), in one exec; one SMS each, as queueSms writes them (a repeat is ignored).
 */
const FAILED_WRITES = `
-- The history rows first: they record the status each beneficiary moves from.
INSERT INTO status_history (pi_id, beneficiary_id, from_status, to_status, reason, call_id, at)
SELECT j.value ->> 'piId', j.value ->> 'id', j.value ->> 'from', 'Payment Failed', j.value ->> 'reason',
       j.value ->> 'callId', j.value ->> 'at'
  FROM ${elementsOf('failed')} j;
UPDATE beneficiaries
   SET failed_reason = j.value ->> 'failedReason', challan_number = j.value ->> 'challanNumber',
       challan_date = j.value ->> 'challanDate', org_bill_ref_no = j.value ->> 'orgBillRefNumber',
       utr_no = COALESCE(j.value ->> 'utrNo', utr_no),
       status = 'Payment Failed', updated_at = j.value ->> 'at'
  FROM ${elementsOf('failed')} j
 WHERE beneficiaries.id = j.value ->> 'id';
INSERT OR IGNORE INTO sms_outbox (beneficiary_id, event, utr_no, mobile, body, call_id, created_at)
SELECT j.value ->> 'id', 'FD', j.value ->> 'smsUtrNo', j.value ->> 'mobile', j.value ->> 'body',
       j.value ->> 'callId', j.value ->> 'at'
  FROM ${elementsOf('failed')} j;
`;
