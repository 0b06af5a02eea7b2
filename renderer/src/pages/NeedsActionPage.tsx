// Needs action: the clerk's worklist, a page of each list at a time. Failed beneficiaries to pay again (soonest revise-by
// first) and PIs stuck or ended at the treasury, each with what to do next.
import { useEffect, useRef } from 'react';
import type { WorklistFailedGroup, WorklistPiRow } from '../../../shared/types';
import { Table, type TableColumn } from '../components/Table';
import { Chip, Money, PageHeader } from '../components/ui';
import { ListBody } from '../components/ListBody';
import { formatCount, formatDateTime, formatTreasuryDate } from '../format';
import { hrefFor, navigate } from '../store/router';
import { LIST_PAGE, usePagedList } from '../usePagedList';
import { csvFileName } from '../../../shared/csv';
import { ExportButton } from '../export/ExportButton';
import { WORKLIST_FAILED_CSV, WORKLIST_PI_CSV } from '../export/columns';
import { pagedJob } from '../export/jobs';
import { FailureReason } from './FailureReason';

const billLink = (r: { piId: number; billNo: string }) => (
  <a className="mono small" href={hrefFor('pi', r.piId)} onClick={(e) => e.stopPropagation()}>
    {r.billNo}
  </a>
);

const days = (n: number) => (n === 1 ? '1 day' : `${formatCount(n)} days`);

function Reasons({ reasons }: { reasons: string[] }) {
  return (
    <ul className="plain-list">
      {reasons.map((r) => (
        <li key={r}>
          <FailureReason reason={r} withFix />
        </li>
      ))}
    </ul>
  );
}

const FAILED_COLUMNS: TableColumn<WorklistFailedGroup>[] = [
  { key: 'bill', header: 'PI', width: '200px', render: billLink },
  { key: 'count', header: 'Failed', align: 'right', width: '64px', render: (g) => g.count },
  {
    key: 'amount',
    header: 'Amount',
    align: 'right',
    width: '120px',
    render: (g) => <Money paise={g.amountPaise} />,
  },
  {
    key: 'reason',
    header: 'Reason and fix',
    wrap: true,
    render: (g) => <Reasons reasons={g.reasons} />,
  },
  {
    key: 'since',
    header: 'Since failure',
    width: '110px',
    render: (g) => (g.daysSinceFailure === 0 ? 'today' : `${days(g.daysSinceFailure)} ago`),
  },
  {
    key: 'by',
    header: 'Revise by',
    width: '108px',
    render: (g) => <strong>{formatTreasuryDate(g.reviseBy)}</strong>,
  },
  { key: 'next', header: 'Next step', wrap: true, width: '26%', render: (g) => g.nextStep },
];

const PI_REASON = {
  'no-response': { label: 'No response', tone: 'warn' },
  failed: { label: 'Failed', tone: 'error' },
  declined: { label: 'Declined', tone: 'error' },
  held: { label: 'Held', tone: 'info' },
} as const;

const PI_COLUMNS: TableColumn<WorklistPiRow>[] = [
  { key: 'bill', header: 'PI', width: '200px', render: billLink },
  {
    key: 'why',
    header: 'State',
    width: '110px',
    render: (p) => (
      <Chip
        tone={PI_REASON[p.reason].tone}
        title={p.reason === 'held' ? 'Awaiting treasury confirmation' : undefined}
      >
        {PI_REASON[p.reason].label}
      </Chip>
    ),
  },
  {
    key: 'age',
    header: 'For',
    width: '120px',
    render: (p) => <span title={`Since ${formatDateTime(p.since)}`}>{days(p.ageDays)}</span>,
  },
  {
    key: 'msg',
    header: 'Last treasury message',
    wrap: true,
    render: (p) => <span className="small">{p.lastMessage ?? '—'}</span>,
  },
  { key: 'next', header: 'Next step', wrap: true, width: '30%', render: (p) => p.nextStep },
];

export function NeedsActionPage() {
  const failed = usePagedList('worklist.failed', {});
  const pis = usePagedList('worklist.pis', {});
  const beneficiaries = failed.summary?.beneficiaries ?? 0;
  const reload = () => {
    failed.reload();
    pis.reload();
  };
  return (
    <div className="page">
      <PageHeader
        title="Needs action"
        subtitle={
          failed.summary && pis.summary
            ? `${formatCount(beneficiaries)} failed ${beneficiaries === 1 ? 'beneficiary' : 'beneficiaries'} to pay again · ${formatCount(pis.total)} payment instructions to look at`
            : undefined
        }
      >
        <button type="button" className="btn" onClick={reload}>
          Reload
        </button>
        <ExportButton
          label="Export failed (CSV)"
          disabled={!failed.total}
          job={() =>
            pagedJob(
              'worklist.failed',
              {},
              WORKLIST_FAILED_CSV,
              csvFileName('needs-action-failed', [], Date.now()),
            )
          }
        />
        <ExportButton
          label="Export PIs (CSV)"
          disabled={!pis.total}
          job={() =>
            pagedJob(
              'worklist.pis',
              {},
              WORKLIST_PI_CSV,
              csvFileName('needs-action-pis', [], Date.now()),
            )
          }
        />
      </PageHeader>
      <section className="section" aria-labelledby="wl-failed">
        <div className="section-head">
          <h2 id="wl-failed">Failed beneficiaries to pay again</h2>
          <TotalOf list={failed} what="PI" />
        </div>
        <ListBody
          error={failed.error}
          errorTitle="Could not load the failed beneficiaries"
          onRetry={failed.reload}
          loading={failed.loading}
          count={failed.rows.length}
          emptyTitle="No failed beneficiary is waiting."
          empty="Beneficiaries the bank returned appear here until a revised PI pays them."
        >
          <Table
            label="Failed beneficiaries by PI"
            rows={failed.rows}
            columns={FAILED_COLUMNS}
            rowKey={(g) => g.piId}
            onRowClick={(g) => navigate('pi', g.piId)}
          />
          <ShowMore
            list={failed}
            table="Failed beneficiaries by PI"
            label="failed beneficiaries by PI"
          />
        </ListBody>
      </section>
      <section className="section" aria-labelledby="wl-pis">
        <div className="section-head">
          <h2 id="wl-pis">Payment instructions</h2>
          <TotalOf list={pis} what="PI" />
        </div>
        <ListBody
          error={pis.error}
          errorTitle="Could not load the payment instructions"
          onRetry={pis.reload}
          loading={pis.loading}
          count={pis.rows.length}
          emptyTitle="No payment instruction is held, stuck, failed or declined."
        >
          <Table
            label="Payment instructions that need action"
            rows={pis.rows}
            columns={PI_COLUMNS}
            rowKey={(p) => p.piId}
            onRowClick={(p) => navigate('pi', p.piId)}
          />
          <ShowMore
            list={pis}
            table="Payment instructions that need action"
            label="payment instructions"
          />
        </ListBody>
      </section>
    </div>
  );
}

interface Listed {
  rows: readonly unknown[];
  error: unknown;
  total: number;
  loading: boolean;
  loadMore(): void;
}

function TotalOf({ list, what }: { list: Listed; what: string }) {
  if (list.loading || list.error) return null;
  return (
    <span className="muted">
      {formatCount(list.total)} {list.total === 1 ? what : `${what}s`}
    </span>
  );
}

/**
 * The lists come a page at a time; the next page is one key press away, and the keyboard
 * lands on the first new row's link.
 */
function ShowMore({ list, table, label }: { list: Listed; table: string; label: string }) {
  const from = useRef<number | null>(null);
  const shown = list.rows.length;
  useEffect(() => {
    if (from.current === null || shown <= from.current) return;
    document
      .querySelector<HTMLAnchorElement>(
        `table[aria-label="${table}"] tbody tr:nth-child(${from.current + 1}) a`,
      )
      ?.focus();
    from.current = null;
  }, [shown, table]);
  const left = list.total - shown;
  if (left <= 0) return null;
  return (
    <div className="statusbar">
      <span className="muted">
        Showing {formatCount(shown)} of {formatCount(list.total)}
      </span>
      <button
        type="button"
        className="btn"
        onClick={() => {
          from.current = shown;
          list.loadMore();
        }}
      >
        Show {formatCount(Math.min(left, LIST_PAGE))} more {label}
      </button>
    </div>
  );
}
