// PIS: is an Initiated PI approved by the SSU? Approved keeps pmtInstId and payInstDate;
// a "rejected" error declines the PI and gives its funds back.
import type { Poller, Target } from '../poller';
import { Mismatch } from '../poller';
import { setPiStatus } from '../../history';
import { releaseFunds } from '../../push';
import { expectBill } from '../beneficiaries';

interface PisTarget extends Target {
  piId: number;
  billDate: string;
  ssuIaId: string;
  netPaise: number;
}

interface PisData {
  pmtInstId: string;
  payInstDate: string;
  jitBillNumber?: string;
  billNetAmount?: number;
}

/** Per §3: the treasury declines by an error that names the bill and says "rejected". */
export function isDecline(jitError: string | undefined, billNo: string): boolean {
  return !!jitError && jitError.includes(billNo) && /rejected/i.test(jitError);
}

export const pisPoller: Poller<PisTarget> = {
  service: 'PIS',
  select: (app) =>
    app.ledger.read.all<PisTarget>(
      `SELECT id AS piId, bill_no AS key, bill_date AS billDate, ssu_ia_id AS ssuIaId, net_paise AS netPaise
         FROM pis WHERE kind = 'PI' AND status = 'Initiated' ORDER BY id`,
    ),
  params: (t) => ({ jitBillNo: t.key, jitBillDate: t.billDate, ssuIaId: t.ssuIaId }),
  async apply(tx, t, result, ctx) {
    if (result.outcome === 'ERROR' && isDecline(result.jitError, t.key)) {
      if (
        await setPiStatus(
          tx,
          t.piId,
          'Declined',
          ctx.at,
          result.jitError ?? 'rejected by SSU',
          ctx.callId,
        )
      ) {
        await releaseFunds(tx, t.piId, ctx.at, 'declined by SSU');
      }
      return;
    }
    if (result.outcome !== 'OK') return;
    const data = result.data as PisData;
    expectBill(data.jitBillNumber, t.key, 'jitBillNumber');
    if (data.billNetAmount !== undefined && data.billNetAmount !== t.netPaise) {
      throw new Mismatch(
        `Response net amount ${data.billNetAmount} paise does not match the PI's ${t.netPaise} paise`,
      );
    }
    await tx.run('UPDATE pis SET pmt_inst_id = ?, pay_inst_date = ? WHERE id = ?', [
      data.pmtInstId,
      data.payInstDate,
      t.piId,
    ]);
    await setPiStatus(tx, t.piId, 'Approved', ctx.at, 'approved by SSU', ctx.callId);
  },
};
