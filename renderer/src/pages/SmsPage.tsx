import { useMemo } from 'react';
import type { SmsRow } from '../../../shared/types';
import { Chip, EmptyState, ErrorBanner, Loading, PageHeader } from '../components/ui';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { formatCount, formatDateTime } from '../format';
import { useChannel } from '../useChannel';

const SMS_TONE = { queued: 'info', sent: 'ok', failed: 'error' } as const;

export function SmsPage() {
  const { data, error, loading, reload } = useChannel('sms.list', { limit: 1000 });
  const columns = useMemo<Column<SmsRow>[]>(
    () => [
      { key: 'at', header: 'Queued', width: '138px', render: (s) => formatDateTime(s.createdAt) },
      {
        key: 'bill',
        header: 'Bill no.',
        width: 'minmax(186px, 1fr)',
        render: (s) => <span className="mono small">{s.billNo}</span>,
      },
      {
        key: 'event',
        header: 'Event',
        width: '80px',
        render: (s) => (
          <Chip tone={s.event === 'FD' ? 'error' : 'ok'}>
            {s.event === 'FD' ? 'Failed' : 'Paid'}
          </Chip>
        ),
      },
      {
        key: 'mobile',
        header: 'Mobile',
        width: '110px',
        render: (s) => <span className="mono">{s.mobile ?? '—'}</span>,
      },
      {
        key: 'utr',
        header: 'UTR',
        width: 'minmax(150px, 0.8fr)',
        render: (s) => <span className="mono small">{s.utrNo}</span>,
      },
      {
        key: 'status',
        header: 'Status',
        width: '92px',
        render: (s) => <Chip tone={SMS_TONE[s.status]}>{s.status}</Chip>,
      },
      { key: 'tries', header: 'Tries', width: '50px', align: 'right', render: (s) => s.attempts },
      {
        key: 'body',
        header: 'Message',
        width: 'minmax(240px, 3fr)',
        render: (s) => <span>{s.body}</span>,
        title: (s) => s.body,
      },
    ],
    [],
  );
  return (
    <div className="page page-fill">
      <PageHeader
        title="SMS outbox"
        subtitle={
          data ? `${formatCount(data.total, data.capped)} messages to beneficiaries` : undefined
        }
      >
        <button type="button" className="btn" onClick={() => void reload()}>
          Reload
        </button>
      </PageHeader>
      {error && (
        <ErrorBanner
          error={error}
          onRetry={() => void reload()}
          title="Could not load the SMS outbox"
        />
      )}
      {loading && !data ? (
        <Loading />
      ) : data && data.rows.length === 0 ? (
        <EmptyState title="No SMS yet.">
          Beneficiaries are told by SMS when the treasury reports their payment made (PD) or failed
          (FD).
        </EmptyState>
      ) : data ? (
        <VirtualTable
          label="SMS messages"
          rows={data.rows}
          columns={columns}
          rowKey={(s) => s.id}
        />
      ) : null}
    </div>
  );
}
