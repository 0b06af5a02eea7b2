// FTFPS: failed details of a Completed revised PI, keyed by its own bill ref and token.
import type { Poller, Target } from '../poller';
import { applyFailed, type FailedDetails } from '../apply-failed';
import { expectBill } from '../beneficiaries';
import { FAILED_WATCH_DAYS } from './fd';

interface FtfpsTarget extends Target {
  piId: number;
  billDate: string;
  billRefNo: string;
  tokenNumber: string;
  tokenDate: string;
}

export const ftfpsPoller: Poller<FtfpsTarget> = {
  service: 'FTFPS',
  select: (app) =>
    app.ledger.read.all<FtfpsTarget>(
      `SELECT p.id AS piId, p.bill_no AS key, p.bill_date AS billDate, a.online_bill_ref_no AS billRefNo,
              a.token_number AS tokenNumber, a.token_date AS tokenDate
         FROM pis p JOIN payment_advice a ON a.pi_id = p.id
        WHERE p.kind = 'COR' AND p.status = 'Completed' AND p.completed_at >= ? ORDER BY p.id`,
      [app.now() - FAILED_WATCH_DAYS * 86_400_000],
    ),
  params: (t) => ({
    jitCorBillNo: t.key,
    jitCorBillDate: t.billDate,
    billRefNo: t.billRefNo,
    tokenNumber: t.tokenNumber,
    tokenDate: t.tokenDate,
  }),
  async apply(tx, t, result, ctx) {
    if (result.outcome !== 'OK') return;
    const data = result.data as FailedDetails & { jitCorBillNo?: string; billNumber?: string };
    expectBill(data.jitCorBillNo, t.key, 'jitCorBillNo');
    await applyFailed(tx, t.piId, t.key, data, ctx);
  },
};
