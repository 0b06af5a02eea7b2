// One request as the checker sees it: what, from whom, the UTR link and flags, the
// allocations against the charges, and the decision.
import { useState } from 'react';
import type { ServiceRequestRow } from '../../../../shared/loans';
import { Chip, Money } from '../../components/ui';
import { formatDateTime } from '../../format';
import { hrefFor } from '../../store/router';
import { DecisionDialog } from './DecisionDialog';

const STATUS_TONE = { initiated: 'progress', approved: 'ok', rejected: 'error' } as const;

export function RequestCard({
  request: r,
  actor,
  onDecided,
}: {
  request: ServiceRequestRow;
  actor: string;
  onDecided(): Promise<void>;
}) {
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  return (
    <article className="card request-card" aria-label={`Request ${r.id}`}>
      <header className="request-head">
        <strong>Request #{r.id}</strong>
        <Chip tone={STATUS_TONE[r.status]}>{r.status}</Chip>
        <span>
          Loan <span className="mono">{r.loanId}</span> · {r.borrower}
        </span>
        <Money paise={r.paymentAmountPaise} strong />
        <span className="muted small grow">
          {r.paymentMode.toUpperCase()} on {r.paymentDate} · bank {r.paymentBank} · to{' '}
          <span className="mono">
            {r.beneficiaryAccountNumber} ({r.ifsc})
          </span>
        </span>
        {r.status === 'initiated' && (
          <span className="request-actions">
            <button
              type="button"
              className="btn btn-primary btn-small"
              onClick={() => setDeciding('approve')}
            >
              Approve…
            </button>
            <button type="button" className="btn btn-small" onClick={() => setDeciding('reject')}>
              Reject…
            </button>
          </span>
        )}
      </header>

      <div className="request-body">
        <div className="request-utr">
          <div className="field-label">UTR</div>
          {r.fundTransferNumber ? (
            <span className="mono">{r.fundTransferNumber}</span>
          ) : (
            <span className="muted">none</span>
          )}
          {r.utrLink && (
            <div className="small">
              paid on{' '}
              <a className="link mono" href={hrefFor('pi', r.utrLink.piId)}>
                {r.utrLink.billNo}
              </a>{' '}
              to {r.utrLink.name}, <Money paise={r.utrLink.amountPaise} />
              {r.utrLink.utrDate && ` on ${r.utrLink.utrDate}`}
            </div>
          )}
          {r.flags.length === 0 ? (
            r.utrLink && <div className="text-ok small">Matches the treasury payment.</div>
          ) : (
            <ul className="request-flags" aria-label={`Flags of request ${r.id}`}>
              {r.flags.map((f, i) => (
                <li key={i} className="flag-text">
                  <Chip tone="warn">{f.code.replace(/_/g, ' ').toLowerCase()}</Chip> {f.message}
                </li>
              ))}
            </ul>
          )}
        </div>
        <table className="table request-payables" aria-label={`Allocations of request ${r.id}`}>
          <thead>
            <tr>
              <th scope="col">Charge</th>
              <th scope="col" className="align-right">
                Allocated
              </th>
              <th scope="col" className="align-right">
                Outstanding now
              </th>
              <th scope="col" className="align-right">
                Paid
              </th>
            </tr>
          </thead>
          <tbody>
            {r.payables.map((p) => (
              <tr key={p.chargeId}>
                <td>
                  {p.label} <span className="mono muted small">{p.chargeId}</span>
                </td>
                <td className="align-right">
                  <Money paise={p.allocatedPaise} strong />
                </td>
                <td className="align-right">
                  <Money paise={p.outstandingPaise} />
                </td>
                <td className="align-right">
                  <Money paise={p.paidPaise} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <footer className="muted small">
        {r.source === 'api' ? 'Posted' : 'Entered'} by {r.maker} at {formatDateTime(r.createdAt)} ·{' '}
        <span className="mono">{r.uniqueTransactionNumber}</span>
        {r.inFavourOf && ` · in favour of ${r.inFavourOf}`}
        {r.remarks && ` · ${r.remarks}`}
        {r.decidedBy && (
          <>
            {' '}
            · {r.status} by {r.decidedBy}
            {r.decidedAt !== null && ` at ${formatDateTime(r.decidedAt)}`}
            {r.decisionReason && `: ${r.decisionReason}`}
          </>
        )}
      </footer>

      {deciding && (
        <DecisionDialog
          request={r}
          kind={deciding}
          actor={actor}
          onClose={() => setDeciding(null)}
          onDecided={onDecided}
        />
      )}
    </article>
  );
}
