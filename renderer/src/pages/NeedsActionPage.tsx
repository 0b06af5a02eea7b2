// Needs action: the clerk's worklist. Failed beneficiaries to pay again (soonest revise-by
// first) and PIs stuck or ended at the treasury, each with what to do next.
import type { WorklistFailedGroup, WorklistPiRow } from '../../../shared/types';
import { Table, type TableColumn } from '../components/Table';
import { Chip, EmptyState, ErrorBanner, Loading, Money, PageHeader } from '../components/ui';
import { formatCount, formatDateTime, formatTreasuryDate } from '../format';
import { hrefFor, navigate } from '../store/router';
import { useChannel } from '../useChannel';
import { csvFileName } from '../../../shared/csv';
import { ExportButton } from '../export/ExportButton';
import { WORKLIST_FAILED_CSV, WORKLIST_PI_CSV } from '../export/columns';
import { rowsJob } from '../export/jobs';
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
  const { data, error, loading, reload } = useChannel('worklist.get', {});
  const failedCount = data?.failed.reduce((s, g) => s + g.count, 0) ?? 0;
  return (
    <div className="page">
      <PageHeader
        title="Needs action"
        subtitle={
          data
            ? `${formatCount(failedCount)} failed ${failedCount === 1 ? 'beneficiary' : 'beneficiaries'} to pay again · ${formatCount(data.pis.length)} payment instructions to look at`
            : undefined
        }
      >
        <button type="button" className="btn" onClick={() => void reload()}>
          Reload
        </button>
        <ExportButton
          label="Export failed (CSV)"
          disabled={!data?.failed.length}
          job={() =>
            rowsJob(
              data?.failed ?? [],
              WORKLIST_FAILED_CSV,
              csvFileName('needs-action-failed', [], Date.now()),
            )
          }
        />
        <ExportButton
          label="Export PIs (CSV)"
          disabled={!data?.pis.length}
          job={() =>
            rowsJob(
              data?.pis ?? [],
              WORKLIST_PI_CSV,
              csvFileName('needs-action-pis', [], Date.now()),
            )
          }
        />
      </PageHeader>
      {error && (
        <ErrorBanner
          error={error}
          onRetry={() => void reload()}
          title="Could not load the worklist"
        />
      )}
      {loading && !data ? (
        <Loading />
      ) : data ? (
        <>
          <section className="section" aria-labelledby="wl-failed">
            <div className="section-head">
              <h2 id="wl-failed">Failed beneficiaries to pay again</h2>
            </div>
            {data.failed.length === 0 ? (
              <EmptyState title="No failed beneficiary is waiting.">
                Beneficiaries the bank returned appear here until a revised PI pays them.
              </EmptyState>
            ) : (
              <Table
                label="Failed beneficiaries by PI"
                rows={data.failed}
                columns={FAILED_COLUMNS}
                rowKey={(g) => g.piId}
                onRowClick={(g) => navigate('pi', g.piId)}
              />
            )}
          </section>
          <section className="section" aria-labelledby="wl-pis">
            <div className="section-head">
              <h2 id="wl-pis">Payment instructions</h2>
            </div>
            {data.pis.length === 0 ? (
              <EmptyState title="No payment instruction is held, stuck, failed or declined." />
            ) : (
              <Table
                label="Payment instructions that need action"
                rows={data.pis}
                columns={PI_COLUMNS}
                rowKey={(p) => p.piId}
                onRowClick={(p) => navigate('pi', p.piId)}
              />
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
