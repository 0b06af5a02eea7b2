// Pushing a payment instruction. Step 1 (pi-create.ts), one transaction: check the payment
// may get a PI, take a bill number, debit a sanction and create the PI (Pending). Step 2,
// outside any transaction: send it. Step 3, one transaction: apply the answer with its
// call-log row.
import type { AppContext } from '../context';
import type { Conn } from '../../ledger/conn';
import type { CallResult } from '../../jit/types';
import type { PiParams } from '../../jit/services';
import type { PushResult } from '../../../shared/types';
import type { PiStatus } from '../../../shared/status';
import { AppError, notFound, refused } from '../errors';
import { closeCall, openCall, setBeneficiaryStatus, setPiStatus } from './history';
import { createPi } from './pi-create';
import { loadParams } from './pi-params';
import { expectBill } from '../reconcile/beneficiaries';
import { applyGuarded, noAnswer } from '../reconcile/guard';
import type { ApplyContext, Poller, Target } from '../reconcile/poller';

/** PIs being sent right now by this process: one send per PI at a time. */
const sending = new Set<string>();
const sendKey = (app: AppContext, piId: number) => `${app.ledger.file}#${piId}`;

export async function pushPayment(app: AppContext, paymentId: number): Promise<PushResult> {
  const { piId } = await createPi(app, paymentId);
  app.events.emit('pi.changed', { ids: [piId] });
  return sendPi(app, piId);
}

/** Send a Pending PI again: the same bill number and content, never a second number. */
export async function repushPending(app: AppContext, piId: number): Promise<PushResult> {
  const pi = await app.ledger.read.get<{ kind: string; status: PiStatus; billNo: string }>(
    'SELECT kind, status, bill_no AS billNo FROM pis WHERE id = ?',
    [piId],
  );
  if (!pi) throw notFound(`Payment instruction ${piId}`);
  if (pi.kind !== 'PI' || pi.status !== 'Pending') {
    throw refused(
      `${pi.billNo} is ${pi.status}; only a Pending payment instruction is sent again.`,
    );
  }
  return sendPi(app, piId);
}

/** Steps 2 and 3 for one Pending PI. */
async function sendPi(app: AppContext, piId: number): Promise<PushResult> {
  const key = sendKey(app, piId);
  if (sending.has(key))
    throw new AppError(
      'CONFLICT',
      'This payment instruction is being sent right now; wait for its answer.',
    );
  sending.add(key);
  try {
    const params = (await loadParams(app.ledger.read, [piId])).get(piId);
    if (!params) throw notFound(`Payment instruction ${piId}`);
    const request = { serviceId: 'PI', params };
    const callId = await app.ledger.write(async (tx) => {
      const prior = await tx.get<{ n: number }>(
        `SELECT count(*) AS n FROM treasury_calls WHERE pi_id = ? AND service = 'PI'`,
        [piId],
      );
      return openCall(tx, 'PI', request, app.now(), { piId, attempt: (prior?.n ?? 0) + 1 });
    });
    let result: CallResult;
    try {
      result = await app.treasury.call('PI', params as unknown as Record<string, unknown>);
    } catch (err) {
      // The transport classifies trouble itself; anything thrown still means "no answer".
      result = noAnswer('PI', request, app.now(), (err as Error).message);
    }
    result = await app.ledger.write(async (tx) => {
      const applied = await applyGuarded(tx, result, (r) =>
        applyPiResult(tx, piId, r, { callId, at: app.now(), runId: null }),
      );
      await closeCall(tx, callId, applied, piId);
      return applied;
    });
    app.events.emit('pi.changed', { ids: [piId] });
    const pi = await app.ledger.read.get<{ billNo: string; status: PiStatus }>(
      'SELECT bill_no AS billNo, status FROM pis WHERE id = ?',
      [piId],
    );
    return {
      piId,
      billNo: pi!.billNo,
      status: pi!.status,
      outcome: result.outcome,
      message: result.message,
    };
  } finally {
    sending.delete(key);
  }
}

/** The treasury's words for "this bill number is already with us": the bill is named. */
function alreadyHeld(jitError: string | undefined, billNo: string): boolean {
  return (
    !!jitError &&
    jitError.includes(billNo) &&
    /already (exists|pushed|received)|duplicate bill/i.test(jitError)
  );
}

/**
 * Apply a PI push answer. Only a Pending PI changes: a late or repeated answer never undoes
 * what the first answer decided. A Mismatch leaves the PI Pending (funds held), as the
 * engine's contract says.
 */
export async function applyPiResult(
  tx: Conn,
  piId: number,
  result: CallResult,
  ctx: ApplyContext,
): Promise<void> {
  const pi = await tx.get<{ status: PiStatus; billNo: string }>(
    'SELECT status, bill_no AS billNo FROM pis WHERE id = ?',
    [piId],
  );
  if (!pi || pi.status !== 'Pending') return;
  if (result.outcome === 'OK') {
    const data = result.data as { jitBillNo?: string } | undefined;
    expectBill(data?.jitBillNo, pi.billNo, 'jitBillNo');
    await setPiStatus(tx, piId, 'Initiated', ctx.at, 'accepted by JIT', ctx.callId);
    await setBeneficiaryStatus(
      tx,
      piId,
      'all',
      'Payment Initiated',
      ctx.at,
      'accepted by JIT',
      ctx.callId,
    );
    return;
  }
  if (result.outcome !== 'ERROR') return; // No Response: stays Pending, funds held, sent again later.
  // Only the treasury's own "no" fails a PI. A login failure, an HTTP error or an answer we
  // cannot read says nothing about whether it holds the bill: stay Pending, funds held.
  if (!result.refused) return;
  if (alreadyHeld(result.jitError, pi.billNo) && (await sentBefore(tx, piId, ctx.callId))) {
    // An earlier send that got no answer did reach the treasury. Failing now would release
    // funds the treasury is about to pay; PIS confirms (or declines) it from here.
    await setPiStatus(
      tx,
      piId,
      'Initiated',
      ctx.at,
      `treasury already holds this bill: ${result.jitError}`,
      ctx.callId,
    );
    await setBeneficiaryStatus(
      tx,
      piId,
      'all',
      'Payment Initiated',
      ctx.at,
      'already with JIT',
      ctx.callId,
    );
    return;
  }
  await setPiStatus(tx, piId, 'Failed', ctx.at, result.jitError ?? 'refused by JIT', ctx.callId);
  await releaseFunds(
    tx,
    piId,
    ctx.at,
    `${pi.billNo} failed: ${result.jitError ?? 'refused by JIT'}`,
  );
}

async function sentBefore(tx: Conn, piId: number, callId: number): Promise<boolean> {
  const row = await tx.get<{ n: number }>(
    `SELECT count(*) AS n FROM treasury_calls WHERE pi_id = ? AND service = 'PI' AND id <> ? AND outcome = 'NO_RESPONSE'`,
    [piId, callId],
  );
  return (row?.n ?? 0) > 0;
}

/**
 * Give a Failed or Declined PI's debit back, once: whatever the net of its debits and
 * releases still holds. A revised PI has no debit of its own, so this does nothing for it.
 * Returns the paise released.
 */
export async function releaseFunds(
  tx: Conn,
  piId: number,
  at: number,
  reason: string,
): Promise<number> {
  const held = await tx.all<{ sanctionId: number; net: number }>(
    `SELECT sanction_id AS sanctionId, sum(available_delta) AS net FROM funds_transactions
      WHERE pi_id = ? AND kind IN ('pi_debit', 'pi_release') GROUP BY sanction_id`,
    [piId],
  );
  let released = 0;
  for (const h of held) {
    if (h.net >= 0) continue;
    await tx.run(
      `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, note, at)
       VALUES (?, 'pi_release', 0, ?, ?, ?, ?)`,
      [h.sanctionId, -h.net, piId, reason, at],
    );
    released += -h.net;
  }
  return released;
}

export interface PiPushTarget extends Target {
  piId: number;
  request: PiParams;
}

/** The nightly re-send of Pending PIs (No Response on push): same bill number, same content. */
export const piPushPoller: Poller<PiPushTarget> = {
  service: 'PI',
  async select(app) {
    const rows = await app.ledger.read.all<{ id: number; billNo: string }>(
      `SELECT id, bill_no AS billNo FROM pis WHERE kind = 'PI' AND status = 'Pending' ORDER BY id`,
    );
    const free = rows.filter((r) => !sending.has(sendKey(app, r.id)));
    const params = await loadParams(
      app.ledger.read,
      free.map((r) => r.id),
    );
    return free.map((r) => ({ piId: r.id, key: r.billNo, request: params.get(r.id)! }));
  },
  params: (t) => t.request as unknown as Record<string, unknown>,
  apply: (tx, t, result, ctx) => applyPiResult(tx, t.piId, result, ctx),
};
