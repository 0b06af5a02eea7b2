import type { LoanRow } from '../../../../shared/loans';
import { EmptyState, Money } from '../../components/ui';

export function LoansTable({ loans }: { loans: LoanRow[] }) {
  if (loans.length === 0)
    return (
      <EmptyState title="No loans yet.">
        Import the lender&apos;s loans and charges with <b>Import loans…</b> (CSV or JSON; see
        docs/loan-requests.md).
      </EmptyState>
    );
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Loan charges">
        <thead>
          <tr>
            <th scope="col">Loan</th>
            <th scope="col">Charge</th>
            <th scope="col">Schedule</th>
            <th scope="col" className="align-right">
              Original
            </th>
            <th scope="col" className="align-right">
              In process
            </th>
            <th scope="col" className="align-right">
              Paid
            </th>
            <th scope="col" className="align-right">
              Outstanding
            </th>
          </tr>
        </thead>
        <tbody>
          {loans.flatMap((l) =>
            l.charges.map((c, i) => (
              <tr key={c.chargeId} data-charge={c.chargeId}>
                <td>
                  {i === 0 && (
                    <>
                      <span className="mono">{l.loanId}</span> {l.borrower}
                      <div className="muted small">
                        disbursed {l.disbursalDate} · business date {l.businessDate}
                      </div>
                    </>
                  )}
                </td>
                <td>
                  {c.label} <span className="mono muted small">{c.chargeId}</span>
                </td>
                <td className="mono small">{c.disbursalScheduleId}</td>
                <td className="align-right">
                  <Money paise={c.originalPaise} />
                </td>
                <td className="align-right">
                  <Money paise={c.inProcessPaise} />
                </td>
                <td className="align-right">
                  <Money paise={c.paidPaise} />
                </td>
                <td className="align-right" aria-label={`Outstanding on charge ${c.chargeId}`}>
                  <Money paise={c.outstandingPaise} strong />
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
