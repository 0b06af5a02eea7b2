// PD and FTPS: beneficiaries reported paid become Payment Successful (with voucher, UTR,
// end-to-end id) and get one SMS each; the PI completes once every beneficiary is paid.
// Beneficiaries missing from the answer stay In Process and the service keeps polling.
import type { Conn } from '../../ledger/conn';
import { setBeneficiaryStatus, setPiStatus } from '../pi/history';
import { queueSms } from '../../notify/outbox';
import { beneficiariesOf, matchAll } from './beneficiaries';
import { Mismatch, type ApplyContext } from './poller';

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
  const fresh = matched.filter(
    (m) => m.row.status === 'Payment In Process' || m.row.status === 'Payment Initiated',
  );
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
