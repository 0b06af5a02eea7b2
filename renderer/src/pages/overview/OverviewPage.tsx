// Overview: the state of the ledger at a glance. PI counts, funds per head, each service's latest run,
// SMS and the failures still to pay, from one overview.get call.
import { EmptyState, ErrorBanner, Loading, Money, PageHeader } from '../../components/ui';
import { formatCount, formatTreasuryDate } from '../../format';
import { hrefFor } from '../../store/router';
import { useChannel } from '../../useChannel';
import { FundsChart, PiStatusChart } from './charts';
import { RunsTable } from './RunsTable';

export function OverviewPage() {
  const { data, error, loading, reload } = useChannel('overview.get', {});
  return (
    <div className="page">
      <PageHeader
        title="Overview"
        subtitle="Payment instructions, funds and each service's latest run"
      >
        <button type="button" className="btn" disabled={loading} onClick={() => void reload()}>
          Refresh
        </button>
      </PageHeader>
      {error && (
        <ErrorBanner
          error={error}
          onRetry={() => void reload()}
          title="Could not load the overview"
        />
      )}
      {loading && !data ? (
        <Loading />
      ) : data ? (
        <div className="ov">
          <div className="ov-stats">
            <section className="card ov-stat" aria-label="Open failures">
              <div className="ov-stat-label">Open failures</div>
              <div className="ov-stat-value">{formatCount(data.failures.beneficiaries)}</div>
              <div className="muted small">
                {data.failures.beneficiaries === 0 ? (
                  'No failed beneficiary waits to be paid again.'
                ) : (
                  <>
                    beneficiaries · <Money paise={data.failures.amountPaise} /> on{' '}
                    {formatCount(data.failures.pis)} PI{data.failures.pis === 1 ? '' : 's'} ·{' '}
                    <a className="link" href={hrefFor('worklist')}>
                      Needs action
                    </a>
                  </>
                )}
              </div>
            </section>
            <section className="card ov-stat" aria-label="Nearest deadline">
              <div className="ov-stat-label">Nearest revise-by deadline</div>
              <div className="ov-stat-value">
                {data.failures.nearestReviseBy
                  ? formatTreasuryDate(data.failures.nearestReviseBy)
                  : '—'}
              </div>
              <div className="muted small">
                {data.failures.nearestPiId ? (
                  <a className="link mono" href={hrefFor('pi', data.failures.nearestPiId)}>
                    {data.failures.nearestBillNo}
                  </a>
                ) : (
                  'Nothing to revise.'
                )}
              </div>
            </section>
            <section className="card ov-stat" aria-label="SMS">
              <div className="ov-stat-label">SMS sent</div>
              <div className="ov-stat-value">{formatCount(data.sms.sent)}</div>
              <div className="muted small">
                {formatCount(data.sms.queued)} waiting · {formatCount(data.sms.failed)} failed ·{' '}
                <a className="link" href={hrefFor('sms')}>
                  Outbox
                </a>
              </div>
            </section>
          </div>

          <section className="card ov-card" aria-labelledby="ov-pis">
            <h2 id="ov-pis">Payment instructions by status</h2>
            {data.pis.every((p) => p.original + p.revised === 0) ? (
              <EmptyState title="No payment instructions yet.">
                Push a payment from <a href={hrefFor('payments')}>Payments</a>.
              </EmptyState>
            ) : (
              <PiStatusChart pis={data.pis} />
            )}
          </section>

          <section className="card ov-card" aria-labelledby="ov-funds">
            <h2 id="ov-funds">Funds per head of account</h2>
            {data.heads.length === 0 ? (
              <EmptyState title="No allotments yet.">
                VA brings them in each night; <a href={hrefFor('jobs')}>Jobs</a> → Run VA now brings
                them at once.
              </EmptyState>
            ) : (
              <FundsChart heads={data.heads} />
            )}
          </section>

          <section className="card ov-card ov-wide" aria-labelledby="ov-runs">
            <h2 id="ov-runs">Latest run of each service</h2>
            <RunsTable runs={data.runs} />
          </section>
        </div>
      ) : null}
    </div>
  );
}
