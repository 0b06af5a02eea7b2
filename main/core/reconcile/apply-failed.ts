// FD and FTFPS: beneficiaries reported failed become Payment Failed with reason, challan and
// original bill ref, and get one failure SMS each. The PI stays Completed. An empty list
// means nothing failed. Applying the same answer again changes nothing.
import type { Conn } from '../../ledger/conn';
import { setBeneficiaryStatus } from '../pi/history';
import { queueSms } from '../../notify/outbox';
import { beneficiariesOf, matchAll } from './beneficiaries';
import { Mismatch, type ApplyContext } from './poller';

export interface FailedDetails {
  benfDtls: Array<{
    benfId: string;
    utrNo: string;
    utrDate?: string | null;
    endToEndId?: string | null;
    orgBillRefNumber?: string | null;
    challanNumber?: string | null;
    challanDate?: string | null;
    failedReason?: string | null;
  }>;
}

export async function applyFailed(
  tx: Conn,
  piId: number,
  billNo: string,
  data: FailedDetails,
  ctx: ApplyContext,
): Promise<void> {
  const known = await beneficiariesOf(tx, piId);
  const matched = matchAll(known, data.benfDtls, billNo);
  for (const m of matched) {
    if (m.row.status !== 'Payment Successful' && m.row.status !== 'Payment Failed') {
      throw new Mismatch(
        `Response reports beneficiary ${m.benfId} failed, but it was never paid (${m.row.status})`,
      );
    }
  }
  const fresh = matched.filter((m) => m.row.status === 'Payment Successful');
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
  await setBeneficiaryStatus(
    tx,
    piId,
    fresh.map((m) => m.row.id),
    'Payment Failed',
    ctx.at,
    'failed at bank',
    ctx.callId,
  );
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
