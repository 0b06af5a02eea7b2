// Sending what the outbox holds: network first, then one small transaction per result, so a
// crash can at worst resend a message the gateway took but we did not yet mark.
import type { Ledger } from '../ledger/ledger';
import type { SmsGateway } from './gateway';

export interface DeliveryReport {
  sent: number;
  failed: number;
  skipped: number;
}

/** Give up on a message after this many failed attempts; it stays visible as failed. */
export const MAX_SMS_ATTEMPTS = 5;

export async function deliverQueued(
  ledger: Ledger,
  gateway: SmsGateway,
  now: () => number,
  limit = 500,
): Promise<DeliveryReport> {
  const queued = await ledger.read.all<{
    id: number;
    mobile: string | null;
    body: string;
    attempts: number;
  }>(
    `SELECT id, mobile, body, attempts FROM sms_outbox WHERE status = 'queued' ORDER BY id LIMIT ?`,
    [limit],
  );
  const report: DeliveryReport = { sent: 0, failed: 0, skipped: 0 };
  for (const sms of queued) {
    const result = sms.mobile
      ? await gateway.send(sms.mobile, sms.body)
      : { ok: false, detail: 'no mobile number on record' };
    const at = now();
    const attempts = sms.attempts + 1;
    const status = result.ok
      ? 'sent'
      : !sms.mobile || attempts >= MAX_SMS_ATTEMPTS
        ? 'failed'
        : 'queued';
    await ledger.write(async (tx) => {
      await tx.run('INSERT INTO sms_attempts (sms_id, at, ok, detail) VALUES (?, ?, ?, ?)', [
        sms.id,
        at,
        result.ok ? 1 : 0,
        result.detail,
      ]);
      await tx.run(
        'UPDATE sms_outbox SET status = ?, attempts = ?, sent_at = CASE WHEN ? THEN ? ELSE sent_at END WHERE id = ?',
        [status, attempts, result.ok ? 1 : 0, at, sms.id],
      );
    });
    if (result.ok) report.sent++;
    else if (!sms.mobile) report.skipped++;
    else report.failed++;
  }
  return report;
}
