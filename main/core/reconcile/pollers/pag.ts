// PAG: payment advice for an Approved PI. Keeps advice, bill ref and token (PD, FD and COR
// need them); the PI goes In Process and every beneficiary Payment In Process.
import type { Poller, Target } from '../poller';
import { applyAdvice, applyAdviceMany, type AdviceData } from '../apply-advice';

interface PagTarget extends Target {
  piId: number;
  billDate: string;
  ssuIaId: string;
  pmtInstId: string;
  payInstDate: string;
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
    await applyAdvice(tx, { piId: t.piId, billNo: t.key, data: result.data as AdviceData, ctx });
  },
  applyMany: (tx, answers) =>
    applyAdviceMany(
      tx,
      answers.map(({ target: t, result, ctx }) => ({
        piId: t.piId,
        billNo: t.key,
        data: result.data as AdviceData,
        ctx,
      })),
    ),
};
