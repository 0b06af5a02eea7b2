// Past the revised-PI window "the failed amount needs a new original PI" (jit-protocol §4).
// The failed amount is released from the original debit and becomes a payment of its own,
// pushed like any other (with its own debit), in one transaction: nothing is paid twice and
// nothing stays held for a payment that can no longer be made.
import type { AppContext } from '../context';
import type { ParsedRequestOf } from '../../../shared/contract';
import type { ReissueResult } from '../../../shared/types';
import { refused } from '../errors';
import { choose, evaluate } from './revise';

export async function reissueFailed(
  app: AppContext,
  input: ParsedRequestOf<'pi.reissue'>,
): Promise<ReissueResult> {
  const at = app.now();
  const result = await app.ledger.write(async (tx) => {
    const { pi, eligibility } = await evaluate(tx, input.piId, at);
    if (!eligibility.newPiOffered) {
      throw refused(
        eligibility.allowed
          ? `The revised-PI window of ${pi.rootBillNo} is open until ${eligibility.windowEndsOn}: generate a revised PI instead.`
          : (eligibility.reason ?? `${pi.billNo} has nothing to move to a new payment.`),
      );
    }
    const chosen = choose(eligibility.beneficiaries, input.beneficiaries, pi.billNo);
    const root = await tx.get<{
      paymentNumber: string;
      tenantId: string;
      hoa: string;
      purpose: string;
      sanctionId: number;
    }>(
      `SELECT pay.payment_number AS paymentNumber, pay.tenant_id AS tenantId, pay.hoa, pay.purpose, r.sanction_id AS sanctionId
         FROM pis r JOIN payments pay ON pay.id = r.payment_id WHERE r.id = ?`,
      [pi.rootId],
    );
    if (!root?.sanctionId)
      throw refused(`${pi.rootBillNo} has no payment and debit to move the failed amount from.`);
    const earlier = await tx.get<{ n: number }>(
      'SELECT count(*) AS n FROM payments WHERE reissue_of_pi_id = ?',
      [pi.rootId],
    );
    const paymentNumber = `${root.paymentNumber}/R${(earlier?.n ?? 0) + 1}`;
    const amount = chosen.reduce((sum, c) => sum + c.row.amountPaise, 0);
    const { lastID: paymentId } = await tx.run(
      `INSERT INTO payments (payment_number, tenant_id, hoa, purpose, gross_paise, net_paise, source_file, imported_at, reissue_of_pi_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        paymentNumber,
        root.tenantId,
        root.hoa,
        root.purpose,
        amount,
        amount,
        `failed on ${pi.billNo}`,
        at,
        pi.rootId,
      ],
    );
    const picks = JSON.stringify(
      chosen.map((c) => ({ id: c.row.id, accountNo: c.accountNo, ifsc: c.ifsc })),
    );
    await tx.run(
      `INSERT INTO payment_beneficiaries (payment_id, line_no, benef_id, name, account_no, ifsc, mobile, email, address,
                                          account_type, amount_paise)
       SELECT ?, j.key + 1, b.benf_id, b.name, j.value ->> 'accountNo', j.value ->> 'ifsc', b.mobile, b.email, b.address,
              b.account_type, b.amount_paise
         FROM json_each(?) j JOIN beneficiaries b ON b.id = j.value ->> 'id'`,
      [paymentId, picks],
    );
    await tx.run(
      `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, note, at)
       VALUES (?, 'pi_release', 0, ?, ?, ?, ?)`,
      [
        root.sanctionId,
        amount,
        pi.rootId,
        `failed amount of ${pi.billNo} moved to payment ${paymentNumber}`,
        at,
      ],
    );
    await tx.run(
      `UPDATE beneficiaries SET moved_to_payment_id = ?, updated_at = ? WHERE id IN (SELECT j.value ->> 'id' FROM json_each(?) j)`,
      [paymentId, at, picks],
    );
    await tx.run(
      `INSERT INTO status_history (pi_id, beneficiary_id, from_status, to_status, reason, at)
       SELECT ?, j.value ->> 'id', 'Payment Failed', 'Payment Failed', ?, ? FROM json_each(?) j`,
      [
        pi.id,
        `revised-PI window closed; failed amount moved to payment ${paymentNumber}`,
        at,
        picks,
      ],
    );
    return { paymentId, paymentNumber, amountPaise: amount };
  });
  app.events.emit('pi.changed', { ids: [input.piId] });
  return result;
}
