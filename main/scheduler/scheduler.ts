// Fires the nightly jobs with node-schedule in India time, and at start runs any job whose
// last due time passed while the console was closed (catch-up).
import schedule from 'node-schedule';
import type { App } from '../app';
import { TREASURY_ZONE } from '../../shared/time';
import { DEFAULT_JOBS, jobsFromSettings, lastDue, nextRun, type JobDef } from './schedule';
import { readEngineSettings } from '../core/settings/store';
import { deliverQueued } from '../notify/deliver';
import type { SmsGateway } from '../notify/gateway';
import { acquireLease, holderId, LEASE_TTL_MS, releaseLease } from '../ledger/lease';

export interface SchedulerOptions {
  jobs?: JobDef[];
  /** Where queued SMS go; without one they stay queued (the CLI's sms-send can send them). */
  sms?: { gateway: SmsGateway; everyMs?: number };
  /** How often the scheduler lease is renewed (default a third of its lifetime). */
  leaseRenewMs?: number;
}

export class Scheduler {
  private readonly handles: schedule.Job[] = [];
  private smsTimer: NodeJS.Timeout | undefined;
  private delivering: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private leaseTimer: NodeJS.Timeout | undefined;
  private leaseHeld = false;
  private offConfigure: (() => void) | undefined;
  /** This process in the ledger's leases: only the holder runs the schedule and sends SMS. */
  readonly holder = holderId();
  jobs: JobDef[];
  /** Settles when the catch-up runs started by start() have finished. */
  catchUp: Promise<void> = Promise.resolve();

  constructor(
    private readonly app: App,
    private readonly options: SchedulerOptions = {},
  ) {
    this.jobs = options.jobs ?? DEFAULT_JOBS;
  }

  /** Schedule every job; then run the missed ones. Resolves once catch-up has started. */
  async start(): Promise<JobDef[]> {
    // Times saved in Settings, unless the host fixed the jobs; a later save re-plans them.
    if (!this.options.jobs) {
      this.jobs = jobsFromSettings(await readEngineSettings(this.app.ledger.read));
      this.offConfigure = this.app.engine.onConfigure((s) => {
        if (this.stopped) return;
        this.jobs = jobsFromSettings(s);
        this.plan();
      });
    }
    if (this.stopped) return [];
    this.plan();
    const sms = this.options.sms;
    if (sms) {
      // One delivery at a time: a slow gateway must not stack up overlapping sends.
      this.smsTimer = setInterval(() => {
        this.delivering = this.delivering
          .then(() => deliverQueued(this.app.ledger, sms.gateway, this.app.now, this.holder))
          .catch((err) => console.error('[sms] delivery failed:', err));
      }, sms.everyMs ?? 60_000);
    }
    this.leaseTimer = setInterval(
      () => {
        void this.renewLease().catch((err) => console.error('[scheduler] lease:', err));
      },
      this.options.leaseRenewMs ?? LEASE_TTL_MS / 3,
    );
    return this.renewLease();
  }

  /** Whether this process runs the schedule now. */
  get holdsLease(): boolean {
    return this.leaseHeld;
  }

  /**
   * Take or renew the ledger's scheduler lease. A process that newly gets it (the first to
   * start, or `serve` once the window holding it has gone) catches up on missed runs.
   */
  async renewLease(): Promise<JobDef[]> {
    if (this.stopped) return [];
    const had = this.leaseHeld;
    this.leaseHeld = await acquireLease(this.app.ledger, 'scheduler', this.holder);
    if (had || !this.leaseHeld) return [];
    const missed = await this.missedJobs();
    // Stopped while looking (the app quit during start-up): start no catch-up runs.
    if (this.stopped) return [];
    this.catchUp = Promise.all(
      missed.map((job) => this.runJob(job, 'catch-up', lastDue(job.cron, this.app.now()))),
    ).then(() => undefined);
    return missed;
  }

  private plan(): void {
    for (const h of this.handles.splice(0)) h.cancel();
    for (const job of this.jobs) {
      const handle = schedule.scheduleJob({ rule: job.cron, tz: TREASURY_ZONE }, (fireDate) => {
        void this.runJob(job, 'schedule', fireDate.getTime());
      });
      if (handle) this.handles.push(handle);
    }
  }

  /** Stop firing jobs and sending SMS; resolves when a delivery in progress has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.offConfigure?.();
    for (const h of this.handles.splice(0)) h.cancel();
    clearInterval(this.smsTimer);
    clearInterval(this.leaseTimer);
    await this.delivering;
    if (this.leaseHeld) {
      this.leaseHeld = false;
      await releaseLease(this.app.ledger, 'scheduler', this.holder).catch(() => undefined);
    }
    await releaseLease(this.app.ledger, 'sms', this.holder).catch(() => undefined);
  }

  /** Jobs due since the ledger was created that have not started since they were last due. */
  async missedJobs(): Promise<JobDef[]> {
    const now = this.app.now();
    const created = await this.app.ledger.read.get<{ value: string }>(
      `SELECT value FROM settings WHERE key = 'created_at'`,
    );
    const since = created ? Number(created.value) : now;
    const missed: JobDef[] = [];
    for (const job of this.jobs) {
      const due = lastDue(job.cron, now);
      if (due < since) continue;
      const ran = await this.app.ledger.read.get<{ n: number }>(
        `SELECT count(*) AS n FROM job_runs WHERE service = ? AND trigger IN ('schedule', 'catch-up') AND started_at >= ?`,
        [job.services[0], due],
      );
      if (!ran?.n) missed.push(job);
    }
    return missed;
  }

  async runJob(job: JobDef, trigger: 'schedule' | 'catch-up', scheduledFor: number): Promise<void> {
    // Another process on this ledger holds the schedule: it runs this job, not us.
    if (!(await acquireLease(this.app.ledger, 'scheduler', this.holder))) {
      this.leaseHeld = false;
      return;
    }
    this.leaseHeld = true;
    // Retry until the next scheduled run of this job begins; that run carries on. The next
    // service of the job ("PD then FD") starts after the previous one's first pass, not
    // after its retries.
    const windowEndsAt = nextRun(job.cron, this.app.now());
    const runs: Promise<unknown>[] = [];
    for (const service of job.services) {
      await new Promise<void>((firstPassDone) => {
        const run = this.app.engine
          .run(service, { trigger, scheduledFor, windowEndsAt, onFirstPass: firstPassDone })
          .catch((err) => console.error(`[scheduler] ${service} run failed:`, err))
          .finally(firstPassDone);
        runs.push(run);
      });
    }
    await Promise.all(runs);
  }
}
