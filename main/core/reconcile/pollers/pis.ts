// PIS: is an Initiated PI approved by the SSU? Approved keeps pmtInstId and payInstDate;
// a "rejected" error declines the PI and gives its funds back. PIS also settles a PI held
// awaiting treasury confirmation (pi/held.ts): its data confirms it, a decline declines it,
// and only repeated "not known" answers fail it.
import type { Poller, Target } from '../poller';
import { Mismatch } from '../poller';
import { setPiStatus } from '../../pi/history';
import { releaseFunds } from '../../funds/release';
import { confirmHeld, endHold, settleIfAbsent } from '../../pi/held';
import { expectBill } from '../beneficiaries';
import { isPisDecline } from '../../../jit/services/pis';

interface PisTarget extends Target {
  piId: number;
  billDate: string;
  ssuIaId: string;
  netPaise: number;
  grossPaise: number;
  beneficiaryCount: number;
  held: number;
}

interface PisData {
  pmtInstId: string;
  payInstDate: string;
  jitBillNumber?: string;
  billNetAmount?: number;
  billGrossAmount?: number;
  totalNumberOfBeneficiary?: number | string;
}

export const pisPoller: Poller<PisTarget> = {
  service: 'PIS',
  select: (app) =>
    app.ledger.read.all<PisTarget>(
      `SELECT id AS piId, bill_no AS key, bill_date AS billDate, ssu_ia_id AS ssuIaId, net_paise AS netPaise,
              gross_paise AS grossPaise, (SELECT count(*) FROM beneficiaries b WHERE b.pi_id = pis.id) AS beneficiaryCount,
              status = 'Pending' AS held
         FROM pis WHERE kind = 'PI' AND (status = 'Initiated' OR (status = 'Pending' AND held_since IS NOT NULL))
        ORDER BY id`,
    ),
  params: (t) => ({ jitBillNo: t.key, jitBillDate: t.billDate, ssuIaId: t.ssuIaId }),
  async apply(tx, t, result, ctx) {
    if (isPisDecline(result, t.key)) {
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
        await endHold(tx, t.piId, 'confirmed');
      }
      return;
    }
    if (result.outcome !== 'OK') {
      if (t.held)
        await settleIfAbsent(tx, { piId: t.piId, billNo: t.key }, result, ctx.at, ctx.callId);
      return;
    }
    const data = result.data as PisData;
    expectBill(data.jitBillNumber, t.key, 'jitBillNumber');
    if (data.billGrossAmount !== undefined && data.billGrossAmount !== t.grossPaise) {
      throw new Mismatch(
        `Response gross amount ${data.billGrossAmount} paise does not match the PI's ${t.grossPaise} paise`,
      );
    }
    if (
      data.totalNumberOfBeneficiary !== undefined &&
      Number(data.totalNumberOfBeneficiary) !== t.beneficiaryCount
    ) {
      throw new Mismatch(
        `Response counts ${data.totalNumberOfBeneficiary} beneficiaries; the PI has ${t.beneficiaryCount}`,
      );
    }
    if (data.billNetAmount !== undefined && data.billNetAmount !== t.netPaise) {
      throw new Mismatch(
        `Response net amount ${data.billNetAmount} paise does not match the PI's ${t.netPaise} paise`,
      );
    }
    if (t.held) await confirmHeld(tx, t.piId, 'PIS', ctx.at, ctx.callId);
    await tx.run('UPDATE pis SET pmt_inst_id = ?, pay_inst_date = ? WHERE id = ?', [
      data.pmtInstId,
      data.payInstDate,
      t.piId,
    ]);
    await setPiStatus(tx, t.piId, 'Approved', ctx.at, 'approved by SSU', ctx.callId);
  },
};
