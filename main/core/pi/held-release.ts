// What staff see of a held bill (held.ts), and their way out when the treasury never
// settles it: after `held.releaseAfterDays` days (a setting, default 7), if the status
// service still answers without knowing the bill, a bill may be released by hand with a
// reason. It then fails like a refused push (a PI's funds come back, its payment may be
// pushed again; a revised PI's beneficiaries may be revised again), and the status history
// records who-knows-why: the reason, the days held and the treasury's last words.
import type { AppContext } from '../context';
import type { Conn } from '../../ledger/conn';
import type { HeldInfo, ReleaseResult } from '../../../shared/types';
import type { PiKind, PiStatus } from '../../../shared/status';
import { treasuryDateTime } from '../../../shared/time';
import { notFound, refused } from '../errors';
import { releaseFunds } from '../funds/release';
import { setPiStatus } from './history';
import { ABSENT_ANSWERS, CONFIRM_SERVICE, firstUncertainSend, unknownAnswers } from './held';

export const RELEASE_AFTER_DAYS_KEY = 'held.releaseAfterDays';
export const DEFAULT_RELEASE_AFTER_DAYS = 7;
export const MAX_RELEASE_AFTER_DAYS = 365;
const DAY = 24 * 60 * 60_000;

export async function releaseAfterDays(db: Conn): Promise<number> {
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
    RELEASE_AFTER_DAYS_KEY,
  ]);
  const days = Number(row?.value);
  return Number.isInteger(days) && days >= 1 ? days : DEFAULT_RELEASE_AFTER_DAYS;
}

export async function setReleaseAfterDays(app: AppContext, days: number): Promise<number> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_RELEASE_AFTER_DAYS) {
    throw refused(
      `Days before a held bill may be released by hand must be a whole number from 1 to ${MAX_RELEASE_AFTER_DAYS}.`,
    );
  }
  await app.ledger.write((tx) =>
    tx.run(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [RELEASE_AFTER_DAYS_KEY, String(days)],
    ),
  );
  return days;
}

interface HeldRow {
  id: number;
  kind: PiKind;
  status: PiStatus;
  billNo: string;
  heldSince: number | null;
  heldReason: string | null;
}

export async function heldInfo(db: Conn, piId: number, now: number): Promise<HeldInfo | null> {
  const pi = await db.get<HeldRow>(
    `SELECT id, kind, status, bill_no AS billNo, held_since AS heldSince, held_reason AS heldReason
       FROM pis WHERE id = ?`,
    [piId],
  );
  if (!pi || pi.status !== 'Pending') return null;
  if (pi.heldSince === null) return resending(db, pi);
  const service = CONFIRM_SERVICE[pi.kind];
  const count = await unknownAnswers(db, { piId, billNo: pi.billNo }, service);
  const days = await releaseAfterDays(db);
  const releasableFrom = pi.heldSince + days * DAY;
  const last = await lastAnswer(db, pi, service);
  const blockedBy =
    now < releasableFrom
      ? `It may be released by hand from ${treasuryDateTime(releasableFrom)} (${days} days after it was held), if ${service} still does not know it.`
      : !last || last.outcome !== 'ERROR'
        ? `${service} has not answered about it since it was held; releasing it by hand needs the treasury to say it does not know the bill.`
        : null;
  const meanwhile =
    pi.kind === 'PI'
      ? 'Its funds stay held and its payment cannot get another PI until then.'
      : 'Its beneficiaries cannot be revised again until then.';
  return {
    stage: 'confirm',
    since: pi.heldSince,
    reason: pi.heldReason ?? 'a send got no clean answer',
    service,
    unknownAnswers: count,
    next: `${service} asks the treasury about ${pi.billNo} every night and on Refresh; it is never sent under another number. If ${service} knows it, it carries on as accepted. It fails only if ${service} answers ${ABSENT_ANSWERS} times in a row, at least 24 hours after it was held, that the treasury does not know it (${count} so far). ${meanwhile}`,
    releaseAfterDays: days,
    releasableFrom,
    canRelease: blockedBy === null,
    releaseBlockedBy: blockedBy,
  };
}

/** A Pending bill whose last sends got no clean answer: it may be at the treasury already. */
async function resending(db: Conn, pi: HeldRow): Promise<HeldInfo | null> {
  const first = await firstUncertainSend(db, { piId: pi.id, billNo: pi.billNo });
  if (!first) return null;
  const confirm = CONFIRM_SERVICE[pi.kind];
  const days = await releaseAfterDays(db);
  return {
    stage: 'resend',
    since: first.at,
    reason: `a send got no clean answer (${first.message})`,
    service: pi.kind,
    unknownAnswers: 0,
    next: `It is sent again exactly as before, under the same number, each night at 21:15 and on Refresh. If the treasury takes it, it carries on as accepted; if it refuses it, whatever the words, it is held for ${confirm}, never failed on that refusal. ${pi.kind === 'PI' ? 'Its funds stay held meanwhile.' : 'Its beneficiaries cannot be revised again meanwhile.'}`,
    releaseAfterDays: days,
    releasableFrom: first.at + days * DAY,
    canRelease: false,
    releaseBlockedBy:
      'It is still being sent again; only a bill held after the treasury refused such a re-send can be released by hand.',
  };
}

/** The latest answer of the status service about this bill since it was held. */
function lastAnswer(db: Conn, pi: HeldRow, service: string) {
  return db.get<{ outcome: string; message: string }>(
    `SELECT outcome, message FROM treasury_calls
      WHERE pi_id = ? AND service = ? AND started_at >= ? AND in_flight = 0 ORDER BY id DESC LIMIT 1`,
    [pi.id, service, pi.heldSince],
  );
}

export async function releaseHeld(
  app: AppContext,
  piId: number,
  reason: string,
): Promise<ReleaseResult> {
  const result = await app.ledger.write(async (tx) => {
    const at = app.now();
    const pi = await tx.get<HeldRow>(
      `SELECT id, kind, status, bill_no AS billNo, held_since AS heldSince, held_reason AS heldReason
         FROM pis WHERE id = ?`,
      [piId],
    );
    if (!pi) throw notFound(`Payment instruction ${piId}`);
    const info = await heldInfo(tx, piId, at);
    if (!info || info.stage !== 'confirm')
      throw refused(
        `${pi.billNo} is ${pi.status}, not awaiting treasury confirmation: only a held bill can be released by hand.`,
      );
    if (!info.canRelease)
      throw refused(`${pi.billNo} cannot be released yet. ${info.releaseBlockedBy}`);
    const last = await lastAnswer(tx, pi, info.service);
    await tx.run(`UPDATE pis SET held_end = 'released' WHERE id = ?`, [piId]);
    const why = `released by hand after ${Math.floor((at - info.since) / DAY)} days awaiting treasury confirmation (${last!.message}). Reason: ${reason}`;
    await setPiStatus(tx, piId, 'Failed', at, why, null);
    const releasedPaise = await releaseFunds(tx, piId, at, `${pi.billNo} ${why}`);
    return { piId, billNo: pi.billNo, status: 'Failed' as const, releasedPaise };
  });
  app.events.emit('pi.changed', { ids: [piId] });
  return result;
}
