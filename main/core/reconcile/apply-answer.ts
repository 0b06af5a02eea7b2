// Applying the engine's answers inside a batch's transaction: one at a time (every service),
// or set-based for a whole batch where the poller can (applyMany).
import type { Conn } from '../../ledger/conn';
import type { CallResult } from '../../jit/types';
import type { PiKind, PiStatus, Service } from '../../../shared/status';
import { closeCall, closingCalls } from '../pi/history';
import { writeStaged } from '../../ledger/staged';
import { CONFIRM_SERVICE } from '../pi/held';
import { POLLS } from './lifecycle';
import { applyGuarded, refusedBy } from './guard';
import type { Answer } from './batch';
import type { Poller } from './poller';

/**
 * Apply one answer with its call row, inside the batch's transaction. The target was selected
 * before the call; a Refresh (here or in another process on this ledger) may have moved the PI
 * since. Then the answer is logged, closing its row, but not applied, and the PI keeps the
 * message of the answer that moved it.
 */
export async function applyAnswer(
  tx: Conn,
  poller: Poller,
  { target, callId, result }: Answer,
  runId: number,
  at: number,
): Promise<CallResult> {
  if (target.piId && !(await stillDue(tx, poller.service, target.piId))) {
    const late = [result.errorDetail, 'not applied: the PI had already moved on']
      .filter(Boolean)
      .join('; ');
    await closeCall(tx, callId, { ...result, errorDetail: late }, null);
    return result;
  }
  const ctx = { callId, at, runId };
  const applied = await applyGuarded(tx, result, (r) => poller.apply(tx, target, r, ctx));
  await closeCall(tx, callId, applied, target.piId);
  return applied;
}

interface DueRow {
  id: number;
  kind: PiKind;
  status: PiStatus;
  held: number;
}

/** Is the PI still in a status this service polls? (Only then may its answer apply.) */
async function stillDue(tx: Conn, service: Service, piId: number): Promise<boolean> {
  const pi = await tx.get<DueRow>(
    `SELECT id, kind, status, held_since IS NOT NULL AS held FROM pis WHERE id = ?`,
    [piId],
  );
  return !!pi && isDue(service, pi);
}

function isDue(service: Service, pi: DueRow): boolean {
  if (pi.status === 'Pending' && pi.held) return service === CONFIRM_SERVICE[pi.kind];
  if (service === 'PI') return pi.kind === 'PI' && pi.status === 'Pending';
  if (service === 'COR') return pi.kind === 'COR' && pi.status === 'Pending';
  const poll = POLLS[service as keyof typeof POLLS];
  return !poll || (poll.kind === pi.kind && poll.statuses.includes(pi.status));
}

/**
 * The set-based path of a batch: the OK answers of PIs still due whose changes no
 * disbursement's sender must hear of, checked by the poller's applyMany, then their writes and
 * their call rows closed by one exec. The rest (undefined here) go through applyAnswer one by
 * one.
 */
export async function applyAnswers(
  tx: Conn,
  poller: Poller,
  answers: Answer[],
  runId: number,
  now: () => number,
): Promise<Array<CallResult | undefined>> {
  const out: Array<CallResult | undefined> = answers.map(() => undefined);
  const candidates = answers.filter((a) => a.target.piId && a.result.outcome === 'OK');
  if (!poller.applyMany || candidates.length < 2) return out;
  const rows = await tx.all<DueRow & { disbursed: number }>(
    `SELECT p.id, p.kind, p.status, p.held_since IS NOT NULL AS held,
            EXISTS (SELECT 1 FROM exchange_disbursements d
                     WHERE d.payment_id = COALESCE(p.payment_id, (SELECT q.payment_id FROM pis q WHERE q.id = p.parent_pi_id)))
              AS disbursed
       FROM pis p WHERE p.id IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(candidates.map((a) => a.target.piId))],
  );
  const plain = new Set(
    rows.filter((r) => !r.disbursed && isDue(poller.service, r)).map((r) => r.id),
  );
  const fast = candidates.filter((a) => plain.has(a.target.piId!));
  const { refused, write } = await poller.applyMany(
    tx,
    fast.map((a) => ({
      target: a.target,
      result: a.result,
      ctx: { callId: a.callId, at: now(), runId },
    })),
  );
  const at = new Map(answers.map((a, i) => [a, i]));
  const done = fast.flatMap((a, i) => {
    const r = refused[i];
    if (r === undefined) return [];
    return [
      {
        i: at.get(a)!,
        callId: a.callId,
        piId: a.target.piId,
        result: r ? refusedBy(a.result, r) : a.result,
      },
    ];
  });
  // The answers' writes and their call rows closed: one trip to the ledger's thread.
  await writeStaged(tx, [write, closingCalls(done)]);
  for (const d of done) out[d.i] = d.result;
  return out;
}
