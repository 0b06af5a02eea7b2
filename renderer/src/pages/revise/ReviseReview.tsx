// The review step: exactly what will be sent for each picked beneficiary, and the total.
import type { BeneficiaryRow } from '../../../../shared/types';
import { Money } from '../../components/ui';
import { formatInr } from '../../format';
import type { IfscChecks, Pick } from './rules';

export function ReviseReview({
  rows,
  picks,
  checks,
  billNo,
  reissue,
}: {
  rows: BeneficiaryRow[];
  picks: Record<number, Pick>;
  checks: IfscChecks;
  billNo: string;
  reissue: boolean;
}) {
  const total = rows.reduce((n, b) => n + b.amountPaise, 0);
  return (
    <>
      <p className="pad-b">
        {reissue
          ? `${rows.length} failed ${rows.length === 1 ? 'amount moves' : 'amounts move'} from ${billNo} to a new payment, to be pushed from the Payments page:`
          : `A revised PI for ${billNo} will be sent to the treasury with ${rows.length} ${rows.length === 1 ? 'beneficiary' : 'beneficiaries'}, paid from the original debit:`}
      </p>
      <table className="table revise-review" aria-label="What will be sent">
        <thead>
          <tr>
            <th scope="col">Beneficiary</th>
            <th scope="col">Account no.</th>
            <th scope="col">IFSC and bank</th>
            <th scope="col" className="align-right">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => {
            const p = picks[b.id]!;
            const ifsc = p.ifsc || b.ifsc;
            return (
              <tr key={b.id}>
                <td>
                  <div>{b.name}</div>
                  <div className="mono small muted">{b.benfId}</div>
                </td>
                <td className="mono">
                  <Changed from={b.accountNo} to={p.account} />
                </td>
                <td>
                  <div className="mono">
                    <Changed from={b.ifsc} to={p.ifsc} />
                  </div>
                  <div className="small muted">{checks[ifsc]?.bankName ?? ''}</div>
                </td>
                <td className="align-right">
                  <Money paise={b.amountPaise} />
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>
              Total, {rows.length} {rows.length === 1 ? 'beneficiary' : 'beneficiaries'}
            </td>
            <td className="align-right" aria-label="Total">
              {formatInr(total)}
            </td>
          </tr>
        </tfoot>
      </table>
    </>
  );
}

function Changed({ from, to }: { from: string; to: string }) {
  if (!to || to === from)
    return (
      <>
        {from} <span className="muted small">(unchanged)</span>
      </>
    );
  return (
    <>
      <s className="muted">{from}</s> → <strong>{to}</strong>
    </>
  );
}
