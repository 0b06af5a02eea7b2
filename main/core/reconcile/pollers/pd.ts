// PD: payment details for an In Process PI (original PIs only; revised PIs use FTPS).
import { Mismatch, type Poller, type Target } from '../poller';
import { applyPaid, applyPaidMany, type PaidAnswer, type PaidDetails } from '../apply-paid';
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
  async applyMany(tx, answers) {
    const out: Array<Mismatch | null> = answers.map(() => null);
    const paid: Array<PaidAnswer & { i: number }> = [];
    answers.forEach(({ target: t, result, ctx }, i) => {
      const data = result.data as PaidDetails & { billNumber?: string };
      try {
        expectBill(data.billNumber, t.key, 'billNumber');
        paid.push({ i, piId: t.piId, billNo: t.key, data, ctx });
      } catch (err) {
        if (!(err instanceof Mismatch)) throw err;
        out[i] = err;
      }
    });
    const { refused, write } = await applyPaidMany(tx, paid);
    paid.forEach((p, j) => (out[p.i] = refused[j]!));
    return { refused: out, write };
  },
};
