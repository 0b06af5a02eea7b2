// Bills held awaiting treasury confirmation: public money is paid once.
//
// A PI or revised PI any send of which got no clean answer (a timeout, an unreadable body,
// HTTP 5xx, a crash mid-call) may be at the treasury. A refusal of a later send then proves
// nothing, whatever its wording ("duplicate" means the treasury has it), so the bill is not
// failed, its funds are not released and it gets no new number: it is held, and only its
// status service (PIS for a PI, FTPS for a revised PI) settles it. An answer with the bill's
// data confirms it; a decline declines it; and the one proof that it never arrived is the
// status service saying it does not know the bill (naming it), ABSENT_ANSWERS times in a
// row after the last send, the latest at least ABSENT_AFTER_MS after the bill was held.
// Anything else keeps it held; staff may then release it by hand (held-release.ts).
import type { Conn } from '../../ledger/conn';
import type { CallResult } from '../../jit/types';
import type { PiKind, Service } from '../../../shared/status';
import { releaseFunds } from '../funds/release';
import { setBeneficiaryStatus, setPiStatus } from './history';
import { expectBill } from '../reconcile/beneficiaries';

export const CONFIRM_SERVICE: Record<PiKind, 'PIS' | 'FTPS'> = { PI: 'PIS', COR: 'FTPS' };
export const ABSENT_ANSWERS = 3;
export const ABSENT_AFTER_MS = 24 * 60 * 60_000;

/** The treasury's words for "I do not know this bill". Only a refusal naming the bill counts. */
const UNKNOWN_BILL = /\b(no data found|not found|does not exist|no such bill|no record)/i;

export function saysUnknown(text: string | null | undefined, billNo: string): boolean {
  return !!text && text.includes(billNo) && UNKNOWN_BILL.test(text);
}

/** Where a bill's pushes are logged: a PI's under its id, a revised PI's under its number. */
const PUSHES = `((service = 'PI' AND pi_id = ?) OR (service = 'COR' AND call_key = ?))`;

/**
 * Did any push of this bill, other than `exceptCallId`, end without a clean answer (OK, or
 * the service's own refusal)? A row left in flight by a crash is closed as No Response, so
 * it counts too.
 */
export async function sentUncertain(
  tx: Conn,
  bill: { piId: number | null; billNo: string },
  exceptCallId: number,
): Promise<boolean> {
  const row = await tx.get<{ n: number }>(
    `SELECT count(*) AS n FROM treasury_calls
      WHERE ${PUSHES} AND id <> ? AND outcome <> 'OK' AND refused = 0`,
    [bill.piId ?? -1, bill.billNo, exceptCallId],
  );
  return (row?.n ?? 0) > 0;
}

/** The first push of this bill that ended without a clean answer, if any. */
export function firstUncertainSend(
  db: Conn,
  bill: { piId: number; billNo: string },
): Promise<{ at: number; message: string } | undefined> {
  return db.get<{ at: number; message: string }>(
    `SELECT started_at AS at, message FROM treasury_calls
      WHERE ${PUSHES} AND outcome <> 'OK' AND refused = 0 ORDER BY id LIMIT 1`,
    [bill.piId, bill.billNo],
  );
}

/** Hold a Pending bill: funds stay, nothing re-sends it, its status service settles it. */
export async function hold(
  tx: Conn,
  piId: number,
  at: number,
  reason: string,
  callId: number | null,
): Promise<void> {
  await tx.run(
    'UPDATE pis SET held_since = COALESCE(held_since, ?), held_reason = ?, updated_at = ? WHERE id = ?',
    [at, reason, at, piId],
  );
  await tx.run(
    `INSERT INTO status_history (pi_id, from_status, to_status, reason, call_id, at)
     VALUES (?, 'Pending', 'Pending', ?, ?, ?)`,
    [piId, `awaiting treasury confirmation: ${reason}`, callId, at],
  );
}

/** Hold a Pending bill whose send was refused after an earlier send got no clean answer. */
export function holdRefused(
  tx: Conn,
  piId: number,
  result: CallResult,
  at: number,
  callId: number | null,
): Promise<void> {
  const why = result.jitError ?? 'no reason given';
  return hold(
    tx,
    piId,
    at,
    `an earlier send got no clean answer and this one was refused (${why})`,
    callId,
  );
}

/** A Pending bill the treasury accepted (it echoed our number): Initiated, with its beneficiaries. */
export async function acceptPending(
  tx: Conn,
  piId: number,
  billNo: string,
  echoed: { field: string; value: string | undefined },
  at: number,
  callId: number | null,
): Promise<void> {
  expectBill(echoed.value, billNo, echoed.field);
  await setPiStatus(tx, piId, 'Initiated', at, 'accepted by JIT', callId);
  await setBeneficiaryStatus(tx, piId, 'all', 'Payment Initiated', at, 'accepted by JIT', callId);
}

/** The status service answered with the bill's data: the treasury holds it. */
export async function confirmHeld(
  tx: Conn,
  piId: number,
  service: Service,
  at: number,
  callId: number,
): Promise<void> {
  await tx.run(`UPDATE pis SET held_end = 'confirmed' WHERE id = ?`, [piId]);
  const why = `confirmed by ${service}: the treasury holds this bill`;
  await setPiStatus(tx, piId, 'Initiated', at, why, callId);
  await setBeneficiaryStatus(tx, piId, 'all', 'Payment Initiated', at, why, callId);
}

/** A decline settles a held PI too: the treasury had it. */
export async function endHold(tx: Conn, piId: number, how: 'confirmed'): Promise<void> {
  await tx.run('UPDATE pis SET held_end = ? WHERE id = ? AND held_since IS NOT NULL', [how, piId]);
}

/**
 * Apply a status-service answer other than the bill's data to a held bill: fail it (funds
 * back) only when, with this answer, the treasury has proved it never got it.
 */
export async function settleIfAbsent(
  tx: Conn,
  bill: { piId: number; billNo: string },
  result: CallResult,
  at: number,
  callId: number,
): Promise<boolean> {
  const held = await tx.get<{ since: number }>('SELECT held_since AS since FROM pis WHERE id = ?', [
    bill.piId,
  ]);
  const count = await unknownAnswers(tx, bill, result.service, result);
  if (count < ABSENT_ANSWERS || at - (held?.since ?? at) < ABSENT_AFTER_MS) return false;
  const why = `${result.service} answered ${count} times since the last send that the treasury does not know this bill: it never arrived`;
  await tx.run(`UPDATE pis SET held_end = 'absent' WHERE id = ?`, [bill.piId]);
  await setPiStatus(tx, bill.piId, 'Failed', at, why, callId);
  await releaseFunds(tx, bill.piId, at, `${bill.billNo} failed: ${why}`);
  return true;
}

/**
 * The status service's "does not know this bill" answers in a row, newest first, since the
 * bill was last sent; with `current` (an answer not yet logged) counted first when it is one.
 */
export async function unknownAnswers(
  db: Conn,
  bill: { piId: number; billNo: string },
  service: Service,
  current?: CallResult,
): Promise<number> {
  let count = 0;
  if (current) {
    if (!isUnknown(current.outcome, current.refused ? 1 : 0, current.jitError, bill.billNo))
      return 0;
    count++;
  }
  // Call ids, not times: they order the log whatever the clock did.
  const answers = await db.all<{ outcome: string; refused: number; message: string }>(
    `SELECT outcome, refused, message FROM treasury_calls
      WHERE pi_id = ? AND service = ? AND in_flight = 0 AND outcome <> 'NO_RESPONSE'
        AND id > (SELECT COALESCE(max(id), 0) FROM treasury_calls WHERE ${PUSHES})
      ORDER BY id DESC LIMIT ?`,
    [bill.piId, service, bill.piId, bill.billNo, ABSENT_ANSWERS],
  );
  for (const a of answers) {
    if (!isUnknown(a.outcome, a.refused, a.message, bill.billNo)) break;
    count++;
  }
  return count;
}

function isUnknown(outcome: string, refused: number, text: string | undefined, billNo: string) {
  return outcome === 'ERROR' && refused === 1 && saysUnknown(text, billNo);
}
