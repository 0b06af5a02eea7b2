// PD: payment details for an In Process PI (original PIs only; revised PIs use FTPS).
import type { Poller, Target } from '../poller';
import { applyPaid, type PaidDetails } from '../apply-paid';
import { expectBill } from '../beneficiaries';

interface PdTarget extends Target {
  piId: number;
  finYear: string;
  billRefNo: string;
  tokenNumber: string;
  tokenDate: string;
}

export const pdPoller: Poller<PdTarget> = {
  service: 'PD',
  select: (app) =>
    app.ledger.read.all<PdTarget>(
      `SELECT p.id AS piId, p.bill_no AS key, a.fin_year AS finYear, a.online_bill_ref_no AS billRefNo,
              a.token_number AS tokenNumber, a.token_date AS tokenDate
         FROM pis p JOIN payment_advice a ON a.pi_id = p.id
        WHERE p.kind = 'PI' AND p.status = 'In Process' ORDER BY p.id`,
    ),
  params: (t) => ({
    finYear: t.finYear,
    extAppName: 'MUKTA',
    billRefNo: t.billRefNo,
    tokenNumber: t.tokenNumber,
    tokenDate: t.tokenDate,
  }),
  async apply(tx, t, result, ctx) {
    if (result.outcome !== 'OK') return;
    const data = result.data as PaidDetails & { billNumber?: string };
    expectBill(data.billNumber, t.key, 'billNumber');
    await applyPaid(tx, t.piId, t.key, data, ctx);
  },
};
