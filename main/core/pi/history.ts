// Writers shared by every business step: the call-log row, the audit rows. Each runs inside
// the step's transaction (tx), so a state change and its log commit together or not at all.
import type { Conn } from '../../ledger/conn';
import type { CallResult } from '../../jit/types';
import type { BeneficiaryStatus, PiStatus } from '../../../shared/status';
import { disbursementPiChanged } from '../exchange/disburse-status';
import { elementsOf, type StagedWrite } from '../../ledger/staged';

export interface CallContext {
  piId?: number | null;
  callKey?: string | null;
  runId?: number | null;
  attempt?: number;
}

/** Log one treasury call and mirror its message on the PI (the page shows the latest). */
export async function logCall(tx: Conn, result: CallResult, ctx: CallContext): Promise<number> {
  const callId = await openCall(tx, result.service, result.request, result.startedAt, ctx);
  await closeCall(tx, callId, result, ctx.piId ?? null);
  return callId;
}

/** Move a PI to a new status with its audit row; a no-op when it is already there. */
export async function setPiStatus(
  tx: Conn,
  piId: number,
  to: PiStatus,
  at: number,
  reason: string | null,
  callId: number | null,
): Promise<boolean> {
  const row = await tx.get<{ status: PiStatus }>('SELECT status FROM pis WHERE id = ?', [piId]);
  if (!row || row.status === to) return false;
  await tx.run(
    `UPDATE pis SET status = ?, updated_at = ?, completed_at = CASE WHEN ? = 'Completed' THEN ? ELSE completed_at END WHERE id = ?`,
    [to, at, to, at, piId],
  );
  await tx.run(
    'INSERT INTO status_history (pi_id, from_status, to_status, reason, call_id, at) VALUES (?, ?, ?, ?, ?, ?)',
    [piId, row.status, to, reason, callId, at],
  );
  // A disbursement's sender hears of every change, in this same transaction (outbox).
  await disbursementPiChanged(tx, piId, at);
  return true;
}

/**
 * Move many beneficiaries of one PI at once (set-based: one statement for the audit rows,
 * one for the update), skipping those already in the target status.
 */
export async function setBeneficiaryStatus(
  tx: Conn,
  piId: number,
  beneficiaryIds: number[] | 'all',
  to: BeneficiaryStatus,
  at: number,
  reason: string | null,
  callId: number | null,
): Promise<number> {
  const idFilter = beneficiaryIds === 'all' ? '' : 'AND id IN (SELECT value FROM json_each(?))';
  const idParam = beneficiaryIds === 'all' ? [] : [JSON.stringify(beneficiaryIds)];
  await tx.run(
    `INSERT INTO status_history (pi_id, beneficiary_id, from_status, to_status, reason, call_id, at)
     SELECT pi_id, id, status, ?, ?, ?, ? FROM beneficiaries WHERE pi_id = ? AND status <> ? ${idFilter}`,
    [to, reason, callId, at, piId, to, ...idParam],
  );
  const { changes } = await tx.run(
    `UPDATE beneficiaries SET status = ?, updated_at = ? WHERE pi_id = ? AND status <> ? ${idFilter}`,
    [to, at, piId, to, ...idParam],
  );
  if (changes > 0) await disbursementPiChanged(tx, piId, at);
  return changes;
}

/**
 * Write-ahead half of a call-log row: written before the request leaves, so a crash between
 * sending and applying still leaves the call in the log (start-up closes it as interrupted).
 */
export async function openCall(
  tx: Conn,
  service: string,
  request: unknown,
  at: number,
  ctx: CallContext,
): Promise<number> {
  const { lastID } = await tx.run(
    `INSERT INTO treasury_calls (service, pi_id, call_key, run_id, attempt, started_at, duration_ms, outcome, message,
                                 request_json, error_detail, in_flight)
     VALUES (?, ?, ?, ?, ?, ?, 0, 'NO_RESPONSE', ?, ?, 'in flight', 1)`,
    [
      service,
      ctx.piId ?? null,
      ctx.callKey ?? null,
      ctx.runId ?? null,
      ctx.attempt ?? 1,
      at,
      `On call of ${service} API: No response is received.`,
      JSON.stringify(request ?? null),
    ],
  );
  return lastID;
}

/**
 * openCall for many calls of one service at once (the engine's write-ahead batches): one
 * statement for the lot. Returns the rows' ids in the order of `calls`.
 */
export async function openCalls(
  tx: Conn,
  service: string,
  calls: Array<{ request: unknown; at: number; ctx: CallContext }>,
): Promise<number[]> {
  if (calls.length === 0) return [];
  const rows = calls.map(({ request, at, ctx }) => ({
    piId: ctx.piId ?? null,
    callKey: ctx.callKey ?? null,
    runId: ctx.runId ?? null,
    attempt: ctx.attempt ?? 1,
    at,
    request: JSON.stringify(request ?? null),
  }));
  const ids = await tx.all<{ id: number }>(
    `INSERT INTO treasury_calls (service, pi_id, call_key, run_id, attempt, started_at, duration_ms, outcome, message,
                                 request_json, error_detail, in_flight)
     SELECT ?1, j.value ->> 'piId', j.value ->> 'callKey', j.value ->> 'runId', j.value ->> 'attempt', j.value ->> 'at',
            0, 'NO_RESPONSE', ?2, j.value ->> 'request', 'in flight', 1
       FROM jsonb_each(jsonb(?3)) j ORDER BY j.key
     RETURNING id`,
    [service, `On call of ${service} API: No response is received.`, JSON.stringify(rows)],
  );
  // RETURNING gives no order; ids rise in the order the rows were inserted, which is theirs.
  return ids.map((r) => r.id).sort((a, b) => a - b);
}

/** Complete a write-ahead row with what happened, and mirror its message on the PI. */
export async function closeCall(
  tx: Conn,
  callId: number,
  result: CallResult,
  piId: number | null,
): Promise<void> {
  const response = loggedResponse(result.response);
  const detail = [result.errorDetail, response.cut].filter(Boolean).join('; ') || null;
  await tx.run(
    `UPDATE treasury_calls SET started_at = ?, duration_ms = ?, outcome = ?, message = ?, http_status = ?, request_json = ?,
            response_json = ?, error_detail = ?, refused = ?, in_flight = 0
      WHERE id = ?`,
    [
      result.startedAt,
      Math.round(result.durationMs),
      result.outcome,
      result.message,
      result.httpStatus,
      JSON.stringify(result.request ?? null),
      response.json,
      detail,
      result.outcome === 'ERROR' && result.refused ? 1 : 0,
      callId,
    ],
  );
  if (piId) await mirrorOnPi(tx, piId, result);
}

/**
 * closeCall for many calls at once (a batch's, by the exec that makes its other writes): the
 * call rows staged once as JSONB, since both statements read them (the rows, then the message
 * mirrored on each PI) and the answers inside are long.
 */
export function closingCalls(
  calls: Array<{ callId: number; result: CallResult; piId: number | null }>,
): StagedWrite {
  const rows = calls.map(({ callId, result, piId }) => {
    const response = loggedResponse(result.response);
    return {
      id: callId,
      piId,
      startedAt: result.startedAt,
      durationMs: Math.round(result.durationMs),
      outcome: result.outcome,
      message: result.message,
      httpStatus: result.httpStatus,
      request: JSON.stringify(result.request ?? null),
      response: response.json,
      detail: [result.errorDetail, response.cut].filter(Boolean).join('; ') || null,
      refused: result.outcome === 'ERROR' && result.refused ? 1 : 0,
    };
  });
  return { docs: { calls: JSON.stringify(rows) }, sql: CLOSE_CALLS };
}

const CLOSE_CALLS = `
UPDATE treasury_calls SET started_at = j.value ->> 'startedAt', duration_ms = j.value ->> 'durationMs',
       outcome = j.value ->> 'outcome', message = j.value ->> 'message', http_status = j.value ->> 'httpStatus',
       request_json = j.value ->> 'request', response_json = j.value ->> 'response',
       error_detail = j.value ->> 'detail', refused = j.value ->> 'refused', in_flight = 0
  FROM ${elementsOf('calls')} j
 WHERE treasury_calls.id = j.value ->> 'id';
UPDATE pis SET last_message = j.value ->> 'message', last_outcome = j.value ->> 'outcome',
       updated_at = (j.value ->> 'startedAt') + (j.value ->> 'durationMs')
  FROM ${elementsOf('calls')} j
 WHERE pis.id = j.value ->> 'piId';
`;

/** The most of one answer the call log keeps: a 200 MB answer was once stored whole. */
export const MAX_LOGGED_RESPONSE_CHARS = 256 * 1024;

/** The response as the log stores it: whole, or its start with a note that it was cut. */
function loggedResponse(response: unknown): { json: string | null; cut: string | null } {
  if (response === null || response === undefined) return { json: null, cut: null };
  const json = JSON.stringify(response);
  if (json.length <= MAX_LOGGED_RESPONSE_CHARS) return { json, cut: null };
  const cut = `response cut in the log: only its first characters of ${json.length} kept`;
  // Quoting the start escapes its quotes: shorten it until the stored text fits.
  let start = json.slice(0, MAX_LOGGED_RESPONSE_CHARS);
  let stored = JSON.stringify({ cut, start });
  while (stored.length > MAX_LOGGED_RESPONSE_CHARS) {
    start = start.slice(0, start.length - (stored.length - MAX_LOGGED_RESPONSE_CHARS));
    stored = JSON.stringify({ cut, start });
  }
  return { json: stored, cut };
}

/** The PI page shows the latest call's message and outcome. */
async function mirrorOnPi(tx: Conn, piId: number, result: CallResult): Promise<void> {
  await tx.run('UPDATE pis SET last_message = ?, last_outcome = ?, updated_at = ? WHERE id = ?', [
    result.message,
    result.outcome,
    result.startedAt + Math.round(result.durationMs),
    piId,
  ]);
}

/** After a crash: calls that never got their answer applied are closed as No Response. */
export async function closeInterrupted(tx: Conn, at: number): Promise<number> {
  const { changes } = await tx.run(
    `UPDATE treasury_calls SET in_flight = 0,
            error_detail = 'interrupted: the console stopped before this call''s answer was applied'
      WHERE in_flight = 1`,
  );
  await tx.run(
    `UPDATE job_runs SET state = 'interrupted', finished_at = ?, message = 'the console stopped during this run'
      WHERE state = 'running'`,
    [at],
  );
  return changes;
}
