// Nightly jobs: schedule, last run, breaker, and "Run now" with live progress.
import { useEffect, useState } from 'react';
import { POLLED_SERVICES, type PolledService } from '../../../shared/status';
import type { JobProgress, JobRunRow, JobStatus } from '../../../shared/types';
import { invoke } from '../api';
import { Table } from '../components/Table';
import { Chip, EmptyState, ErrorBanner, Loading, PageHeader, ProgressBar } from '../components/ui';
import { describeCron, formatCount, formatDateTime } from '../format';
import { isActive, useJobs } from '../store/jobs';
import { toast } from '../store/toasts';
import { useChannel } from '../useChannel';

const RUN_TONE = { running: 'progress', done: 'ok', failed: 'error', interrupted: 'warn' } as const;

export function JobsPage() {
  const jobs = useChannel('jobs.list', {});
  const runs = useChannel('jobs.runs', { limit: 50 });
  const progress = useJobs((s) => s.progress);
  const [starting, setStarting] = useState<string | null>(null);
  const anyActive = Object.values(progress).some(isActive);
  const { reload: reloadJobs } = jobs;
  const { reload: reloadRuns } = runs;

  // When a run ends, show its outcome in the tables.
  const finished = Object.values(progress)
    .filter((p) => p && !isActive(p))
    .map((p) => `${p!.service}:${p!.runId}:${p!.state}`)
    .join(',');
  useEffect(() => {
    if (finished) {
      void reloadJobs();
      void reloadRuns();
    }
  }, [finished, reloadJobs, reloadRuns]);

  async function run(service: PolledService | 'ALL') {
    setStarting(service);
    const res = await invoke('jobs.run', { service });
    setStarting(null);
    if (!res.ok)
      toast(
        'error',
        `Could not start ${service === 'ALL' ? 'the jobs' : service}`,
        res.error.message,
      );
    else if (res.data.started.length === 0)
      toast('info', 'Nothing started', 'The job is already running.');
    else toast('info', `Started ${res.data.started.join(', ')}`);
    await reloadJobs();
  }

  return (
    <div className="page">
      <PageHeader
        title="Jobs"
        subtitle="Nightly treasury polling, India time. A job missed while the console was closed runs when it opens."
      >
        <button
          type="button"
          className="btn btn-primary"
          disabled={starting !== null || anyActive}
          onClick={() => void run('ALL')}
        >
          Run all now
        </button>
      </PageHeader>
      {jobs.error && (
        <ErrorBanner
          error={jobs.error}
          onRetry={() => void reloadJobs()}
          title="Could not load the jobs"
        />
      )}
      {jobs.loading && !jobs.data ? (
        <Loading />
      ) : jobs.data && jobs.data.length === 0 ? (
        <EmptyState title="No jobs are scheduled." />
      ) : jobs.data ? (
        <Table
          label="Jobs"
          rows={jobs.data}
          rowKey={(j) => j.service}
          columns={[
            {
              key: 'svc',
              header: 'Service',
              render: (j) => <span className="svc">{j.service}</span>,
            },
            {
              key: 'sched',
              header: 'Schedule',
              render: (j) => <span title={j.schedule}>{describeCron(j.schedule)}</span>,
            },
            { key: 'next', header: 'Next run', render: (j) => formatDateTime(j.nextRunAt) },
            {
              key: 'last',
              header: 'Last run',
              render: (j) => <LastRun run={j.lastRun} next={j.nextRunAt} />,
            },
            { key: 'breaker', header: 'Treasury', render: (j) => <Breaker job={j} /> },
            {
              key: 'progress',
              header: 'Progress',
              width: '200px',
              render: (j) => <JobProgressCell p={progress[j.service]} running={j.running} />,
            },
            {
              key: 'run',
              header: '',
              align: 'right',
              render: (j) => (
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={
                    starting !== null ||
                    j.running ||
                    isActive(progress[j.service]) ||
                    !isPolled(j.service)
                  }
                  title={isPolled(j.service) ? undefined : 'Runs on its schedule and with Run all'}
                  onClick={() => void run(j.service as PolledService)}
                  aria-label={`Run ${j.service} now`}
                >
                  Run now
                </button>
              ),
            },
          ]}
        />
      ) : null}

      <section className="section">
        <div className="section-head">
          <h2>Recent runs</h2>
        </div>
        {runs.error && <ErrorBanner error={runs.error} title="Could not load recent runs" />}
        {runs.data && runs.data.rows.length === 0 && (
          <div className="muted small pad">No job has run yet.</div>
        )}
        {runs.data && runs.data.rows.length > 0 && (
          <Table
            label="Recent runs"
            rows={runs.data.rows}
            rowKey={(r) => r.id}
            columns={[
              {
                key: 'svc',
                header: 'Service',
                render: (r) => <span className="svc">{r.service}</span>,
              },
              { key: 'trigger', header: 'Trigger', render: (r) => r.trigger },
              { key: 'start', header: 'Started', render: (r) => formatDateTime(r.startedAt) },
              { key: 'end', header: 'Finished', render: (r) => formatDateTime(r.finishedAt) },
              {
                key: 'state',
                header: 'State',
                render: (r) => <Chip tone={RUN_TONE[r.state]}>{r.state}</Chip>,
              },
              {
                key: 'done',
                header: 'Done',
                align: 'right',
                render: (r) => `${formatCount(r.done)} / ${formatCount(r.total)}`,
              },
              {
                key: 'waiting',
                header: 'Not yet',
                align: 'right',
                // The treasury answered "not yet": asked again at the next run, not an error.
                render: (r) => (
                  <span
                    className={r.waiting ? 'text-neutral' : undefined}
                    title="Answers that said not yet (advice not generated, payment not processed, pending approval)"
                  >
                    {formatCount(r.waiting ?? 0)}
                  </span>
                ),
              },
              {
                key: 'fail',
                header: 'No response / errors',
                align: 'right',
                render: (r) =>
                  r.failures ? <span className="text-warn">{formatCount(r.failures)}</span> : '0',
              },
              {
                key: 'msg',
                header: 'Message',
                wrap: true,
                render: (r) => r.message ?? <span className="muted">—</span>,
              },
            ]}
          />
        )}
      </section>
    </div>
  );
}

function isPolled(service: string): service is PolledService {
  return (POLLED_SERVICES as readonly string[]).includes(service);
}

function LastRun({ run, next }: { run: JobRunRow | null; next: number | null }) {
  if (!run) return <span className="muted">never</span>;
  return (
    <span className="last-run">
      <Chip tone={RUN_TONE[run.state]}>{run.state}</Chip> {formatDateTime(run.startedAt)}
      <span className="muted small">
        {' '}
        · {formatCount(run.done)}/{formatCount(run.total)}
        {run.waiting
          ? `, ${formatCount(run.waiting)} not yet${next ? ` (next check ${formatDateTime(next)})` : ''}`
          : ''}
        {run.failures ? `, ${formatCount(run.failures)} failed` : ''}
      </span>
    </span>
  );
}

function Breaker({ job }: { job: JobStatus }) {
  if (!job.breaker.open) return <Chip tone="ok">reachable</Chip>;
  return (
    <span title={job.breaker.message ?? undefined}>
      <Chip tone="warn">paused</Chip>
      <span className="muted small"> until {formatDateTime(job.breaker.until)}</span>
    </span>
  );
}

function JobProgressCell({ p, running }: { p: JobProgress | undefined; running: boolean }) {
  if (!p || (!isActive(p) && !running)) {
    if (p && p.state === 'failed')
      return <span className="text-error small">{p.message ?? 'failed'}</span>;
    return <span className="muted">—</span>;
  }
  return (
    <div className="job-progress">
      <ProgressBar value={p.total ? p.done / p.total : null} label={`${p.service} progress`} />
      <span className="muted small">
        {p.state === 'waiting' ? 'waiting · ' : ''}
        {formatCount(p.done)}/{formatCount(p.total)}
        {p.waiting ? ` · ${formatCount(p.waiting)} not yet` : ''}
        {p.failures ? ` · ${formatCount(p.failures)} no response or error` : ''}
      </span>
    </div>
  );
}
