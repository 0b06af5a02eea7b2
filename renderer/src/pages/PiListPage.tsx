// Home: every payment instruction, filtered by status, searchable, keyboard-driven.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { PiRow } from '../../../shared/types';
import {
  EmptyState,
  ErrorBanner,
  Loading,
  Money,
  OutcomeText,
  PageHeader,
  StatusChip,
} from '../components/ui';
import { SearchBox } from '../components/SearchBox';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { MatchLine } from './MatchLine';
import { formatCount, formatTreasuryDate, toneOf } from '../format';
import { hrefFor, navigate } from '../store/router';
import { piQuery, STATUS_TABS, usePis, type PiSort, type StatusFilter } from '../store/pis';
import { nextSort } from '../components/SortHeader';
import { ExportButton } from '../export/ExportButton';
import { PI_CSV } from '../export/columns';
import { pagedJob } from '../export/jobs';
import { csvFileName } from '../../../shared/csv';

export function PiListPage() {
  const s = usePis();
  const tableRef = useRef<HTMLDivElement | null>(null);
  const { load, setSearch } = s;

  useEffect(() => {
    void load();
  }, [load]);

  const open = useCallback((row: PiRow) => navigate('pi', row.id), []);
  const columns = useMemo<Column<PiRow>[]>(
    () => [
      {
        key: 'bill',
        header: 'Bill no.',
        width: 'minmax(186px, 1fr)',
        sortKey: 'billNo',
        render: (r) => (
          <a className="link mono" href={hrefFor('pi', r.id)} tabIndex={-1}>
            {r.billNo}
          </a>
        ),
        title: (r) => `${r.billNo} · ${formatTreasuryDate(r.billDate)}`,
      },
      {
        key: 'kind',
        header: 'Kind',
        width: '84px',
        render: (r) =>
          r.kind === 'COR' ? (
            <span
              className="kind kind-cor"
              title={r.parentBillNo ? `Revises ${r.parentBillNo}` : 'Revised PI'}
            >
              Revised
            </span>
          ) : (
            <span className="kind">PI</span>
          ),
      },
      {
        key: 'date',
        header: 'Bill date',
        width: '112px',
        dropOrder: 2,
        sortKey: 'id',
        render: (r) => formatTreasuryDate(r.billDate),
      },
      {
        key: 'payment',
        header: 'Payment no.',
        width: 'minmax(150px, 1fr)',
        dropOrder: 3,
        render: (r) => <span className="mono">{r.paymentNumber ?? '—'}</span>,
      },
      {
        key: 'hoa',
        header: 'Head of account',
        width: 'minmax(140px, 1.6fr)',
        dropOrder: 1,
        render: (r) => <span className="mono small">{r.hoa}</span>,
        title: (r) => r.hoa,
      },
      {
        key: 'benf',
        header: 'Benef.',
        width: '62px',
        align: 'right',
        render: (r) => formatCount(r.beneficiaryCount),
      },
      {
        key: 'failed',
        header: 'Failed',
        width: '58px',
        align: 'right',
        render: (r) =>
          r.failedCount > 0 ? (
            <span className="text-error strong">{formatCount(r.failedCount)}</span>
          ) : (
            <span className="muted">0</span>
          ),
      },
      {
        key: 'gross',
        header: 'Gross',
        width: '122px',
        align: 'right',
        render: (r) => <Money paise={r.grossPaise} />,
      },
      {
        key: 'status',
        header: 'Status',
        width: '132px',
        // A held bill is Pending but must not be taken for one still to be sent.
        render: (r) => (
          <>
            <StatusChip status={r.status} />
            {r.held && (
              <span
                className="chip chip-mini tone-info"
                title="Held awaiting treasury confirmation"
              >
                Held
              </span>
            )}
          </>
        ),
      },
      {
        key: 'msg',
        header: 'Last message',
        width: 'minmax(200px, 2.4fr)',
        wrap: true,
        render: (r) => <OutcomeText outcome={r.lastOutcome} message={r.lastMessage} />,
        title: (r) => r.lastMessage ?? undefined,
      },
    ],
    [],
  );

  const filtered = s.status !== 'All' || s.search.trim() !== '';

  return (
    <div className="page page-fill">
      <PageHeader
        title="Payment Instructions"
        subtitle={
          s.loaded
            ? `${formatCount(s.total, s.capped)} ${s.total === 1 && !s.capped ? 'instruction' : 'instructions'}${filtered ? ' match' : ''}`
            : undefined
        }
      >
        <SearchBox
          id="pi-search"
          value={s.search}
          onSearch={setSearch}
          label="Search by bill, payment, beneficiary, account, UTR or mobile"
          placeholder="Bill, payment, name, account, UTR, mobile   /"
          onLeave={() => tableRef.current?.focus()}
        />
        <ExportButton
          disabled={!s.loaded || s.total === 0}
          job={() =>
            pagedJob(
              'pi.list',
              piQuery(s),
              PI_CSV,
              csvFileName('payment-instructions', [s.status, s.search], Date.now()),
            )
          }
        />
      </PageHeader>
      <div className="tabs" role="tablist" aria-label="Filter by status">
        {STATUS_TABS.map((t) => (
          <StatusTab
            key={t}
            status={t}
            active={s.status === t}
            count={s.counts[t]}
            atLeast={s.capped}
            onPick={() => s.setStatus(t)}
          />
        ))}
      </div>
      {s.error && (
        <ErrorBanner
          error={s.error}
          onRetry={() => void s.load()}
          title="Could not load payment instructions"
        />
      )}
      {!s.loaded && s.loading ? (
        <Loading label="Loading payment instructions…" />
      ) : s.rows.length === 0 && !s.error ? (
        filtered ? (
          <EmptyState title="No payment instructions match">
            Nothing{' '}
            {s.status !== 'All' ? (
              <>
                is <b>{s.status}</b>
              </>
            ) : null}
            {s.search.trim() ? <> for “{s.search.trim()}”</> : null}. Clear the search or pick
            another status.
          </EmptyState>
        ) : (
          <EmptyState title="No payment instructions yet.">
            Import approved bills on the <a href={hrefFor('payments')}>Payments</a> page, then push
            them to the treasury; each push creates a payment instruction here. Their status is
            polled every night.
          </EmptyState>
        )
      ) : (
        <VirtualTable
          id="pi-table"
          label="Payment instructions"
          tableRef={tableRef}
          rows={s.rows}
          columns={columns}
          rowKey={(r) => r.id}
          selected={s.selected}
          onSelect={s.select}
          onOpen={open}
          onEndReached={s.loadMore}
          sort={s.sort}
          onSort={(key) => s.setSort(nextSort(s.sort, key) as PiSort)}
          rowClass={(r) => (r.failedCount > 0 ? 'has-failed' : undefined)}
          below={(r) => (r.match ? <MatchLine match={r.match} /> : null)}
        />
      )}
      <div className="statusbar">
        <span>
          <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>/</kbd> search
        </span>
        {s.loading && s.loaded && <span className="muted">Updating…</span>}
        {s.rows.length < s.total ? (
          <span className="muted">
            Showing {formatCount(s.rows.length)} of {formatCount(s.total, s.capped)}; scroll for
            more
          </span>
        ) : (
          s.capped && (
            <span className="muted">
              Only the newest matches are listed: type more to narrow the search
            </span>
          )
        )}
      </div>
    </div>
  );
}

function StatusTab({
  status,
  active,
  count,
  atLeast,
  onPick,
}: {
  status: StatusFilter;
  active: boolean;
  count?: number;
  atLeast: boolean;
  onPick(): void;
}) {
  const tone = status === 'All' ? 'neutral' : toneOf(status);
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      className={`tab${active ? ' active' : ''}`}
      onClick={onPick}
    >
      {status !== 'All' && <span className={`dot tone-${tone}`} aria-hidden="true" />}
      {status}
      <span className="tab-count">{count === undefined ? '' : formatCount(count, atLeast)}</span>
    </button>
  );
}
