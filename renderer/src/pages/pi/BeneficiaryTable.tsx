// Every beneficiary of the PI with what happened to her payment. A plain table, so a long
// failure reason wraps instead of being cut and print shows every row; "failed only" hides
// the others on screen but never on paper.
import { useMemo } from 'react';
import type { BeneficiaryRow, PiRow } from '../../../../shared/types';
import { Table, type TableColumn } from '../../components/Table';
import { Money, StatusChip } from '../../components/ui';
import { formatTreasuryDate } from '../../format';
import { hrefFor } from '../../store/router';
import { FailureReason } from '../FailureReason';

export function BeneficiaryTable({
  rows,
  revisions,
  piStatus,
  failedOnly,
}: {
  rows: BeneficiaryRow[];
  revisions: PiRow[];
  piStatus: PiRow['status'];
  failedOnly: boolean;
}) {
  // A Failed or Declined PI paid nobody: its beneficiaries' last status would mislead.
  const notPaid =
    piStatus === 'Failed' || piStatus === 'Declined'
      ? `Not paid (PI ${piStatus.toLowerCase()})`
      : null;
  const revisionIds = useMemo(() => new Map(revisions.map((r) => [r.billNo, r.id])), [revisions]);
  const columns = useMemo<TableColumn<BeneficiaryRow>[]>(
    () => [
      {
        key: 'id',
        header: 'Benf. id',
        render: (b) => <span className="mono small">{b.benfId}</span>,
      },
      { key: 'name', header: 'Name', wrap: true, render: (b) => b.name },
      {
        key: 'acct',
        header: 'Account / IFSC',
        render: (b) => (
          <span className="two-line mono small">
            <span>{b.accountNo}</span>
            <span className="muted">{b.ifsc}</span>
          </span>
        ),
      },
      {
        key: 'amt',
        header: 'Amount',
        align: 'right',
        render: (b) => <Money paise={b.amountPaise} />,
      },
      {
        key: 'status',
        header: 'Payment status',
        render: (b) =>
          notPaid ? (
            <span className="muted small">{notPaid}</span>
          ) : (
            <StatusChip status={b.status} />
          ),
      },
      {
        key: 'utr',
        header: 'UTR / end-to-end id',
        render: (b) => (
          <span
            className="two-line mono small"
            title={b.utrDate ? `UTR date ${formatTreasuryDate(b.utrDate)}` : undefined}
          >
            <span>{b.utrNo ?? '—'}</span>
            <span className="muted">{b.endToEndId ?? '—'}</span>
          </span>
        ),
      },
      {
        key: 'reason',
        header: 'Failure reason',
        wrap: true,
        width: '26%',
        render: (b) =>
          b.failedReason ? (
            <span className="benf-reason">
              <FailureReason reason={b.failedReason} />
              {b.challanNumber && (
                <span className="muted small">
                  Challan <span className="mono">{b.challanNumber}</span>
                  {b.challanDate && ` · ${formatTreasuryDate(b.challanDate)}`}
                </span>
              )}
            </span>
          ) : (
            <span className="muted">—</span>
          ),
      },
      {
        key: 'revised',
        header: 'Paid again in',
        render: (b) => {
          if (b.movedToPayment) {
            return (
              <a
                className="link mono small"
                href={hrefFor('payments')}
                title="Moved to a new payment"
              >
                {b.movedToPayment}
              </a>
            );
          }
          if (!b.revisedInBillNo) return <span className="muted">—</span>;
          const id = revisionIds.get(b.revisedInBillNo);
          return id ? (
            <a className="link mono small" href={hrefFor('pi', id)}>
              {b.revisedInBillNo}
            </a>
          ) : (
            <span className="mono small">{b.revisedInBillNo}</span>
          );
        },
      },
    ],
    [revisionIds, notPaid],
  );
  return (
    <div id="benf-table" className="benf-table scroll-box" tabIndex={0}>
      <Table
        label="Beneficiaries"
        rows={rows}
        columns={columns}
        rowKey={(b) => b.id}
        rowClass={(b) =>
          b.status === 'Payment Failed' ? 'row-failed' : failedOnly ? 'screen-hidden' : undefined
        }
      />
    </div>
  );
}
