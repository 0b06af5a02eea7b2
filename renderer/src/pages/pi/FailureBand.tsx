// "8 failed · ₹6,945.50 · revise by 02 Mar 2027": the failures of a PI at a glance, what is
// already being paid again, the classes of reasons, and a switch to list the failed only.
import type { BeneficiaryRow } from '../../../../shared/types';
import { classifyFailure } from '../../../../shared/failure';
import { Chip } from '../../components/ui';
import { formatCount, formatInr, formatTreasuryDate } from '../../format';

/** Today in India as yyyy-MM-dd, the treasury's calendar. */
const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());

export function FailureBand({
  beneficiaries,
  reviseBy,
  failedOnly,
  onFailedOnly,
}: {
  beneficiaries: BeneficiaryRow[];
  reviseBy: string | null;
  failedOnly: boolean;
  onFailedOnly(on: boolean): void;
}) {
  const failed = beneficiaries.filter((b) => b.status === 'Payment Failed');
  if (failed.length === 0) return null;
  const amount = failed.reduce((s, b) => s + b.amountPaise, 0);
  const open = failed.filter((b) => !b.revisedInBillNo && !b.movedToPayment);
  const revisions = [...new Set(failed.map((b) => b.revisedInBillNo).filter(Boolean))];
  const moved = failed.filter((b) => b.movedToPayment).length;
  const classes = new Map<string, number>();
  for (const b of failed) {
    const label = classifyFailure(b.failedReason ?? '').label;
    classes.set(label, (classes.get(label) ?? 0) + 1);
  }
  const closed = reviseBy !== null && today() > reviseBy;
  return (
    <section className="failure-band" aria-label="Failed beneficiaries">
      <div className="failure-band-main">
        <strong className="failure-band-title">
          {formatCount(failed.length)} failed · {formatInr(amount)}
          {reviseBy &&
            (closed
              ? ` · revised-PI window closed ${formatTreasuryDate(reviseBy)}`
              : ` · revise by ${formatTreasuryDate(reviseBy)}`)}
        </strong>
        <span className="small">
          {open.length === 0
            ? 'Every failed beneficiary is already being paid again.'
            : `${formatCount(open.length)} still to pay again${closed ? ': move the amount to a new payment' : ''}`}
          {revisions.length > 0 &&
            ` · ${failed.length - open.length - moved} in ${revisions.join(', ')}`}
          {moved > 0 && ` · ${formatCount(moved)} moved to a new payment`}
        </span>
        <span className="failure-band-classes">
          {[...classes].map(([label, n]) => (
            <Chip key={label} tone="error">
              {label} × {formatCount(n)}
            </Chip>
          ))}
        </span>
      </div>
      <label className="check small no-print">
        <input
          type="checkbox"
          checked={failedOnly}
          onChange={(e) => onFailedOnly(e.target.checked)}
        />
        Show failed only
      </label>
    </section>
  );
}
