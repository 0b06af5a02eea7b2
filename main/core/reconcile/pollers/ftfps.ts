// FTFPS: failed details of Completed revised PIs, keyed by their own bill ref and token; the
// answer names each by jitCorBillNo (billNumber, when present, must be the same bill).
import type { Poller, Target } from '../poller';
import { Mismatch } from '../poller';
import { applyFailedBills, type FailedDetails } from '../apply-failed';
import { watchedSince } from './fd';

interface FtfpsTarget extends Target {
  piId: number;
  billDate: string;
  billRefNo: string;
  tokenNumber: string;
  tokenDate: string;
  /** The watch window when selected, so the answer is applied within the same one. */
  watchDays: number;
}

type Item = FailedDetails & { jitCorBillNo?: string | null; billNumber?: string | null };

export const ftfpsPoller: Poller<FtfpsTarget> = {
  service: 'FTFPS',
  select: (app) =>
    app.ledger.read.all<FtfpsTarget>(
      `SELECT p.id AS piId, p.bill_no AS key, ?1 AS watchDays, p.bill_date AS billDate, a.online_bill_ref_no AS billRefNo,
              a.token_number AS tokenNumber, a.token_date AS tokenDate
         FROM pis p JOIN payment_advice a ON a.pi_id = p.id
        WHERE p.kind = 'COR' AND p.status = 'Completed' AND p.completed_at >= ?2 ORDER BY p.id`,
      [app.engine.settings.watchDays, watchedSince(app.now(), app.engine.settings.watchDays)],
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
    const asked = {
      piId: t.piId,
      billNo: t.key,
      kind: 'COR' as const,
      watchedSince: watchedSince(ctx.at, t.watchDays),
    };
    await applyFailedBills(tx, asked, result.data as Item | Item[], billOf, ctx);
  },
};

function billOf(item: Item): string | null | undefined {
  const cor = item.jitCorBillNo ?? item.billNumber;
  if (item.billNumber && cor && item.billNumber !== cor) {
    throw new Mismatch(
      `Response names bill ${item.billNumber} (billNumber) and ${cor} (jitCorBillNo)`,
    );
  }
  return cor;
}
