// PAG: payment advice for an Approved PI. Keeps advice, bill ref and token (PD, FD and COR
// need them); the PI goes In Process and every beneficiary Payment In Process.
import type { Poller, Target } from '../poller';
import { Mismatch } from '../poller';
import { setBeneficiaryStatus, setPiStatus } from '../../pi/history';
import { beneficiariesOf, expectBill, matchAll } from '../beneficiaries';

interface PagTarget extends Target {
  piId: number;
  billDate: string;
  ssuIaId: string;
  pmtInstId: string;
  payInstDate: string;
}

interface PagData {
  billNo?: string;
  finYear: string;
  adviceId: string;
  adviceDate: string;
  onlineBillRefNo: string;
  tokenNumber: string;
  tokenDate: string;
  benfList: Array<{ benfId: string; amount: number }>;
}

export const pagPoller: Poller<PagTarget> = {
  service: 'PAG',
  select: (app) =>
    app.ledger.read.all<PagTarget>(
      `SELECT id AS piId, bill_no AS key, bill_date AS billDate, ssu_ia_id AS ssuIaId, pmt_inst_id AS pmtInstId,
              pay_inst_date AS payInstDate
         FROM pis WHERE kind = 'PI' AND status = 'Approved' ORDER BY id`,
    ),
  params: (t) => ({
    pmtInstId: t.pmtInstId,
    pmtInstDate: t.payInstDate,
    billNo: t.key,
    billDate: t.billDate,
    ssuIaId: t.ssuIaId,
  }),
  async apply(tx, t, result, ctx) {
    if (result.outcome !== 'OK') return;
    const data = result.data as PagData;
    expectBill(data.billNo, t.key, 'billNo');
    const known = await beneficiariesOf(tx, t.piId);
    // An advice covers the whole PI: all of its beneficiaries, each with its own amount.
    if (data.benfList.length !== known.size) {
      throw new Mismatch(
        `Advice lists ${data.benfList.length} beneficiaries; ${t.key} has ${known.size}`,
      );
    }
    for (const m of matchAll(known, data.benfList, t.key)) {
      if (m.amount !== m.row.amountPaise) {
        throw new Mismatch(
          `Advice pays beneficiary ${m.benfId} ${m.amount} paise, the PI says ${m.row.amountPaise}`,
        );
      }
    }
    await tx.run(
      `INSERT INTO payment_advice (pi_id, advice_id, advice_date, online_bill_ref_no, token_number, token_date, fin_year, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (pi_id) DO NOTHING`,
      [
        t.piId,
        data.adviceId,
        data.adviceDate,
        data.onlineBillRefNo,
        data.tokenNumber,
        data.tokenDate,
        data.finYear,
        ctx.at,
      ],
    );
    await tx.run('UPDATE pis SET fin_year = ? WHERE id = ?', [data.finYear, t.piId]);
    await setPiStatus(tx, t.piId, 'In Process', ctx.at, 'payment advice generated', ctx.callId);
    await setBeneficiaryStatus(
      tx,
      t.piId,
      'all',
      'Payment In Process',
      ctx.at,
      'payment advice generated',
      ctx.callId,
    );
  },
};
