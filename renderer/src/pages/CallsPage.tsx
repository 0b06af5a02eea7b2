// Treasury call log: every call with its outcome, for offline review of payment logs.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { OUTCOMES, SERVICES, type Outcome, type Service } from '../../../shared/status';
import type { CallDetail, CallRow } from '../../../shared/types';
import { invoke, type ApiError } from '../api';
import { JsonView } from '../components/JsonView';
import {
  EmptyState,
  ErrorBanner,
  Field,
  Loading,
  OutcomeChip,
  OutcomeText,
  PageHeader,
} from '../components/ui';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { formatCount, formatDateTime, formatDuration, OUTCOME_LABEL } from '../format';
import { hrefFor, navigate, useRouter } from '../store/router';
import { csvFileName } from '../../../shared/csv';
import { SearchBox } from '../components/SearchBox';
import { nextSort } from '../components/SortHeader';
import { ExportButton } from '../export/ExportButton';
import { CALL_CSV } from '../export/columns';
import { pagedJob } from '../export/jobs';
import { usePagedList } from '../usePagedList';

type CallSort = { key: 'id' | 'service'; dir: 'asc' | 'desc' };

export function CallsPage() {
  const query = useRouter((s) => s.route.query);
  const piId = query.piId ? Number(query.piId) : undefined;
  const service = (SERVICES as readonly string[]).includes(query.service ?? '')
    ? (query.service as Service)
    : undefined;
  const outcome = (OUTCOMES as readonly string[]).includes(query.outcome ?? '')
    ? (query.outcome as Outcome)
    : undefined;
  const callParam = query.call ? Number(query.call) : null;

  const search = query.search ?? '';
  const [sort, setSort] = useState<CallSort | null>(null);
  const filter = {
    ...(piId ? { piId } : {}),
    ...(service ? { service } : {}),
    ...(outcome ? { outcome } : {}),
    ...(search.trim() ? { search: search.trim() } : {}),
    ...(sort ? { sort } : {}),
  };
  const filterKey = JSON.stringify(filter);
  const list = usePagedList('calls.list', filter);
  const { rows, total, error, loading } = list;
  const [picked, setPicked] = useState<{ key: string; index: number } | null>(null);
  const [detail, setDetail] = useState<{
    id: number;
    call: CallDetail | null;
    error: ApiError | null;
  } | null>(null);

  // The call named in the URL (from a PI page's "Details") is selected first.
  const fromUrl = callParam ? rows.findIndex((r) => r.id === callParam) : -1;
  const selected = picked && picked.key === filterKey ? picked.index : Math.max(0, fromUrl);
  const setSelected = useCallback(
    (index: number) => setPicked({ key: filterKey, index }),
    [filterKey],
  );

  const current = rows[selected];
  const currentId = current?.id ?? null;
  useEffect(() => {
    if (currentId === null) return;
    let live = true;
    void invoke('calls.get', { id: currentId }).then((res) => {
      if (!live) return;
      setDetail(
        res.ok
          ? { id: currentId, call: res.data, error: null }
          : { id: currentId, call: null, error: res.error },
      );
    });
    return () => {
      live = false;
    };
  }, [currentId]);
  const shown = detail && detail.id === currentId ? detail : null;

  const setFilter = (patch: Record<string, string | number | undefined>) =>
    navigate('calls', null, { piId, service, outcome, search, ...patch });

  const columns = useMemo<Column<CallRow>[]>(
    () => [
      {
        key: 'at',
        header: 'When',
        width: '160px',
        sortKey: 'id',
        render: (c) => formatDateTime(c.startedAt),
      },
      {
        key: 'svc',
        header: 'Service',
        width: '96px',
        sortKey: 'service',
        render: (c) => <span className="svc">{c.service}</span>,
      },
      {
        key: 'bill',
        header: 'Bill no.',
        width: 'minmax(186px, 1fr)',
        render: (c) => <span className="mono small">{c.billNo ?? '—'}</span>,
      },
      {
        key: 'try',
        header: 'Try',
        width: '44px',
        dropOrder: 2,
        align: 'right',
        render: (c) => c.attempt,
      },
      {
        key: 'dur',
        header: 'Took',
        width: '70px',
        align: 'right',
        dropOrder: 1,
        render: (c) => formatDuration(c.durationMs),
      },
      {
        key: 'msg',
        header: 'Message',
        width: 'minmax(220px, 2.5fr)',
        wrap: true,
        render: (c) => <OutcomeText outcome={c.outcome} message={c.message} />,
        title: (c) => c.message,
      },
    ],
    [],
  );

  return (
    <div className="page page-fill">
      <PageHeader
        title="Treasury call log"
        subtitle={
          loading
            ? 'Loading…'
            : `${formatCount(total, list.capped)} ${total === 1 && !list.capped ? 'call' : 'calls'}`
        }
      >
        <SearchBox
          id="calls-search"
          value={search}
          onSearch={(text) => setFilter({ search: text.trim() || undefined })}
          label="Search calls by bill, payment, beneficiary, account, UTR or mobile"
          placeholder="Bill, name, UTR   /"
        />
        <select
          aria-label="Service"
          value={service ?? ''}
          onChange={(e) => setFilter({ service: e.target.value || undefined })}
        >
          <option value="">All services</option>
          {SERVICES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select
          aria-label="Outcome"
          value={outcome ?? ''}
          onChange={(e) => setFilter({ outcome: e.target.value || undefined })}
        >
          <option value="">All outcomes</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {OUTCOME_LABEL[o]}
            </option>
          ))}
        </select>
        <button type="button" className="btn" onClick={list.reload}>
          Reload
        </button>
        <ExportButton
          disabled={total === 0}
          job={() =>
            pagedJob(
              'calls.list',
              filter,
              CALL_CSV,
              csvFileName(
                'treasury-calls',
                [piId ? (rows[0]?.billNo ?? undefined) : undefined, service, outcome, search],
                Date.now(),
              ),
            )
          }
        />
      </PageHeader>
      {piId && (
        <div className="filter-pill">
          Calls for one payment instruction
          {rows[0]?.billNo ? <span className="mono"> {rows[0].billNo}</span> : null}
          <a className="link small" href={hrefFor('pi', piId)}>
            Open PI
          </a>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => setFilter({ piId: undefined })}
          >
            Show all calls ×
          </button>
        </div>
      )}
      {error && (
        <ErrorBanner error={error} onRetry={list.reload} title="Could not load the call log" />
      )}
      <div className="split">
        <div className="split-main">
          {loading && rows.length === 0 ? (
            <Loading />
          ) : rows.length === 0 && !error ? (
            <EmptyState title="No treasury calls match.">
              Calls appear here as PIs are pushed and polled. Change the filters, or run a job from
              the Jobs page.
            </EmptyState>
          ) : (
            <VirtualTable
              id="call-table"
              label="Treasury calls"
              rows={rows}
              columns={columns}
              rowKey={(c) => c.id}
              selected={selected}
              onSelect={setSelected}
              onEndReached={list.loadMore}
              sort={sort}
              onSort={(key) => setSort(nextSort(sort, key) as CallSort)}
            />
          )}
        </div>
        <aside className="split-side" aria-label="Call details">
          {shown?.error && <ErrorBanner error={shown.error} title="Could not load this call" />}
          {!shown && rows.length > 0 && <Loading />}
          {shown?.call && <CallDetailPane call={shown.call} />}
          {rows.length === 0 && !loading && (
            <div className="muted small">Pick a call to see its request and response.</div>
          )}
        </aside>
      </div>
    </div>
  );
}

function CallDetailPane({ call }: { call: CallDetail }) {
  return (
    <div className="call-detail">
      <div className="call-detail-head">
        <span className="svc">{call.service}</span>
        <OutcomeChip outcome={call.outcome} />
      </div>
      <p className="call-message">
        <OutcomeText outcome={call.outcome} message={call.message} />
      </p>
      <div className="fields fields-compact">
        <Field label="Started">{formatDateTime(call.startedAt)}</Field>
        <Field label="Duration">{formatDuration(call.durationMs)}</Field>
        <Field label="Attempt">{call.attempt}</Field>
        <Field label="HTTP status">{call.httpStatus ?? '—'}</Field>
        <Field label="Bill no." mono>
          {call.piId ? (
            <a className="link" href={hrefFor('pi', call.piId)}>
              {call.billNo}
            </a>
          ) : (
            '—'
          )}
        </Field>
      </div>
      {call.errorDetail && (
        <div className="error-detail">
          <div className="field-label">Technical detail</div>
          <code>{call.errorDetail}</code>
        </div>
      )}
      <JsonView label="Request (decrypted)" value={call.request} />
      <JsonView label="Response (decrypted)" value={call.response} />
    </div>
  );
}
