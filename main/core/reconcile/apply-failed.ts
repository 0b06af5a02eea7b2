// FD and FTFPS: beneficiaries reported failed become Payment Failed with reason, challan and
// original bill ref, and get one failure SMS each. The PI stays Completed. An empty list
// means nothing failed. Applying the same answer again changes nothing. One answer may cover
// several bills (one item each): every item goes to its own PI when the ledger watches it.
import type { Conn } from '../../ledger/conn';
import type { PiKind } from '../../../shared/status';
import { setBeneficiaryStatus } from '../pi/history';
import { queueSms } from '../../notify/outbox';
import { beneficiariesOf, matchAll, type LedgerBeneficiary } from './beneficiaries';
import { Mismatch, type ApplyContext } from './poller';

export interface FailedDetails {
  benfDtls: Array<{
    /** Absent in older real answers: matched by account + IFSC within the bill. */
    benfId?: string | null;
    benfAcctNo?: string | null;
    benfBankIfscCode?: string | null;
    utrNo: string;
    utrDate?: string | null;
    endToEndId?: string | null;
    orgBillRefNumber?: string | null;
    challanNumber?: string | null;
    challanDate?: string | null;
    failedReason?: string | null;
  }>;
}

export interface AskedBill {
  piId: number;
  billNo: string;
  kind: PiKind;
  /** Completed since this instant: the PIs FD/FTFPS still watch. */
  watchedSince: number;
}

/**
 * Apply each item of an FD/FTFPS answer to its own PI: the one asked about, or another the
 * ledger knows and still watches (same kind, Completed within the watch window). Items for
 * bills the ledger does not watch are left alone; an item without a bill is the asked one's.
 */
export async function applyFailedBills<T extends FailedDetails>(
  tx: Conn,
  asked: AskedBill,
  data: T | T[] | undefined,
  billOf: (item: T) => string | null | undefined,
  ctx: ApplyContext,
): Promise<void> {
  const items = data === undefined ? [] : Array.isArray(data) ? data : [data];
  for (const item of items) {
    const billNo = billOf(item) ?? asked.billNo;
    const piId = billNo === asked.billNo ? asked.piId : await watchedPi(tx, billNo, asked);
    if (piId === undefined) continue;
    // The call is logged on the asked PI: the other PI's history says where its news came from.
    const reason =
      piId === asked.piId
        ? undefined
        : `failed at bank (reported in the answer for ${asked.billNo})`;
    await applyFailed(tx, piId, billNo, item, ctx, reason);
  }
}

async function watchedPi(tx: Conn, billNo: string, asked: AskedBill): Promise<number | undefined> {
  const row = await tx.get<{ id: number }>(
    `SELECT id FROM pis WHERE bill_no = ? AND kind = ? AND status = 'Completed' AND completed_at >= ?`,
    [billNo, asked.kind, asked.watchedSince],
  );
  return row?.id;
}

export async function applyFailed(
  tx: Conn,
  piId: number,
  billNo: string,
  data: FailedDetails,
  ctx: ApplyContext,
  reason = 'failed at bank',
): Promise<void> {
  const fresh = failedNow(await beneficiariesOf(tx, piId), data, billNo);
  if (fresh.length === 0) return;
  await tx.run(
    `UPDATE beneficiaries
        SET failed_reason = j.value ->> 'failedReason', challan_number = j.value ->> 'challanNumber',
            challan_date = j.value ->> 'challanDate', org_bill_ref_no = j.value ->> 'orgBillRefNumber',
            utr_no = COALESCE(j.value ->> 'utrNo', utr_no)
       FROM json_each(?) j
      WHERE beneficiaries.id = j.value ->> 'id'`,
    [
      JSON.stringify(
        fresh.map((m) => ({
          id: m.row.id,
          failedReason: m.failedReason ?? null,
          challanNumber: m.challanNumber ?? null,
          challanDate: m.challanDate ?? null,
          orgBillRefNumber: m.orgBillRefNumber ?? null,
          utrNo: m.utrNo ?? null,
        })),
      ),
    ],
  );
  const flagged = fresh.filter((m) => flagOf(m) !== null);
  await setBeneficiaryStatus(
    tx,
    piId,
    fresh.filter((m) => flagOf(m) === null).map((m) => m.row.id),
    'Payment Failed',
    ctx.at,
    reason,
    ctx.callId,
  );
  for (const m of flagged) {
    const note = `${reason}; ${flagOf(m)}`;
    await setBeneficiaryStatus(tx, piId, [m.row.id], 'Payment Failed', ctx.at, note, ctx.callId);
  }
  await queueSms(
    tx,
    'FD',
    fresh.map((m) => ({
      beneficiaryId: m.row.id,
      mobile: m.row.mobile,
      amountPaise: m.row.amountPaise,
      utrNo: m.utrNo ?? m.row.utrNo ?? '',
    })),
    ctx.callId,
    ctx.at,
  );
}

/**
 * The beneficiaries an answer fails now: those paid. Throws Mismatch for a beneficiary the PI
 * does not have, or one reported failed that was never paid.
 */
export function failedNow(
  known: Map<string, LedgerBeneficiary>,
  data: FailedDetails,
  billNo: string,
) {
  const matched = matchAll(known, data.benfDtls, billNo);
  for (const m of matched) {
    if (m.row.status !== 'Payment Successful' && m.row.status !== 'Payment Failed') {
      throw new Mismatch(
        `Response reports beneficiary ${m.benfId} failed, but it was never paid (${m.row.status})`,
      );
    }
  }
  return matched.filter((m) => m.row.status === 'Payment Successful');
}

/**
 * An FD naming another UTR than PD's (the real FD does) must not replace it silently: the
 * failure's history row flags it and names PD's UTR, the one that paid. Null when the same.
 */
export function flagOf(m: ReturnType<typeof failedNow>[number]): string | null {
  if (!m.row.utrNo || !m.utrNo || m.row.utrNo === m.utrNo) return null;
  return `FLAGGED: the failure names UTR ${m.utrNo}, but PD paid it with UTR ${m.row.utrNo}`;
}
