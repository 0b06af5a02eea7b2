// Queueing SMS inside the business step's transaction. The UNIQUE (beneficiary, event, UTR)
// key with INSERT OR IGNORE is what makes "one message per beneficiary, event and UTR, ever"
// hold even when the same treasury answer is applied twice.
import type { Conn } from '../ledger/conn';
import { smsBody, type SmsEvent } from './templates';

export interface SmsToQueue {
  beneficiaryId: number;
  mobile: string | null;
  amountPaise: number;
  utrNo: string;
}

export async function queueSms(
  tx: Conn,
  event: SmsEvent,
  rows: SmsToQueue[],
  callId: number | null,
  at: number,
): Promise<number> {
  if (rows.length === 0) return 0;
  const items = rows.map((r) => ({ ...r, body: smsBody(event, r.amountPaise, r.utrNo) }));
  const { changes } = await tx.run(
    `INSERT OR IGNORE INTO sms_outbox (beneficiary_id, event, utr_no, mobile, body, call_id, created_at)
     SELECT j.value ->> 'beneficiaryId', ?, j.value ->> 'utrNo', j.value ->> 'mobile', j.value ->> 'body', ?, ?
       FROM json_each(?) j`,
    [event, callId, at, JSON.stringify(items)],
  );
  return changes;
}
