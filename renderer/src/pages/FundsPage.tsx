// Funds: what each sanction was allotted and has left, the allotments received (flagged ones
// first to the eye), and the ledger check.
import { useEffect, useState } from 'react';
import type { CheckProgress, CheckResult } from '../../../shared/types';
import { getApi, invoke, type ApiError } from '../api';
import { Table } from '../components/Table';
import {
  Banner,
  Chip,
  EmptyState,
  ErrorBanner,
  Loading,
  Money,
  PageHeader,
  ProgressBar,
} from '../components/ui';
import { formatDateTime, formatInr, formatTreasuryDate } from '../format';
import { hrefFor } from '../store/router';
import { csvFileName } from '../../../shared/csv';
import { ExportButton } from '../export/ExportButton';
import { ALLOTMENT_CSV, FUNDS_CSV } from '../export/columns';
import { pagedJob, rowsJob } from '../export/jobs';
import { useChannel } from '../useChannel';

export function FundsPage() {
  const funds = useChannel('funds.summary', {});
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const allotments = useChannel('allotments.list', { flaggedOnly, limit: 1000 });
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [checkError, setCheckError] = useState<ApiError | null>(null);
  const [checking, setChecking] = useState(false);
  const [progress, setProgress] = useState<CheckProgress | null>(null);
  useEffect(() => getApi().on('check.progress', setProgress), []);

  async function verify() {
    setChecking(true);
    setProgress(null);
    setCheckError(null);
    const res = await invoke('check.run', {});
    setChecking(false);
    if (res.ok) setCheck(res.data);
    else {
      setCheck(null);
      setCheckError(res.error);
    }
  }

  const rows = funds.data ?? [];
  const allotted = rows.reduce((n, r) => n + r.allottedPaise, 0);
  const available = rows.reduce((n, r) => n + r.availablePaise, 0);

  return (
    <div className="page">
      <PageHeader
        title="Funds"
        subtitle="Virtual allotments received from the treasury (VA) and what is left to pay from"
      >
        <button type="button" className="btn" disabled={checking} onClick={() => void verify()}>
          {checking ? 'Verifying…' : 'Verify ledger'}
        </button>
      </PageHeader>

      {checking && <CheckProgressLine progress={progress} />}
      {checkError && <ErrorBanner error={checkError} title="The ledger check could not run" />}
      {check && check.ok && check.breaches.length === 0 && (
        <Banner tone="ok">
          <strong>No breaches.</strong> Funds, payments and the ledger agree (checked{' '}
          {formatDateTime(check.checkedAt)}).
        </Banner>
      )}
      {check && check.breaches.length > 0 && (
        <div className="banner banner-error" role="alert">
          <div className="banner-body column">
            <strong>
              {check.breaches.length} {check.breaches.length === 1 ? 'breach' : 'breaches'} found
              (checked {formatDateTime(check.checkedAt)})
            </strong>
            <ul className="import-errors">
              {check.breaches.map((b, i) => (
                <li key={i}>
                  <Chip tone="error">{b.kind}</Chip> {b.message}
                  {b.piId && (
                    <>
                      {' '}
                      <a className="link" href={hrefFor('pi', b.piId)}>
                        open PI
                      </a>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}

      <section className="section">
        <div className="section-head">
          <h2>Sanctions</h2>
          <ExportButton
            disabled={rows.length === 0}
            job={() => rowsJob(rows, FUNDS_CSV, csvFileName('funds', [], Date.now()))}
          />
        </div>
        {funds.error && (
          <ErrorBanner
            error={funds.error}
            onRetry={() => void funds.reload()}
            title="Could not load funds"
          />
        )}
        {funds.loading && !funds.data ? (
          <Loading />
        ) : funds.data && rows.length === 0 ? (
          <EmptyState title="No funds received yet.">
            Sanctions appear when the nightly VA job fetches virtual allotments. Run VA now from the{' '}
            <a href={hrefFor('jobs')}>Jobs</a> page.
          </EmptyState>
        ) : funds.data ? (
          <Table
            label="Funds by sanction"
            rows={rows}
            rowKey={(r) => r.sanctionId}
            columns={[
              {
                key: 'id',
                header: <span title="mstAllotmentDistId">Sanction</span>,
                sortValue: (r) => r.mstAllotmentDistId,
                render: (r) => <span className="mono">{r.mstAllotmentDistId}</span>,
              },
              {
                key: 'tenant',
                header: 'ULB',
                sortValue: (r) => r.tenantId,
                render: (r) => r.tenantId,
              },
              {
                key: 'hoa',
                header: 'Head of account',
                sortValue: (r) => r.hoa,
                render: (r) => <span className="mono small">{r.hoa}</span>,
              },
              {
                key: 'ddo',
                header: 'DDO',
                render: (r) => <span className="mono small">{r.ddoCode}</span>,
              },
              {
                key: 'scheme',
                header: 'Scheme',
                wrap: true,
                sortValue: (r) => r.schemeName,
                render: (r) => r.schemeName ?? '—',
              },
              {
                key: 'allotted',
                header: 'Allotted',
                align: 'right',
                sortValue: (r) => r.allottedPaise,
                render: (r) => <Money paise={r.allottedPaise} />,
              },
              {
                key: 'available',
                header: 'Available',
                align: 'right',
                sortValue: (r) => r.availablePaise,
                render: (r) => (
                  <span className={r.availablePaise === 0 ? 'text-warn' : undefined}>
                    <Money paise={r.availablePaise} strong />
                  </span>
                ),
              },
            ]}
            footer={
              <tr className="total-row">
                <td colSpan={5}>Total</td>
                <td className="align-right money">{formatInr(allotted)}</td>
                <td className="align-right money strong">{formatInr(available)}</td>
              </tr>
            }
          />
        ) : null}
      </section>

      <section className="section">
        <div className="section-head">
          <h2>Allotments received</h2>
          <label className="check small">
            <input
              type="checkbox"
              checked={flaggedOnly}
              onChange={(e) => setFlaggedOnly(e.target.checked)}
            />
            Flagged only
          </label>
          <ExportButton
            disabled={!allotments.data?.total}
            job={() =>
              pagedJob(
                'allotments.list',
                { flaggedOnly },
                ALLOTMENT_CSV,
                csvFileName('allotments', [flaggedOnly ? 'flagged' : undefined], Date.now()),
              )
            }
          />
        </div>
        {allotments.error && (
          <ErrorBanner
            error={allotments.error}
            onRetry={() => void allotments.reload()}
            title="Could not load allotments"
          />
        )}
        {allotments.loading && !allotments.data ? (
          <Loading />
        ) : allotments.data && allotments.data.rows.length === 0 ? (
          <EmptyState
            title={flaggedOnly ? 'No flagged allotments.' : 'No allotments received yet.'}
          />
        ) : allotments.data ? (
          <Table
            label="Allotments"
            rows={allotments.data.rows}
            rowKey={(a) => a.id}
            rowClass={(a) => (a.flag ? 'row-flagged' : undefined)}
            columns={[
              {
                key: 'date',
                header: 'Date',
                sortValue: (a) => a.allotmentDate,
                render: (a) => formatTreasuryDate(a.allotmentDate),
              },
              {
                key: 'sanction',
                header: 'Sanction',
                render: (a) => <span className="mono small">{a.mstAllotmentDistId}</span>,
              },
              {
                key: 'ref',
                header: 'Allotment / Sl. no.',
                render: (a) => (
                  <span className="mono small">
                    {a.ssuAllotmentId} / {a.allotmentTxnSlNo}
                  </span>
                ),
              },
              {
                key: 'type',
                header: 'Type',
                sortValue: (a) => a.txnType,
                render: (a) => a.txnType,
              },
              {
                key: 'amount',
                header: 'Amount',
                align: 'right',
                sortValue: (a) => a.amountPaise,
                render: (a) => <Money paise={a.amountPaise} />,
              },
              {
                key: 'applied',
                header: 'Applied',
                align: 'right',
                render: (a) => <Money paise={a.appliedPaise} />,
              },
              {
                key: 'flag',
                header: 'Flag',
                wrap: true,
                render: (a) =>
                  a.flag ? (
                    <span className="flag-text">{a.flag}</span>
                  ) : (
                    <span className="muted">—</span>
                  ),
              },
            ]}
          />
        ) : null}
      </section>
    </div>
  );
}

/** A large ledger takes a while to read: say which table the file check is on, then the rules. */
function CheckProgressLine({ progress }: { progress: CheckProgress | null }) {
  const reading = progress && progress.table !== null;
  return (
    <div className="pad-b" role="status">
      <ProgressBar
        value={progress && progress.total ? progress.done / progress.total : null}
        label="Ledger check progress"
      />
      <span className="muted small">
        {reading
          ? `Reading the ledger file: ${progress.table} (table ${progress.done + 1} of ${progress.total})…`
          : progress
            ? 'Checking funds, payments and beneficiaries…'
            : 'Starting the check…'}
      </span>
    </div>
  );
}
