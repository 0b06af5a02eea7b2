// FD: failed details for Completed PIs, watched for a while after completion because banks
// return failed credits days later. One answer may report several bills (one item each).
import type { Mismatch, Poller, Target } from '../poller';
import { applyFailedBills, type FailedDetails } from '../apply-failed';
import { applyFailedMany, type FailedAnswer } from '../apply-failed-many';

interface FdTarget extends Target {
  piId: number;
  billDate: string;
  adviceId: string;
  onlineBillRefNo: string;
  tokenNo: string;
  tokenDate: string;
  /** The watch window when selected, so the answer is applied within the same one. */
  watchDays: number;
}

/** Start of the window in which FD (and FTFPS) keep watching a Completed PI (Settings: days). */
export const watchedSince = (now: number, days: number) => now - days * 86_400_000;

export const fdPoller: Poller<FdTarget> = {
  service: 'FD',
  select: (app) =>
    app.ledger.read.all<FdTarget>(
      `SELECT p.id AS piId, p.bill_no AS key, ?1 AS watchDays, p.bill_date AS billDate, a.advice_id AS adviceId,
              a.online_bill_ref_no AS onlineBillRefNo, a.token_number AS tokenNo, a.token_date AS tokenDate
         FROM pis p JOIN payment_advice a ON a.pi_id = p.id
        WHERE p.kind = 'PI' AND p.status = 'Completed' AND p.completed_at >= ?2 ORDER BY p.id`,
      [app.engine.settings.watchDays, watchedSince(app.now(), app.engine.settings.watchDays)],
    ),
  params: (t) => ({
    billno: t.key,
    billDate: t.billDate,
    adviceId: t.adviceId,
    onlineBillRefNo: t.onlineBillRefNo,
    tokenNo: t.tokenNo,
    tokenDate: t.tokenDate,
  }),
  async apply(tx, t, result, ctx) {
    if (result.outcome !== 'OK') return;
    const asked = {
      piId: t.piId,
      billNo: t.key,
      kind: 'PI' as const,
      watchedSince: watchedSince(ctx.at, t.watchDays),
    };
    await applyFailedBills(tx, asked, result.data as Item | Item[], (i) => i.billNumber, ctx);
  },
  // Most answers report nothing failed (applying them changes nothing) or failures on the
  // asked PI only: those are applied together. Any other (an item for another bill, several
  // items) is applied singly by `apply`.
  async applyMany(tx, answers) {
    const out: Array<Mismatch | null | undefined> = answers.map(() => undefined);
    const failing: Array<FailedAnswer & { i: number }> = [];
    answers.forEach(({ target: t, result, ctx }, i) => {
      const reported = failuresOf(result.data);
      if (reported === undefined) return;
      if (reported.length === 0) out[i] = null;
      else if (reported.length === 1 && (reported[0]!.billNumber ?? t.key) === t.key)
        failing.push({ i, piId: t.piId, billNo: t.key, data: reported[0]!, ctx });
    });
    const { refused, write } = await applyFailedMany(tx, failing);
    failing.forEach((f, j) => (out[f.i] = refused[j]!));
    return { refused: out, write };
  },
};

type Item = FailedDetails & { billNumber?: string | null };

/** The items that report failures, or undefined when an item is not a list of them. */
function failuresOf(data: unknown): Item[] | undefined {
  const items = data === undefined ? [] : Array.isArray(data) ? data : [data];
  const wellFormed = items.every(
    (i) => i !== null && typeof i === 'object' && Array.isArray((i as FailedDetails).benfDtls),
  );
  if (!wellFormed) return undefined;
  return (items as Item[]).filter((i) => i.benfDtls.length > 0);
}
