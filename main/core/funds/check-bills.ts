// The paid-once invariant: at most one live bill per payment and per failed beneficiary.
// A bill is live while the treasury may pay it: every bill not Failed or Declined, and a
// Failed one any send of which got no clean answer, unless the treasury proved it never
// arrived or staff released it by hand (pi/held.ts). Such a Failed bill is how a lost answer
// used to become a second bill for the same money, so it counts.
import type { Conn } from '../../ledger/conn';
import type { Breach } from '../../../shared/types';

const LIVE = `(p.status NOT IN ('Failed', 'Declined') OR (
  p.status = 'Failed' AND COALESCE(p.held_end, '') NOT IN ('absent', 'released') AND EXISTS (
    SELECT 1 FROM treasury_calls c
     WHERE ((c.service = 'PI' AND c.pi_id = p.id) OR (c.service = 'COR' AND c.call_key = p.bill_no))
       AND c.outcome <> 'OK' AND c.refused = 0)))`;

export async function checkLiveBills(db: Conn): Promise<Breach[]> {
  const payments = await db.all<{ paymentNumber: string; n: number }>(
    `SELECT pay.payment_number AS paymentNumber, count(*) AS n
       FROM pis p JOIN payments pay ON pay.id = p.payment_id
      WHERE p.kind = 'PI' AND ${LIVE} GROUP BY pay.id HAVING count(*) > 1`,
  );
  const beneficiaries = await db.all<{
    piId: number;
    billNo: string;
    benfId: string;
    n: number;
  }>(
    `SELECT f.pi_id AS piId, fp.bill_no AS billNo, f.benf_id AS benfId, count(*) AS n
       FROM beneficiaries b JOIN pis p ON p.id = b.pi_id
       JOIN beneficiaries f ON f.id = b.parent_beneficiary_id JOIN pis fp ON fp.id = f.pi_id
      WHERE p.kind = 'COR' AND ${LIVE} GROUP BY f.id HAVING count(*) > 1`,
  );
  return [
    ...payments.map((d): Breach => ({
      kind: 'ledger',
      message: `Payment ${d.paymentNumber} has ${d.n} live payment instructions.`,
      piId: null,
      sanctionId: null,
    })),
    ...beneficiaries.map((d): Breach => ({
      kind: 'conservation',
      message: `${d.benfId} on ${d.billNo} is paid again by ${d.n} revised PIs.`,
      piId: d.piId,
      sanctionId: null,
    })),
  ];
}
