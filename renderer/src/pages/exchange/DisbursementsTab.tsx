// Disbursements from the peers, each with the payment and PI it became and its status.
import { useMemo } from 'react';
import type { ExchangeDisbursementRow } from '../../../../shared/types';
import { Chip, EmptyState, ErrorBanner, Loading, Money, StatusChip } from '../../components/ui';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatCount, formatDateTime } from '../../format';
import { hrefFor } from '../../store/router';
import { useChannel } from '../../useChannel';

export const DISBURSE_TONE: Record<string, 'info' | 'progress' | 'ok' | 'warn' | 'error'> = {
  INITIATED: 'info',
  INPROCESS: 'progress',
  SUCCESSFUL: 'ok',
  PARTIAL: 'warn',
  FAILED: 'error',
};

export function DisbursementsTab() {
  const { data, error, reload } = useChannel('exchange.disbursements', { limit: 1000 });
  const columns = useMemo<Column<ExchangeDisbursementRow>[]>(
    () => [
      { key: 'at', header: 'Received', width: '138px', render: (d) => formatDateTime(d.createdAt) },
      {
        key: 'target',
        header: 'Target id',
        width: 'minmax(200px, 1.4fr)',
        render: (d) => <span className="mono small">{d.targetId}</span>,
        title: (d) => d.targetId,
      },
      {
        key: 'program',
        header: 'Program',
        width: 'minmax(150px, 1fr)',
        render: (d) => <span className="mono small">{d.programCode}</span>,
      },
      {
        key: 'amount',
        header: 'Amount',
        width: '110px',
        align: 'right',
        render: (d) => (d.paymentId ? <Money paise={d.netPaise} /> : '—'),
      },
      {
        key: 'benfs',
        header: 'Benf.',
        width: '50px',
        align: 'right',
        render: (d) => d.beneficiaries || '—',
      },
      {
        key: 'status',
        header: 'Sent to peer',
        width: '124px',
        render: (d) => <Chip tone={DISBURSE_TONE[d.status] ?? 'info'}>{d.status}</Chip>,
      },
      {
        key: 'pi',
        header: 'PI',
        width: 'minmax(190px, 1fr)',
        render: (d) =>
          d.piId ? (
            <a className="link mono small" href={hrefFor('pi', d.piId)}>
              {d.billNo}
            </a>
          ) : (
            <span className="muted">none</span>
          ),
      },
      {
        key: 'piStatus',
        header: 'PI status',
        width: '104px',
        render: (d) => (d.piStatus ? <StatusChip status={d.piStatus} /> : '—'),
      },
      {
        key: 'messages',
        header: '',
        width: '84px',
        render: (d) => (
          <a
            className="link small"
            href={hrefFor('exchange', null, { tab: 'messages', disbursement: d.id })}
          >
            Messages
          </a>
        ),
      },
      {
        key: 'why',
        header: 'Status message',
        width: 'minmax(200px, 2fr)',
        render: (d) => <span className="small">{d.statusMessage ?? ''}</span>,
        title: (d) => d.statusMessage ?? '',
      },
    ],
    [],
  );
  if (error)
    return (
      <ErrorBanner
        error={error}
        onRetry={() => void reload()}
        title="Could not load disbursements"
      />
    );
  if (!data) return <Loading />;
  if (data.rows.length === 0)
    return (
      <EmptyState title="No disbursements yet.">
        A peer&apos;s <span className="mono">disburse/_create</span> becomes a payment to pay and is
        pushed as a PI.
      </EmptyState>
    );
  return (
    <>
      <div className="muted small pad-b">
        {formatCount(data.total)} disbursements ·{' '}
        <button type="button" className="link" onClick={() => void reload()}>
          Reload
        </button>
      </div>
      <VirtualTable label="Disbursements" rows={data.rows} columns={columns} rowKey={(d) => d.id} />
    </>
  );
}
