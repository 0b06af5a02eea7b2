// VA: the nightly virtual-allotment poll, one target per head of account and DDO. fromDate
// is the last successful run for that head (first time: its effective date), kept on the head.
import type { Poller, Target } from '../reconcile/poller';
import { Mismatch } from '../reconcile/poller';
import { treasuryDate } from '../../../shared/time';
import { applyAllotments, type VaHead, type VaRow } from './allotments';

export interface VaTarget extends Target, VaHead {
  fromDate: string;
}

export const vaPoller: Poller<VaTarget> = {
  service: 'VA',
  select: (app) =>
    app.ledger.read.all<VaTarget>(
      `SELECT NULL AS piId, h.hoa AS key, h.hoa, h.tenant_id AS tenantId,
              h.ddo_code AS ddoCode, h.grantee_code AS granteeCode, h.ssu_ia_id AS ssuIaId,
              COALESCE(h.va_from_date, h.effective_date) AS fromDate
         FROM heads_of_account h ORDER BY h.tenant_id, h.priority, h.hoa, h.ddo_code`,
    ),
  params: (t) => ({
    hoa: t.hoa,
    ddoCode: t.ddoCode,
    granteCode: t.granteeCode,
    fromDate: t.fromDate,
  }),
  async apply(tx, t, result, ctx) {
    if (result.outcome !== 'OK') return;
    if (!Array.isArray(result.data)) throw new Mismatch('VA data is not a list of allotments');
    await applyAllotments(tx, t, result.data as VaRow[], ctx.at);
    // The next run asks from the start of this run's day: the windows overlap on purpose (an
    // allotment posted while we were asking is not missed) and repeats are ignored by key.
    const from = `${treasuryDate(result.startedAt)} 00:00:00`;
    await tx.run('UPDATE heads_of_account SET va_from_date = ? WHERE hoa = ? AND ddo_code = ?', [
      from,
      t.hoa,
      t.ddoCode,
    ]);
  },
};
