// The jobs face of the engine for the UI and the CLI: refresh one PI, run services now,
// list schedules and runs.
import type { AppContext } from '../context';
import type { PolledService, Service } from '../../../shared/status';
import type { JobRunRow, JobStatus, Page, RefreshResult } from '../../../shared/types';
import { jobOf, jobsFromSettings, nextRun } from '../../scheduler/schedule';
import { readEngineSettings } from '../settings/store';
import { requireSetupForVa } from '../settings/status';
import { notFound, refused } from '../errors';
import { refreshService } from './lifecycle';
import type { PiKind, PiStatus } from '../../../shared/status';
import type { RunSummary } from './engine';

/** The nightly order: each service feeds the next (a PI approved by PIS is asked about by PAG). */
export const RUN_ALL_ORDER: Service[] = [
  'VA',
  'PI',
  'COR',
  'PIS',
  'PAG',
  'PD',
  'FD',
  'FTPS',
  'FTFPS',
];

/** Refresh one PI: the same engine path and per-service lock as the nightly job, no retries. */
export async function refreshPi(app: AppContext, piId: number): Promise<RefreshResult> {
  const pi = await app.ledger.read.get<{
    kind: PiKind;
    status: PiStatus;
    billNo: string;
    held: number;
  }>(
    'SELECT kind, status, bill_no AS billNo, held_since IS NOT NULL AS held FROM pis WHERE id = ?',
    [piId],
  );
  if (!pi) throw notFound(`Payment instruction ${piId}`);
  const service = refreshService(pi.kind, pi.status, !!pi.held);
  if (!service) throw refused(`${pi.billNo} is ${pi.status}: there is nothing to refresh.`);
  const summary = await app.engine.run(service, {
    trigger: 'manual',
    piId,
    windowEndsAt: app.now(),
  });
  if (!summary.last) throw refused(`${pi.billNo} changed while waiting; open it again.`);
  return { service, outcome: summary.last.outcome, message: summary.last.message };
}

/** Run services now, one after another in the nightly order. */
export async function runServices(
  app: AppContext,
  which: PolledService | 'ALL' | 'PI',
  windowEndsAt?: number,
): Promise<RunSummary[]> {
  const services = which === 'ALL' ? RUN_ALL_ORDER : (jobOf(which)?.services ?? [which]);
  if (services.includes('VA')) await requireSetupForVa(app);
  const out: RunSummary[] = [];
  for (const service of services)
    out.push(await app.engine.run(service, { trigger: 'manual', windowEndsAt }));
  return out;
}

export async function listJobs(app: AppContext): Promise<JobStatus[]> {
  const now = app.now();
  const breaker = app.engine.breaker.state();
  const jobs = jobsFromSettings(await readEngineSettings(app.ledger.read));
  const rows: JobStatus[] = [];
  for (const service of RUN_ALL_ORDER) {
    const job = jobOf(service, jobs);
    const lastRun = await app.ledger.read.get<JobRunRow>(
      `${RUN_SELECT} WHERE service = ? ORDER BY id DESC LIMIT 1`,
      [service],
    );
    rows.push({
      service,
      schedule: job
        ? job.services[0] === service
          ? job.cron
          : `after ${job.services[0]} (${job.cron})`
        : '',
      nextRunAt: job ? nextRun(job.cron, now) : null,
      running: app.engine.isRunning(service),
      lastRun: lastRun ?? null,
      breaker,
    });
  }
  return rows;
}

const RUN_SELECT = `SELECT id, service, trigger, started_at AS startedAt, finished_at AS finishedAt, state, total, done,
                           failures, waiting, message FROM job_runs`;

export async function listRuns(
  app: AppContext,
  q: { limit: number; offset: number },
): Promise<Page<JobRunRow>> {
  const rows = await app.ledger.read.all<JobRunRow>(
    `${RUN_SELECT} ORDER BY id DESC LIMIT ? OFFSET ?`,
    [q.limit, q.offset],
  );
  const count = await app.ledger.read.get<{ n: number }>('SELECT count(*) AS n FROM job_runs');
  return { rows, total: count?.n ?? 0 };
}
