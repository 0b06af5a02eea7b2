// Needs action: what staff have to do next. Failed beneficiaries not yet paid again, grouped
// by PI with the revised-PI deadline (soonest first), and PIs held, stuck or ended at the
// treasury.
import { DateTime } from 'luxon';
import type { Ledger } from '../../ledger/ledger';
import type { PiKind } from '../../../shared/status';
import type {
  Page,
  WorklistFailedGroup,
  WorklistFailedPage,
  WorklistPiRow,
} from '../../../shared/types';
import { TREASURY_ZONE, treasuryDate } from '../../../shared/time';
import { corWindowEnd } from './revise';
import { heldInfo } from './held-release';

const DAY = 86_400_000;

interface FailedRow {
  piId: number;
  billNo: string;
  kind: PiKind;
  amountPaise: number;
  reason: string | null;
  failedAt: number;
  revisedIn: string | null;
}

// A failed row stays on the list until something pays it again: a row of a revised PI that
// succeeded, or failed in its turn (then that row is the one listed), or a new payment. The
// row carries both (paid_again_by, kept by triggers; moved_to_payment_id), so the open
// failures are read from their partial index alone. Each PI's chain is walked up to the
// original PI, whose bill date sets the revised-PI deadline: the deadline only moves forward
// with the bill date, so the groups are ordered by it (then PI) in SQL and only a page of
// them is read in full.
export const OPEN_FAILED = `b.status = 'Payment Failed' AND b.moved_to_payment_id IS NULL AND b.paid_again_by IS NULL`;

// One row per PI with open failures and its count, from indexes alone (an amount would read
// every failed row's table page).
const OPEN_FAILED_GROUPS = `SELECT b.pi_id AS id, count(*) AS n FROM beneficiaries b WHERE ${OPEN_FAILED} GROUP BY b.pi_id`;
// The original's bill date of the group's PI `p`: most are originals and give their own; only
// a revised PI walks its chain (one recursive walk over every group cost a third of the page).
// The planner would read each PI's wide table row by its id; pis_lineage holds the three columns.
const ROOT_BILL_DATE = `CASE WHEN p.parent_pi_id IS NULL THEN p.bill_date ELSE (
  WITH RECURSIVE up (parent, bill_date) AS (
    SELECT r.parent_pi_id, r.bill_date FROM pis r INDEXED BY pis_lineage WHERE r.id = p.parent_pi_id
    UNION ALL
    SELECT r.parent_pi_id, r.bill_date FROM up JOIN pis r INDEXED BY pis_lineage ON r.id = up.parent)
  SELECT bill_date FROM up WHERE parent IS NULL) END`;
const WITH_ROOT = `SELECT grp.id AS piId, ${ROOT_BILL_DATE} AS rootBillDate, grp.n
  FROM grp JOIN pis p INDEXED BY pis_lineage ON p.id = grp.id`;

export const FAILED_GROUPS_SQL = `WITH grp AS (${OPEN_FAILED_GROUPS}) ${WITH_ROOT}`;

// A page of the groups with the totals of all of them: the groups are gathered once and the
// totals counted from them (a window over the sorted groups cost as much as the sort), always
// one row, so a page past the end still has them.
const FAILED_PAGE_SQL = `
WITH grp AS MATERIALIZED (${OPEN_FAILED_GROUPS}),
page AS (${WITH_ROOT} ORDER BY rootBillDate, piId LIMIT ? OFFSET ?)
SELECT t.total, t.benfs, page.*
  FROM (SELECT count(*) AS total, coalesce(sum(n), 0) AS benfs FROM grp) t LEFT JOIN page
 ORDER BY page.rootBillDate, page.piId`;

const FAILED_ROWS_SQL = `
SELECT p.id AS piId, p.bill_no AS billNo, p.kind, b.amount_paise AS amountPaise,
       trim(b.failed_reason) AS reason,
       coalesce((SELECT max(h.at) FROM status_history h
                  WHERE h.beneficiary_id = b.id AND h.to_status = 'Payment Failed'), b.updated_at) AS failedAt,
       (SELECT rp.bill_no FROM beneficiaries c JOIN pis rp ON rp.id = c.pi_id
         WHERE c.parent_beneficiary_id = b.id AND rp.status NOT IN ('Failed', 'Declined')
         ORDER BY c.id DESC LIMIT 1) AS revisedIn
  FROM beneficiaries b JOIN pis p ON p.id = b.pi_id
 WHERE b.pi_id IN (SELECT value FROM json_each(?)) AND ${OPEN_FAILED}
 ORDER BY b.id`;

// How long a PI has been without an answer: since the first NO_RESPONSE after its last answer;
// listed once that is over a day. A held bill (held.ts) is listed from the moment it is held,
// whatever its last call said. The candidates come from indexes (a status, the silent PIs,
// the held ones); the rows are ordered by how long they have waited, oldest first. Every
// candidate is timed from indexes alone; the page's rows alone read the PI's wide columns.
const STUCK_SQL = `
WITH candidate(id) AS (
  SELECT id FROM pis WHERE status IN ('Failed', 'Declined')
  UNION SELECT id FROM pis WHERE last_outcome = 'NO_RESPONSE'
  UNION SELECT id FROM pis WHERE status = 'Pending' AND held_since IS NOT NULL),
listed AS MATERIALIZED (
SELECT p.id AS piId,
       CASE WHEN p.status = 'Pending' AND p.held_since IS NOT NULL THEN 'held'
            WHEN p.status = 'Failed' THEN 'failed' WHEN p.status = 'Declined' THEN 'declined'
            ELSE 'no-response' END AS reason,
       p.held_since AS heldSince,
       coalesce((SELECT max(h.at) FROM status_history h WHERE h.pi_id = p.id AND h.beneficiary_id IS NULL
                   AND h.to_status = p.status), p.updated_at) AS statusSince
  FROM candidate JOIN pis p ON p.id = candidate.id
 WHERE (p.status IN ('Failed', 'Declined')
        -- pushed again since: the newer PI is the one to watch (two lookups an index answers;
        -- one OR read the newer PIs' rows)
        AND NOT EXISTS (SELECT 1 FROM pis n WHERE n.payment_id = p.payment_id AND n.id > p.id)
        AND NOT EXISTS (SELECT 1 FROM pis n WHERE n.parent_pi_id = p.parent_pi_id AND n.id > p.id))
    OR (p.last_outcome = 'NO_RESPONSE' AND p.status NOT IN ('Completed', 'Failed', 'Declined'))
    OR (p.status = 'Pending' AND p.held_since IS NOT NULL)),
timed AS MATERIALIZED (
SELECT piId, reason,
       CASE reason WHEN 'held' THEN heldSince
            -- only a silent PI's calls are read
            WHEN 'no-response' THEN coalesce(
              (SELECT min(c.started_at) FROM treasury_calls c WHERE c.pi_id = piId AND c.outcome = 'NO_RESPONSE'
                  AND c.id > coalesce((SELECT max(o.id) FROM treasury_calls o
                                        WHERE o.pi_id = piId AND o.outcome <> 'NO_RESPONSE'), 0)),
              statusSince)
            ELSE statusSince END AS since
  FROM listed),
page AS (
SELECT *, count(*) OVER () AS total FROM timed
 WHERE reason <> 'no-response' OR ? - since > ${DAY}
 ORDER BY since, piId LIMIT ? OFFSET ?)
SELECT page.piId, p.bill_no AS billNo, p.kind, p.status, p.last_message AS lastMessage, page.reason,
       page.since, page.total
  FROM page JOIN pis p ON p.id = page.piId
 ORDER BY page.since, page.piId`;

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

interface FailedGroupRow {
  piId: number;
  rootBillDate: string;
  n: number;
}

function groupFailed(
  order: FailedGroupRow[],
  rows: FailedRow[],
  now: number,
): WorklistFailedGroup[] {
  const today = treasuryDate(now);
  const byPi = new Map<number, FailedRow[]>();
  for (const r of rows) {
    const list = byPi.get(r.piId);
    if (list) list.push(r);
    else byPi.set(r.piId, [r]);
  }
  return order.flatMap((g): WorklistFailedGroup[] => {
    const list = byPi.get(g.piId);
    if (!list) return [];
    const first = list[0]!;
    const tally = new Map<string, number>();
    for (const r of list) {
      const reason = r.reason || 'No reason given';
      tally.set(reason, (tally.get(reason) ?? 0) + 1);
    }
    const deadline = reviseBy(g.rootBillDate);
    const inRevision = [...new Set(list.map((r) => r.revisedIn).filter((x): x is string => !!x))];
    const open = list.filter((r) => !r.revisedIn).length;
    return [
      {
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
      },
    ];
  });
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

export interface PageRequest {
  limit: number;
  offset: number;
}

/** A page of the PIs with failed beneficiaries to pay again, soonest revise-by first. */
export async function failedPage(
  ledger: Ledger,
  now: number,
  { limit, offset }: PageRequest,
): Promise<WorklistFailedPage> {
  const found = await ledger.read.all<
    { total: number; benfs: number } & ({ piId: null } | FailedGroupRow)
  >(FAILED_PAGE_SQL, [limit, offset]);
  const order = found.flatMap((g) => (g.piId === null ? [] : [g]));
  const rows = order.length
    ? await ledger.read.all<FailedRow>(FAILED_ROWS_SQL, [JSON.stringify(order.map((g) => g.piId))])
    : [];
  return {
    rows: groupFailed(order, rows, now),
    total: found[0]?.total ?? 0,
    beneficiaries: found[0]?.benfs ?? 0,
  };
}

/** A page of the PIs held, silent or ended at the treasury, longest waiting first. */
export async function stuckPage(
  ledger: Ledger,
  now: number,
  { limit, offset }: PageRequest,
): Promise<Page<WorklistPiRow>> {
  type Row = Omit<WorklistPiRow, 'ageDays' | 'nextStep'> & { total: number };
  const rows = await ledger.read.all<Row>(STUCK_SQL, [now, limit, offset]);
  // Past the end the window has no row to count on: the total is asked for once more.
  const total =
    rows[0]?.total ??
    (offset > 0 ? ((await ledger.read.all<Row>(STUCK_SQL, [now, 1, 0]))[0]?.total ?? 0) : 0);
  const pis: WorklistPiRow[] = [];
  for (const { total: _, ...p } of rows)
    pis.push({
      ...p,
      ageDays: days(now, p.since),
      nextStep: p.reason === 'held' ? await heldNextStep(ledger, p.piId, now) : NEXT_STEP[p.reason],
    });
  return { rows: pis, total };
}
