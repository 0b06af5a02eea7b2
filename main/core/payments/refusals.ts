// A refused push, kept on its payment so the reason stays on its row after the toast is gone.
import type { AppContext } from '../context';

export function recordRefusal(app: AppContext, paymentId: number, message: string): Promise<void> {
  return app.ledger.write(async (tx) => {
    const payment = await tx.get<{ id: number }>('SELECT id FROM payments WHERE id = ?', [
      paymentId,
    ]);
    if (!payment) return;
    await tx.run(
      `INSERT INTO push_refusals (payment_id, after_pi_id, message, at)
       VALUES (?1, (SELECT max(id) FROM pis WHERE payment_id = ?1 AND kind = 'PI'), ?2, ?3)`,
      [paymentId, message, app.now()],
    );
  });
}
