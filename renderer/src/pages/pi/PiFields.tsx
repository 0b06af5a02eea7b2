// The PI's own facts: amounts, payment, purpose and every id the treasury gave it.
import type { PiDetail } from '../../../../shared/types';
import { Field, Money } from '../../components/ui';
import { formatCount, formatDateTime, formatTreasuryDate } from '../../format';
import { hrefFor } from '../../store/router';

export function PiFields({ pi }: { pi: PiDetail['pi'] }) {
  return (
    <section className="card pi-fields">
      <div className="fields">
        <Field label="Bill date">{formatTreasuryDate(pi.billDate)}</Field>
        <Field label="Gross amount">
          <Money paise={pi.grossPaise} strong />
        </Field>
        <Field label="Net amount">
          <Money paise={pi.netPaise} />
        </Field>
        <Field label="Beneficiaries">
          {formatCount(pi.beneficiaryCount)}
          {pi.failedCount > 0 && (
            <span className="text-error"> · {formatCount(pi.failedCount)} failed</span>
          )}
        </Field>
        <Field label="Payment no." mono>
          {pi.paymentNumber ?? '—'}
        </Field>
        <Field label="Head of account" mono>
          {pi.hoa}
        </Field>
        <Field label="SSU" mono>
          {pi.ssuIaId}
        </Field>
        {pi.parentBillNo && (
          <Field label="Revises" mono>
            {pi.parentPiId ? (
              <a className="link" href={hrefFor('pi', pi.parentPiId)}>
                {pi.parentBillNo}
              </a>
            ) : (
              pi.parentBillNo
            )}
          </Field>
        )}
      </div>
      <div className="fields fields-purpose">
        <Field label="Purpose">{pi.purpose || <span className="muted">—</span>}</Field>
      </div>
      <div className="fields fields-ids">
        <Field label="JIT PI id (pmtInstId)" mono>
          {idWithDate(pi.pmtInstId, pi.payInstDate)}
        </Field>
        <Field label="Payment advice" mono>
          {pi.adviceId ?? '—'}
        </Field>
        <Field label="Online bill ref. no." mono>
          {pi.onlineBillRefNo ?? '—'}
        </Field>
        <Field label="Token" mono>
          {idWithDate(pi.tokenNumber, pi.tokenDate)}
        </Field>
        <Field label="Voucher" mono>
          {pi.voucherNo ?? '—'}
        </Field>
        <Field label="Completed">{pi.completedAt ? formatDateTime(pi.completedAt) : '—'}</Field>
      </div>
    </section>
  );
}

function idWithDate(id: string | null, date: string | null) {
  if (!id) return '—';
  return (
    <>
      {id}
      {date && <span className="muted"> · {formatTreasuryDate(date)}</span>}
    </>
  );
}
