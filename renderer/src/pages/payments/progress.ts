// How a payment's row says how far it has got: "Paid 15/23, 8 failed".
import type { PaymentRow } from '../../../../shared/types';

export function progressText(p: PaymentRow): string | null {
  const g = p.progress;
  if (!g) return null;
  const started = p.latestStatus === 'Completed' || g.paid + g.failed + g.moved > 0;
  if (!started) return null;
  return [
    `Paid ${g.paid}/${g.total}`,
    g.failed > 0 && `${g.failed} failed`,
    g.moved > 0 && `${g.moved} moved to a new payment`,
  ]
    .filter(Boolean)
    .join(', ');
}
