// The nightly re-send of a revised PI kept Pending after a push without a clean answer: the
// same number and the exact request first sent (from the call log), as for a Pending PI. OK
// makes it Initiated; a refusal, whatever its words, holds it for FTPS (held.ts).
import type { Conn } from '../../ledger/conn';
import type { CallResult } from '../../jit/types';
import type { PiStatus } from '../../../shared/status';
import type { ApplyContext, Poller, Target } from '../reconcile/poller';
import { acceptPending, holdRefused } from './held';

export interface CorPushTarget extends Target {
  piId: number;
  callKey: string;
  request: Record<string, unknown>;
}

export const corPushPoller: Poller<CorPushTarget> = {
  service: 'COR',
  async select(app) {
    const rows = await app.ledger.read.all<{ id: number; billNo: string; request: string | null }>(
      `SELECT p.id, p.bill_no AS billNo,
              (SELECT c.request_json FROM treasury_calls c
                WHERE c.service = 'COR' AND c.call_key = p.bill_no ORDER BY c.id LIMIT 1) AS request
         FROM pis p WHERE p.kind = 'COR' AND p.status = 'Pending' AND p.held_since IS NULL ORDER BY p.id`,
    );
    return rows
      .filter((r) => r.request)
      .map((r) => ({
        piId: r.id,
        key: r.billNo,
        callKey: r.billNo,
        request: (JSON.parse(r.request!) as { params: Record<string, unknown> }).params,
      }));
  },
  params: (t) => t.request,
  apply: (tx, t, result, ctx) => applyCorResend(tx, t.piId, t.key, result, ctx),
};

export async function applyCorResend(
  tx: Conn,
  corId: number,
  billNo: string,
  result: CallResult,
  ctx: ApplyContext,
): Promise<void> {
  const cor = await tx.get<{ status: PiStatus; heldSince: number | null }>(
    'SELECT status, held_since AS heldSince FROM pis WHERE id = ?',
    [corId],
  );
  if (!cor || cor.status !== 'Pending' || cor.heldSince !== null) return;
  if (result.outcome === 'OK') {
    const data = result.data as { jitCorBillNo?: string } | undefined;
    const echoed = { field: 'jitCorBillNo', value: data?.jitCorBillNo };
    return acceptPending(tx, corId, billNo, echoed, ctx.at, ctx.callId);
  }
  if (result.outcome !== 'ERROR' || !result.refused) return;
  // It exists because an earlier send got no clean answer: this "no" may mean JIT has it.
  await holdRefused(tx, corId, result, ctx.at, ctx.callId);
}
