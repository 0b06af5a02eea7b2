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

export { releaseFunds } from '../funds/release';
import { closeCall, openCall, setPiStatus } from './history';
import { createPi } from './pi-create';
import { recordRefusal } from '../payments/refusals';
import { loadParams } from './pi-params';
import { releaseFunds } from '../funds/release';
import { acceptPending, holdRefused, sentUncertain } from './held';
import { applyGuarded, noAnswer } from '../reconcile/guard';
import { DEFAULT_SAVE_RETRY, saveAnswer, saveWaiting } from '../reconcile/save';
import type { ApplyContext, Poller, Target } from '../reconcile/poller';

/** PIs being sent right now by this process: one send per PI at a time. */
const sending = new Set<string>();
const sendKey = (app: AppContext, piId: number) => `${app.ledger.file}#${piId}`;

export async function pushPayment(app: AppContext, paymentId: number): Promise<PushResult> {
  let piId: number;
  try {
    ({ piId } = await createPi(app, paymentId));
  } catch (err) {
    // Keeping the reason must never hide it: if the ledger cannot take it now, the caller still
    // gets the refusal itself.
    if (err instanceof AppError && err.code === 'REFUSED')
      await recordRefusal(app, paymentId, err.message).catch(() => undefined);
    throw err;
  }
  app.events.emit('pi.changed', { ids: [piId] });
  return sendPi(app, piId);
}

/** Send a Pending PI again: the same bill number and content, never a second number. */
export async function repushPending(app: AppContext, piId: number): Promise<PushResult> {
  const pi = await app.ledger.read.get<{
    kind: string;
    status: PiStatus;
    billNo: string;
    heldSince: number | null;
  }>('SELECT kind, status, bill_no AS billNo, held_since AS heldSince FROM pis WHERE id = ?', [
    piId,
  ]);
  if (!pi) throw notFound(`Payment instruction ${piId}`);
  if (pi.heldSince !== null && pi.status === 'Pending') {
    throw refused(
      `${pi.billNo} is awaiting treasury confirmation: it is not sent again, PIS settles it.`,
    );
  }
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
    result = await saveAnswer(
      app.ledger,
      async (tx) => {
        const applied = await applyGuarded(tx, result, (r) =>
          applyPiResult(tx, piId, r, { callId, at: app.now(), runId: null }),
        );
        await closeCall(tx, callId, applied, piId);
        return applied;
      },
      { ...DEFAULT_SAVE_RETRY, onTrouble: (message) => saveWaiting(app, 'PI', message) },
    );
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

/**
 * Apply a PI push answer. Only a Pending PI that is not held changes: a late or repeated
 * answer never undoes what the first answer decided. A Mismatch leaves the PI Pending (funds
 * held), as the engine's contract says.
 */
export async function applyPiResult(
  tx: Conn,
  piId: number,
  result: CallResult,
  ctx: ApplyContext,
): Promise<void> {
  const pi = await tx.get<{ status: PiStatus; billNo: string; heldSince: number | null }>(
    'SELECT status, bill_no AS billNo, held_since AS heldSince FROM pis WHERE id = ?',
    [piId],
  );
  if (!pi || pi.status !== 'Pending' || pi.heldSince !== null) return;
  if (result.outcome === 'OK') {
    const data = result.data as { jitBillNo?: string } | undefined;
    const echoed = { field: 'jitBillNo', value: data?.jitBillNo };
    return acceptPending(tx, piId, pi.billNo, echoed, ctx.at, ctx.callId);
  }
  // No Response, or an answer that is not the treasury's own "no" (a login failure, an HTTP
  // error, a body we cannot read): it may hold the bill. Stay Pending, funds held, sent again.
  if (result.outcome !== 'ERROR' || !result.refused) return;
  if (await sentUncertain(tx, { piId, billNo: pi.billNo }, ctx.callId)) {
    // An earlier send may have reached the treasury: this "no", whatever its words, may mean
    // it already has the bill. Failing now could pay it twice; PIS settles it from here.
    await holdRefused(tx, piId, result, ctx.at, ctx.callId);
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

export interface PiPushTarget extends Target {
  piId: number;
  request: PiParams;
}

/** The nightly re-send of Pending PIs (No Response on push): same bill number, same content. Held PIs go to PIS instead. */
export const piPushPoller: Poller<PiPushTarget> = {
  service: 'PI',
  async select(app) {
    const rows = await app.ledger.read.all<{ id: number; billNo: string }>(
      `SELECT id, bill_no AS billNo FROM pis
        WHERE kind = 'PI' AND status = 'Pending' AND held_since IS NULL ORDER BY id`,
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
