// Read side of the PI pages: lists and details straight from the ledger's reader connection.
import type { Ledger } from '../../ledger/ledger';
import type { ParsedRequestOf } from '../../../shared/contract';
import type {
  BeneficiaryMatch,
  BeneficiaryRow,
  CallDetail,
  CallRow,
  Page,
  PiDetail,
  PiPage,
  PiRow,
  SmsRow,
} from '../../../shared/types';
import { notFound } from '../errors';
import { refreshService } from '../reconcile/lifecycle';
import { MATCHED_CTE, MATCHED_PI_IDS, searchQuery } from './search';
import { PI_STATUSES, type PiStatus } from '../../../shared/status';
import { heldInfo } from './held-release';
import { nextChecks, piHistory, pushAgain, reviseBy } from './pi-detail-extras';

const PI_COLUMNS = `
SELECT p.id, p.kind, p.bill_no AS billNo, p.bill_date AS billDate, pay.payment_number AS paymentNumber,
       parent.bill_no AS parentBillNo, p.hoa, p.gross_paise AS grossPaise, p.net_paise AS netPaise,
       (SELECT count(*) FROM beneficiaries b WHERE b.pi_id = p.id) AS beneficiaryCount,
       (SELECT count(*) FROM beneficiaries b WHERE b.pi_id = p.id AND b.status = 'Payment Failed') AS failedCount,
       p.status, p.last_message AS lastMessage, p.last_outcome AS lastOutcome, p.updated_at AS updatedAt,
       (p.status = 'Pending' AND p.held_since IS NOT NULL) AS held`;
const PI_JOINS = `
  LEFT JOIN payments pay ON pay.id = p.payment_id
  LEFT JOIN pis parent ON parent.id = p.parent_pi_id`;
const PI_SELECT = `${PI_COLUMNS} FROM pis p ${PI_JOINS}`;

/** A beneficiary as the PI page shows it, with what pays it again (revised PI or new payment). */
export const BENEFICIARY_SELECT = `
SELECT b.id, b.benf_id AS benfId, b.name, b.account_no AS accountNo, b.ifsc, b.mobile, b.amount_paise AS amountPaise,
       b.status, b.utr_no AS utrNo, b.utr_date AS utrDate, b.end_to_end_id AS endToEndId, b.voucher_no AS voucherNo,
       b.failed_reason AS failedReason, b.challan_number AS challanNumber, b.challan_date AS challanDate,
       b.org_bill_ref_no AS orgBillRefNo,
       (SELECT rp.bill_no FROM beneficiaries r JOIN pis rp ON rp.id = r.pi_id
         WHERE r.parent_beneficiary_id = b.id AND rp.status NOT IN ('Failed', 'Declined')
         ORDER BY r.id DESC LIMIT 1) AS revisedInBillNo,
       (SELECT payment_number FROM payments WHERE id = b.moved_to_payment_id) AS movedToPayment
  FROM beneficiaries b`;

const CALL_SELECT = `
SELECT c.id, c.service, c.pi_id AS piId, p.bill_no AS billNo, c.attempt, c.started_at AS startedAt,
       c.duration_ms AS durationMs, c.outcome, c.message
  FROM treasury_calls c LEFT JOIN pis p ON p.id = c.pi_id`;

/**
 * One page of the PI list, newest first, with every status tab's count. The page's ids are
 * picked first (by the (status, id) index, or the search indexes) so the per-row columns
 * are computed for the page only, not for every matching PI.
 */
export async function listPis(ledger: Ledger, q: ParsedRequestOf<'pi.list'>): Promise<PiPage> {
  const { page, counts, capped } = q.search?.trim()
    ? await searched(ledger, q)
    : await listed(ledger, q);
  const total = q.status ? counts[q.status] : PI_STATUSES.reduce((n, s) => n + counts[s], 0);
  const rows = await ledger.read.all<PiRow & { matchJson: string | null }>(
    `WITH page(id, bid, ord) AS (SELECT value ->> 0, value ->> 1, key FROM json_each(?))
     ${PI_COLUMNS},
       CASE WHEN mb.id IS NULL THEN NULL ELSE json_object('id', mb.id, 'benfId', mb.benf_id, 'name', mb.name,
         'accountNo', mb.account_no, 'utrNo', mb.utr_no, 'mobile', mb.mobile, 'status', mb.status) END AS matchJson
       FROM page JOIN pis p ON p.id = page.id ${PI_JOINS}
       LEFT JOIN beneficiaries mb ON mb.id = page.bid
      ORDER BY page.ord`,
    [JSON.stringify(page)],
  );
  return {
    rows: rows.map(({ matchJson, ...row }) =>
      q.search?.trim()
        ? {
            ...heldFlag(row),
            match: matchJson ? (JSON.parse(matchJson) as BeneficiaryMatch) : null,
          }
        : heldFlag(row),
    ),
    total,
    counts,
    ...(capped ? { capped } : {}),
  };
}

type PageIds = {
  page: Array<[number, number | null]>;
  counts: Record<PiStatus, number>;
  capped: boolean;
};

const noCounts = () =>
  Object.fromEntries(PI_STATUSES.map((s) => [s, 0])) as Record<PiStatus, number>;

/** No search: the page from the (status, id) index; the counts from one grouped query on it. */
async function listed(ledger: Ledger, q: ParsedRequestOf<'pi.list'>): Promise<PageIds> {
  const { filter, params } = conditions([
    ['p.status = ?', q.status],
    ['p.kind = ?', q.kind],
  ]);
  const ids = await ledger.read.all<{ id: number }>(
    `SELECT p.id FROM pis p ${filter} ORDER BY ${piOrder(q.sort)} LIMIT ? OFFSET ?`,
    [...params, q.limit, q.offset],
  );
  const counts = noCounts();
  const kind = conditions([['p.kind = ?', q.kind]]);
  for (const g of await ledger.read.all<{ status: PiStatus; n: number }>(
    `SELECT p.status, count(*) AS n FROM pis p ${kind.filter} GROUP BY p.status`,
    kind.params,
  ))
    counts[g.status] = g.n;
  return { page: ids.map((r) => [r.id, null]), counts, capped: false };
}

/**
 * A search: the matching PIs' ids and statuses in one pass over the indexes (at most
 * SEARCH_CAP from each), counted and paged here rather than matched twice.
 */
async function searched(ledger: Ledger, q: ParsedRequestOf<'pi.list'>): Promise<PageIds> {
  const counts = noCounts();
  const search = searchQuery(q.search);
  if (!search) return { page: [], counts, capped: false };
  const { filter, params } = conditions([['p.kind = ?', q.kind]]);
  const hits = await ledger.read.all<{
    id: number;
    status: PiStatus;
    bid: number | null;
    capped: number;
  }>(
    `WITH ${MATCHED_CTE} SELECT p.id, p.status, m.bid, m.capped FROM matched m JOIN pis p ON p.id = m.pi_id ${filter}
      ORDER BY ${piOrder(q.sort)}`,
    [search.pi, search.beneficiary, search.utr, ...params],
  );
  for (const h of hits) counts[h.status]++;
  const page = hits
    .filter((h) => !q.status || h.status === q.status)
    .slice(q.offset, q.offset + q.limit)
    .map((h): [number, number | null] => [h.id, h.bid]);
  return { page, counts, capped: hits.some((h) => h.capped === 1) };
}

/** The PI list's order: by id (the order PIs were made, newest first by default) or bill number (unique index). */
function piOrder(sort: ParsedRequestOf<'pi.list'>['sort']): string {
  const dir = sort?.dir === 'asc' ? 'ASC' : 'DESC';
  return sort?.key === 'billNo' ? `p.bill_no ${dir}` : `p.id ${dir}`;
}

export async function getPi(ledger: Ledger, id: number, now = Date.now()): Promise<PiDetail> {
  const db = ledger.read;
  const row = await db.get<PiDetail['pi']>(
    `SELECT x.*, p.ssu_ia_id AS ssuIaId, p.pmt_inst_id AS pmtInstId, p.pay_inst_date AS payInstDate,
            a.advice_id AS adviceId, a.online_bill_ref_no AS onlineBillRefNo, a.token_number AS tokenNumber,
            a.token_date AS tokenDate, p.voucher_no AS voucherNo, p.completed_at AS completedAt,
            p.purpose, p.payment_id AS paymentId, p.parent_pi_id AS parentPiId
       FROM (${PI_SELECT} WHERE p.id = ?) x
       JOIN pis p ON p.id = x.id
       LEFT JOIN payment_advice a ON a.pi_id = p.id`,
    [id],
  );
  if (!row) throw notFound(`Payment instruction ${id}`);
  const beneficiaries = await db.all<BeneficiaryRow>(
    `${BENEFICIARY_SELECT} WHERE b.pi_id = ? ORDER BY b.id`,
    [id],
  );
  const latestCalls = await db.all<CallRow>(
    `${CALL_SELECT} WHERE c.id IN (SELECT max(id) FROM treasury_calls WHERE pi_id = ? GROUP BY service) ORDER BY c.id DESC`,
    [id],
  );
  const history = await piHistory(db, id, row.beneficiaryCount);
  const revisions = (
    await db.all<PiRow>(`${PI_SELECT} WHERE p.parent_pi_id = ? ORDER BY p.id`, [id])
  ).map(heldFlag);
  const actions: PiDetail['actions'] = [];
  const held = await heldInfo(db, id, now);
  const service = refreshService(row.kind, row.status, held?.stage === 'confirm');
  if (service) actions.push({ kind: 'refresh', service, label: `Refresh (${service})` });
  if (
    row.status === 'Completed' &&
    beneficiaries.some(
      (b) => b.status === 'Payment Failed' && !b.revisedInBillNo && !b.movedToPayment,
    )
  ) {
    actions.push({ kind: 'revise', service: 'COR', label: 'Generate Revised PI' });
  }
  const push = await pushAgain(db, row);
  if (push) actions.push(push);
  return {
    pi: heldFlag(row),
    beneficiaries,
    reviseBy: await reviseBy(db, id, beneficiaries),
    nextCheckAt: await nextChecks(
      db,
      latestCalls.map((c) => c.service),
      now,
    ),
    latestCalls,
    history,
    revisions,
    actions,
    held,
  };
}

/** SQLite's 0/1 as the boolean the contract promises. */
function heldFlag<T extends { held: boolean | number }>(row: T): T & { held: boolean } {
  return { ...row, held: !!row.held };
}

export async function listCalls(
  ledger: Ledger,
  q: ParsedRequestOf<'calls.list'>,
): Promise<Page<CallRow>> {
  const search = q.search?.trim() ? searchQuery(q.search) : undefined;
  if (search === null) return { rows: [], total: 0 };
  const { filter, params } = conditions([
    ['c.pi_id = ?', q.piId],
    ['c.service = ?', q.service],
    ['c.outcome = ?', q.outcome],
    // The calls of the PIs the search finds, through the (pi_id, service, id) index.
    ...(search
      ? [
          [`c.pi_id IN (${MATCHED_PI_IDS})`, search.pi, search.beneficiary, search.utr] as [
            string,
            ...unknown[],
          ],
        ]
      : []),
  ]);
  const dir = q.sort?.dir === 'asc' ? 'ASC' : 'DESC';
  const order = q.sort?.key === 'service' ? `c.service ${dir}, c.id ${dir}` : `c.id ${dir}`;
  const rows = await ledger.read.all<CallRow>(
    `${CALL_SELECT} ${filter} ORDER BY ${order} LIMIT ? OFFSET ?`,
    [...params, q.limit, q.offset],
  );
  return {
    rows,
    ...(await cappedCount(ledger, `SELECT 1 FROM treasury_calls c ${filter}`, params, q.offset)),
  };
}

export async function getCall(ledger: Ledger, id: number): Promise<CallDetail> {
  const row = await ledger.read.get<
    CallRow & {
      httpStatus: number | null;
      requestJson: string | null;
      responseJson: string | null;
      errorDetail: string | null;
    }
  >(
    `SELECT x.*, c.http_status AS httpStatus, c.request_json AS requestJson, c.response_json AS responseJson,
            c.error_detail AS errorDetail
       FROM (${CALL_SELECT} WHERE c.id = ?) x JOIN treasury_calls c ON c.id = x.id`,
    [id],
  );
  if (!row) throw notFound(`Treasury call ${id}`);
  const { requestJson, responseJson, ...rest } = row;
  return { ...rest, request: parseJson(requestJson), response: parseJson(responseJson) };
}

export async function listSms(
  ledger: Ledger,
  q: ParsedRequestOf<'sms.list'>,
): Promise<Page<SmsRow>> {
  const search = q.search?.trim() ? searchQuery(q.search) : undefined;
  if (search === null) return { rows: [], total: 0 };
  const { filter, params } = conditions([
    ['s.status = ?', q.status],
    // A beneficiary found by name, id, account, UTR or mobile, or every one of a PI found by
    // its numbers; both reach sms_outbox through its (beneficiary_id, ...) unique index.
    ...(search
      ? [
          [
            // Every match, not the newest SEARCH_CAP: the outbox counts its own rows.
            `s.beneficiary_id IN (SELECT rowid FROM beneficiary_search WHERE beneficiary_search MATCH ?
               UNION SELECT rowid FROM utr_search WHERE utr_search MATCH ?
               UNION SELECT b2.id FROM beneficiaries b2 WHERE b2.pi_id IN (SELECT rowid FROM pi_search WHERE pi_search MATCH ?))`,
            search.beneficiary,
            search.utr,
            search.pi,
          ] as [string, ...unknown[]],
        ]
      : []),
  ]);
  const dir = q.sort?.dir === 'asc' ? 'ASC' : 'DESC';
  const order = q.sort?.key === 'status' ? `s.status ${dir}, s.id ${dir}` : `s.id ${dir}`;
  const rows = await ledger.read.all<SmsRow>(
    `SELECT s.id, s.beneficiary_id AS beneficiaryId, p.bill_no AS billNo, b.name, s.event, s.utr_no AS utrNo, s.mobile, s.body,
            s.status, s.attempts, s.created_at AS createdAt
       FROM sms_outbox s JOIN beneficiaries b ON b.id = s.beneficiary_id JOIN pis p ON p.id = b.pi_id
      ${filter} ORDER BY ${order} LIMIT ? OFFSET ?`,
    [...params, q.limit, q.offset],
  );
  return {
    rows,
    ...(await cappedCount(ledger, `SELECT 1 FROM sms_outbox s ${filter}`, params, q.offset)),
  };
}

/** Rows counted past a page before a log's total says "at least". */
export const COUNT_CAP = 10_000;

/**
 * How many rows `select` gives, counting no further than COUNT_CAP past `offset`: the call
 * log and the SMS outbox grow by millions, and counting them all on every page read them all.
 */
export async function cappedCount(
  ledger: Ledger,
  select: string,
  params: unknown[],
  offset: number,
): Promise<{ total: number; capped?: true }> {
  const cap = offset + COUNT_CAP;
  const row = await ledger.read.get<{ n: number }>(
    `SELECT count(*) AS n FROM (${select} LIMIT ?)`,
    [...params, cap + 1],
  );
  const n = row?.n ?? 0;
  return n > cap ? { total: cap, capped: true } : { total: n };
}

/** A WHERE clause from the filters that were given: [sql, ...its parameters]. */
function conditions(filters: Array<[string, ...unknown[]]>): { filter: string; params: unknown[] } {
  const given = filters.filter(([, value]) => value !== undefined && value !== null);
  return {
    filter: given.length ? `WHERE ${given.map(([sql]) => sql).join(' AND ')}` : '',
    params: given.flatMap(([, ...values]) => values),
  };
}

// Logged bodies are stored as text; a body that was not JSON is shown as the text it was.
function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
