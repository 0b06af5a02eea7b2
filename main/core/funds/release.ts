// Giving a dead PI's debit back to its sanction.
import type { Conn } from '../../ledger/conn';

/**
 * Give a Failed or Declined PI's debit back, once: whatever the net of its debits and
 * releases still holds. A revised PI has no debit of its own, so this does nothing for it.
 * Returns the paise released.
 */
export async function releaseFunds(
  tx: Conn,
  piId: number,
  at: number,
  reason: string,
): Promise<number> {
  const held = await tx.all<{ sanctionId: number; net: number }>(
    `SELECT sanction_id AS sanctionId, sum(available_delta) AS net FROM funds_transactions
      WHERE pi_id = ? AND kind IN ('pi_debit', 'pi_release') GROUP BY sanction_id`,
    [piId],
  );
  let released = 0;
  for (const h of held) {
    if (h.net >= 0) continue;
    await tx.run(
      `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, pi_id, note, at)
       VALUES (?, 'pi_release', 0, ?, ?, ?, ?)`,
      [h.sanctionId, -h.net, piId, reason, at],
    );
    released += -h.net;
  }
  return released;
}
