// FTPS: payment details of a revised PI. Its answer also carries the revised PI's own bill
// ref and token, which FTFPS needs later, so they are kept as its payment advice. FTPS also
// settles a revised PI held awaiting treasury confirmation (pi/held.ts).
import type { Poller, Target } from '../poller';
import { applyPaid, type PaidDetails } from '../apply-paid';
import { expectBill } from '../beneficiaries';
import { confirmHeld, settleIfAbsent } from '../../pi/held';

interface FtpsTarget extends Target {
  piId: number;
  billDate: string;
  orgBillNo: string;
  orgBillDate: string;
  orgBillRefNo: string;
  held: number;
}

interface FtpsData extends PaidDetails {
  jitCorBillNo?: string;
  /** Absent in the real answer (keyed by jitCorBillNo); when present, the same bill. */
  billNumber?: string | null;
  billRefNo: string;
  tokenNumber: string;
  tokenDate: string;
}

export const ftpsPoller: Poller<FtpsTarget> = {
  service: 'FTPS',
  // jitOrgBillNo/RefNo name the original PI even for a revision of a revision: walk to the root.
  select: (app) =>
    app.ledger.read.all<FtpsTarget>(
      `WITH RECURSIVE chain (id, root) AS (
         SELECT id, id FROM pis WHERE kind = 'PI'
         UNION ALL SELECT c.id, chain.root FROM pis c JOIN chain ON c.parent_pi_id = chain.id)
       SELECT p.id AS piId, p.bill_no AS key, p.bill_date AS billDate, o.bill_no AS orgBillNo, o.bill_date AS orgBillDate,
              a.online_bill_ref_no AS orgBillRefNo, p.status = 'Pending' AS held
         FROM pis p JOIN chain ON chain.id = p.id JOIN pis o ON o.id = chain.root
         JOIN payment_advice a ON a.pi_id = o.id
        WHERE p.kind = 'COR' AND (p.status IN ('Initiated', 'In Process') OR (p.status = 'Pending' AND p.held_since IS NOT NULL))
        ORDER BY p.id`,
    ),
  params: (t) => ({
    jitCorBillNo: t.key,
    jitCorBillDate: t.billDate,
    jitCorBillDeptCode: 'MUKTA',
    jitOrgBillNo: t.orgBillNo,
    jitOrgBillRefNo: t.orgBillRefNo,
    jitOrgBillDate: t.orgBillDate,
  }),
  async apply(tx, t, result, ctx) {
    if (result.outcome !== 'OK') {
      if (t.held)
        await settleIfAbsent(tx, { piId: t.piId, billNo: t.key }, result, ctx.at, ctx.callId);
      return;
    }
    const data = result.data as FtpsData;
    expectBill(data.jitCorBillNo, t.key, 'jitCorBillNo');
    expectBill(data.billNumber, t.key, 'billNumber');
    if (t.held) await confirmHeld(tx, t.piId, 'FTPS', ctx.at, ctx.callId);
    await tx.run(
      `INSERT INTO payment_advice (pi_id, online_bill_ref_no, token_number, token_date, received_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (pi_id) DO NOTHING`,
      [t.piId, data.billRefNo, data.tokenNumber, data.tokenDate, ctx.at],
    );
    await applyPaid(tx, t.piId, t.key, data, ctx);
  },
};
