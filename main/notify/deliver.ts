// Sending what the outbox holds. Only the holder of the ledger's 'sms' lease sends, and each
// message is claimed in the ledger before it leaves: two processes on one ledger (the window
// and `serve`, two `sms-send`) never both send it. A message is sent at most once: one whose
// sender stopped between claiming and recording is marked failed, not sent again.
import type { Ledger } from '../ledger/ledger';
import { acquireLease, LEASE_TTL_MS, leaseHolder } from '../ledger/lease';
import type { SmsGateway } from './gateway';

export interface DeliveryReport {
  sent: number;
  failed: number;
  skipped: number;
  /** Set when another process holds the SMS lease: nothing was sent here. */
  heldBy?: string;
}

/** Give up on a message after this many failed attempts; it stays visible as failed. */
export const MAX_SMS_ATTEMPTS = 5;

interface Claimed {
  id: number;
  mobile: string | null;
  body: string;
  attempts: number;
}

export async function deliverQueued(
  ledger: Ledger,
  gateway: SmsGateway,
  now: () => number,
  holder: string,
  limit = 500,
): Promise<DeliveryReport> {
  if (!(await acquireLease(ledger, 'sms', holder)))
    return { sent: 0, failed: 0, skipped: 0, heldBy: (await leaseHolder(ledger, 'sms')) ?? '?' };
  const report: DeliveryReport = { sent: 0, failed: 0, skipped: 0 };
  let renewedAt = Date.now();
  let after = 0;
  // One message claimed at a time: a sender that dies leaves at most that one in doubt.
  for (let n = 0; n < limit; n++) {
    if (Date.now() - renewedAt > LEASE_TTL_MS / 3) {
      // A long delivery keeps its lease, so its claim is not taken for an abandoned one.
      if (!(await acquireLease(ledger, 'sms', holder))) break;
      renewedAt = Date.now();
    }
    // Each message at most once a pass: one that failed goes back to the queue for the next.
    const sms = await claimNext(ledger, holder, now(), after);
    if (!sms) break;
    after = sms.id;
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
        `UPDATE sms_outbox SET status = ?, attempts = ?, sent_at = CASE WHEN ? THEN ? ELSE sent_at END,
                claimed_by = CASE WHEN ? = 'queued' THEN NULL ELSE claimed_by END
          WHERE id = ?`,
        [status, attempts, result.ok ? 1 : 0, at, status, sms.id],
      );
    });
    if (result.ok) report.sent++;
    else if (!sms.mobile) report.skipped++;
    else report.failed++;
  }
  return report;
}

/** Claim the next queued message for `holder`. */
function claimNext(
  ledger: Ledger,
  holder: string,
  at: number,
  after: number,
): Promise<Claimed | undefined> {
  return ledger.write(async (tx) => {
    // Claimed by a sender that no longer holds the lease: it stopped after claiming, and the
    // message may have gone out. Recorded as failed rather than risk sending it twice.
    const abandoned = `status = 'queued' AND claimed_by IS NOT NULL AND claimed_by <> ?
       AND claimed_by NOT IN (SELECT holder FROM leases WHERE name = 'sms' AND expires_at > ?)`;
    const wall = Date.now();
    await tx.run(
      `INSERT INTO sms_attempts (sms_id, at, ok, detail)
       SELECT id, ?, 0, 'delivery interrupted after the message was claimed; it may have been sent, so it is not sent again'
         FROM sms_outbox WHERE ${abandoned}`,
      [at, holder, wall],
    );
    await tx.run(`UPDATE sms_outbox SET status = 'failed' WHERE ${abandoned}`, [holder, wall]);
    return tx.get<Claimed>(
      `UPDATE sms_outbox SET claimed_by = ?, claimed_at = ?
        WHERE id = (SELECT id FROM sms_outbox WHERE status = 'queued' AND claimed_by IS NULL AND id > ? ORDER BY id LIMIT 1)
       RETURNING id, mobile, body, attempts`,
      [holder, at, after],
    );
  });
}
