// Needs action: what staff have to do next. Failed beneficiaries not yet paid again, grouped
// by PI with the revised-PI deadline (soonest first), and PIs held, stuck or ended at the
// treasury.
import { DateTime } from 'luxon';
import type { Ledger } from '../../ledger/ledger';
import type { PiKind, PiStatus } from '../../../shared/status';
import type { Worklist, WorklistFailedGroup, WorklistPiRow } from '../../../shared/types';
import { TREASURY_ZONE, treasuryDate } from '../../../shared/time';
import { corWindowEnd } from './revise';
import { heldInfo } from './held-release';

const DAY = 86_400_000;

interface FailedRow {
  piId: number;
  billNo: string;
  kind: PiKind;
  rootBillDate: string;
  amountPaise: number;
  reason: string | null;
  failedAt: number;
  revisedIn: string | null;
}

// A failed row stays on the list until something pays it again: a row of a revised PI that
// succeeded, or failed in its turn (then that row is the one listed), or a new payment.
// Each failed row's chain is walked up from its own PI to the original PI, whose bill date
// sets the revised-PI deadline; the rows come from the partial index of open failures.
export const FAILED_SQL = `
WITH RECURSIVE
  failed AS (
    SELECT b.* FROM beneficiaries b
     WHERE b.status = 'Payment Failed' AND b.moved_to_payment_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM beneficiaries c WHERE c.parent_beneficiary_id = b.id
                        AND c.status IN ('Payment Successful', 'Payment Failed'))),
  up (id, at) AS (
    SELECT DISTINCT pi_id, pi_id FROM failed
    UNION SELECT up.id, p.parent_pi_id FROM up JOIN pis p ON p.id = up.at WHERE p.parent_pi_id IS NOT NULL),
  root (id, bill_date) AS (
    SELECT up.id, r.bill_date FROM up CROSS JOIN pis r ON r.id = up.at WHERE r.parent_pi_id IS NULL)
SELECT p.id AS piId, p.bill_no AS billNo, p.kind, root.bill_date AS rootBillDate, b.amount_paise AS amountPaise,
       trim(b.failed_reason) AS reason,
       coalesce((SELECT max(h.at) FROM status_history h
                  WHERE h.beneficiary_id = b.id AND h.to_status = 'Payment Failed'), b.updated_at) AS failedAt,
       (SELECT rp.bill_no FROM beneficiaries c JOIN pis rp ON rp.id = c.pi_id
         WHERE c.parent_beneficiary_id = b.id AND rp.status NOT IN ('Failed', 'Declined')
         ORDER BY c.id DESC LIMIT 1) AS revisedIn
  FROM failed b
  JOIN pis p ON p.id = b.pi_id
  JOIN root ON root.id = p.id`;

// How long a PI has been without an answer: since the first NO_RESPONSE after its last answer.
// A held bill (held.ts) is listed from the moment it is held, whatever its last call said.
const STUCK_SQL = `
WITH candidate(id) AS (
  SELECT id FROM pis WHERE status IN ('Failed', 'Declined')
  UNION SELECT id FROM pis WHERE last_outcome = 'NO_RESPONSE'
  UNION SELECT id FROM pis WHERE status = 'Pending' AND held_since IS NOT NULL)
SELECT p.id AS piId, p.bill_no AS billNo, p.kind, p.status, p.last_message AS lastMessage, p.last_outcome AS lastOutcome,
       CASE WHEN p.status = 'Pending' THEN p.held_since END AS heldSince,
       coalesce((SELECT max(h.at) FROM status_history h WHERE h.pi_id = p.id AND h.beneficiary_id IS NULL
                   AND h.to_status = p.status), p.updated_at) AS statusSince,
       (SELECT min(c.started_at) FROM treasury_calls c WHERE c.pi_id = p.id AND c.outcome = 'NO_RESPONSE'
           AND c.id > coalesce((SELECT max(o.id) FROM treasury_calls o
                                 WHERE o.pi_id = p.id AND o.outcome <> 'NO_RESPONSE'), 0)) AS silentSince
  FROM candidate JOIN pis p ON p.id = candidate.id
 WHERE (p.status IN ('Failed', 'Declined')
        -- pushed again since: the newer PI is the one to watch
        AND NOT EXISTS (SELECT 1 FROM pis n WHERE n.id > p.id
                         AND (n.payment_id = p.payment_id OR n.parent_pi_id = p.parent_pi_id)))
    OR (p.last_outcome = 'NO_RESPONSE' AND p.status NOT IN ('Completed', 'Failed', 'Declined'))
    OR (p.status = 'Pending' AND p.held_since IS NOT NULL)
 ORDER BY p.id`;

// A large ledger lists thousands of rows, and a luxon date in a named zone costs tens of
// microseconds: each start of day is worked out once per quarter-hour of UTC (every zone's
// midnight falls on one), each deadline once per bill date.
const QUARTER_HOUR = 900_000;
const dayStarts = new Map<number, number>();
function dayStart(ms: number): number {
  const key = Math.floor(ms / QUARTER_HOUR);
  let start = dayStarts.get(key);
  if (start === undefined) {
    if (dayStarts.size > 100_000) dayStarts.clear();
    start = DateTime.fromMillis(ms, { zone: TREASURY_ZONE }).startOf('day').toMillis();
    dayStarts.set(key, start);
  }
  return start;
}

function days(now: number, since: number): number {
  return Math.max(0, Math.round((dayStart(now) - dayStart(since)) / DAY));
}

const windowEnds = new Map<string, string>();
function reviseBy(billDate: string): string {
  let end = windowEnds.get(billDate);
  if (end === undefined) {
    if (windowEnds.size > 10_000) windowEnds.clear();
    end = corWindowEnd(billDate);
    windowEnds.set(billDate, end);
  }
  return end;
}

function groupFailed(rows: FailedRow[], now: number): WorklistFailedGroup[] {
  const today = treasuryDate(now);
  const byPi = new Map<number, FailedRow[]>();
  for (const r of rows) byPi.set(r.piId, [...(byPi.get(r.piId) ?? []), r]);
  const groups = [...byPi.values()].map((list): WorklistFailedGroup => {
    const first = list[0]!;
    const tally = new Map<string, number>();
    for (const r of list) {
      const reason = r.reason || 'No reason given';
      tally.set(reason, (tally.get(reason) ?? 0) + 1);
    }
    const deadline = reviseBy(first.rootBillDate);
    const inRevision = [...new Set(list.map((r) => r.revisedIn).filter((x): x is string => !!x))];
    const open = list.filter((r) => !r.revisedIn).length;
    return {
      piId: first.piId,
      billNo: first.billNo,
      kind: first.kind,
      count: list.length,
      amountPaise: list.reduce((s, r) => s + r.amountPaise, 0),
      reasons: [...tally.entries()].sort((a, b) => b[1] - a[1]).map(([reason]) => reason),
      daysSinceFailure: days(now, Math.min(...list.map((r) => r.failedAt))),
      reviseBy: deadline,
      inRevision,
      nextStep:
        open === 0
          ? `Wait for ${inRevision.join(', ')} to be paid.`
          : today > deadline
            ? 'The revised-PI window has closed: move the failed amount to a new payment.'
            : 'Correct the bank details and generate a revised PI.',
    };
  });
  return groups.sort((a, b) =>
    a.reviseBy < b.reviseBy ? -1 : a.reviseBy > b.reviseBy ? 1 : a.piId - b.piId,
  );
}

const NEXT_STEP: Record<Exclude<WorklistPiRow['reason'], 'held'>, string> = {
  'no-response':
    'The treasury has not answered for over a day: Refresh the PI, and check with the treasury if it stays silent.',
  failed: 'Read the treasury message, correct the payment and push it again.',
  declined: 'Read why it was declined, correct the bill and push it again.',
};

/** A held bill waits for its status service; staff act only once it may be released by hand. */
async function heldNextStep(ledger: Ledger, piId: number, now: number): Promise<string> {
  const held = await heldInfo(ledger.read, piId, now);
  if (!held) return 'Open the PI to see where it stands.';
  if (held.canRelease)
    return `${held.service} still does not know it: check with the treasury, then release it by hand on the PI page.`;
  return `Nothing to send again: wait for ${held.service} to confirm it (asked nightly and on Refresh). It may be released by hand from ${DateTime.fromMillis(held.releasableFrom, { zone: TREASURY_ZONE }).toFormat('dd LLL yyyy, HH:mm')} if the treasury still does not know it.`;
}

export async function needsAction(ledger: Ledger, now: number): Promise<Worklist> {
  const failed = await ledger.read.all<FailedRow>(FAILED_SQL);
  const stuck = await ledger.read.all<{
    piId: number;
    billNo: string;
    kind: PiKind;
    status: PiStatus;
    lastMessage: string | null;
    heldSince: number | null;
    statusSince: number;
    silentSince: number | null;
  }>(STUCK_SQL);
  const pis: WorklistPiRow[] = [];
  for (const p of stuck) {
    if (p.heldSince !== null) {
      pis.push({
        piId: p.piId,
        billNo: p.billNo,
        kind: p.kind,
        status: p.status,
        lastMessage: p.lastMessage,
        reason: 'held',
        since: p.heldSince,
        ageDays: days(now, p.heldSince),
        nextStep: await heldNextStep(ledger, p.piId, now),
      });
      continue;
    }
    const reason =
      p.status === 'Failed' ? 'failed' : p.status === 'Declined' ? 'declined' : 'no-response';
    const since = reason === 'no-response' ? (p.silentSince ?? p.statusSince) : p.statusSince;
    if (reason === 'no-response' && now - since <= DAY) continue;
    pis.push({
      piId: p.piId,
      billNo: p.billNo,
      kind: p.kind,
      status: p.status,
      reason,
      since,
      ageDays: days(now, since),
      lastMessage: p.lastMessage,
      nextStep: NEXT_STEP[reason],
    });
  }
  pis.sort((a, b) => a.since - b.since || a.piId - b.piId);
  return { failed: groupFailed(failed, now), pis };
}
