// The SMS outbox: every message to a beneficiary, searchable and paged from the ledger.
import { useMemo, useState } from 'react';
import type { SmsRow } from '../../../shared/types';
import { csvFileName } from '../../../shared/csv';
import { ListBody, LoadedCount } from '../components/ListBody';
import { SearchBox } from '../components/SearchBox';
import { nextSort, type SortState } from '../components/SortHeader';
import { Chip, PageHeader } from '../components/ui';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { ExportButton } from '../export/ExportButton';
import { SMS_CSV } from '../export/columns';
import { pagedJob } from '../export/jobs';
import { formatCount, formatDateTime } from '../format';
import { usePagedList } from '../usePagedList';

const SMS_TONE = { queued: 'info', sent: 'ok', failed: 'error' } as const;
const STATUSES = ['queued', 'sent', 'failed'] as const;
type SmsStatus = (typeof STATUSES)[number];
type SmsSort = { key: 'id' | 'status'; dir: 'asc' | 'desc' };

export function SmsPage() {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<SmsStatus | ''>('');
  const [sort, setSort] = useState<SmsSort | null>(null);
  const filter = {
    ...(search.trim() ? { search: search.trim() } : {}),
    ...(status ? { status } : {}),
    ...(sort ? { sort } : {}),
  };
  const list = usePagedList('sms.list', filter);
  const columns = useMemo<Column<SmsRow>[]>(
    () => [
      {
        key: 'at',
        header: 'Queued',
        width: '160px',
        sortKey: 'id',
        render: (s) => formatDateTime(s.createdAt),
      },
      {
        key: 'bill',
        header: 'Bill no.',
        width: 'minmax(186px, 1fr)',
        render: (s) => <span className="mono small">{s.billNo}</span>,
      },
      {
        key: 'name',
        header: 'Beneficiary',
        width: 'minmax(140px, 1fr)',
        wrap: true,
        render: (s) => <span>{s.name}</span>,
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
        width: '170px',
        dropOrder: 1,
        render: (s) => <span className="mono small">{s.utrNo}</span>,
      },
      {
        key: 'status',
        header: 'Status',
        width: '100px',
        sortKey: 'status',
        render: (s) => <Chip tone={SMS_TONE[s.status]}>{s.status}</Chip>,
      },
      {
        key: 'tries',
        header: 'Tries',
        width: '56px',
        align: 'right',
        dropOrder: 2,
        render: (s) => s.attempts,
      },
      {
        key: 'body',
        header: 'Message',
        width: 'minmax(240px, 3fr)',
        wrap: true,
        render: (s) => <span>{s.body}</span>,
      },
    ],
    [],
  );
  const filtered = !!(search.trim() || status);
  return (
    <div className="page page-fill">
      <PageHeader
        title="SMS outbox"
        subtitle={
          list.loading
            ? 'Loading…'
            : `${formatCount(list.total, list.capped)} ${list.total === 1 && !list.capped ? 'message' : 'messages'}${filtered ? ' match' : ' to beneficiaries'}`
        }
      >
        <SearchBox
          id="sms-search"
          value={search}
          onSearch={setSearch}
          label="Search SMS by bill, beneficiary, account, UTR or mobile"
          placeholder="Bill, name, UTR, mobile   /"
        />
        <select
          aria-label="SMS status"
          value={status}
          onChange={(e) => setStatus(e.target.value as SmsStatus | '')}
        >
          <option value="">All statuses</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <button type="button" className="btn" onClick={list.reload}>
          Reload
        </button>
        <ExportButton
          disabled={list.total === 0}
          job={() =>
            pagedJob(
              'sms.list',
              filter,
              SMS_CSV,
              csvFileName('sms-outbox', [status, search], Date.now()),
            )
          }
        />
      </PageHeader>
      <ListBody
        error={list.error}
        errorTitle="Could not load the SMS outbox"
        onRetry={list.reload}
        loading={list.loading}
        count={list.rows.length}
        emptyTitle={filtered ? 'No SMS match.' : 'No SMS yet.'}
        empty={
          filtered
            ? 'Clear the search or pick another status.'
            : 'Beneficiaries are told by SMS when the treasury reports their payment made (PD) or failed (FD).'
        }
      >
        <VirtualTable
          id="sms-table"
          label="SMS messages"
          rows={list.rows}
          columns={columns}
          rowKey={(s) => s.id}
          onEndReached={list.loadMore}
          sort={sort}
          onSort={(key) => setSort(nextSort(sort as SortState | null, key) as SmsSort)}
        />
      </ListBody>
      <div className="statusbar">
        <span />
        <LoadedCount shown={list.rows.length} total={list.total} />
      </div>
    </div>
  );
}
