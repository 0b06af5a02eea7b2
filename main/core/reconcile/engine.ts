// The reconciliation engine: runs one service's poller over its targets with bounded
// concurrency, retries No Response with backoff until the run's window closes, and applies
// answers in batches, many to a transaction, each under its own savepoint with its call-log
// row, audit rows and SMS rows (batch.ts).
import type { AppContext } from '../context';
import type { CallResult } from '../../jit/types';
import type { Outcome, Service } from '../../../shared/status';
import type { Conn } from '../../ledger/conn';
import { ProgressReporter } from './progress';
import { openCalls } from '../pi/history';
import { Breaker, DEFAULT_BREAKER, type BreakerSettings } from './breaker';
import { DEFAULT_RETRY, retryDelay, type RetrySettings } from './backoff';
import { ServiceLocks } from './lock';
import { AnswerBatches, DEFAULT_BATCH, WriteAhead, type BatchSettings } from './batch';
import { applyAnswer, applyAnswers } from './apply-answer';
import { DEFAULT_SAVE_RETRY, saveAnswer, type SaveRetrySettings } from './save';
import { isWaiting } from '../../../shared/waiting';
import type { Poller, Target } from './poller';
import { DEFAULT_SETTINGS, type EngineSettingsInput } from '../../../shared/settings';

export interface EngineSettings {
  concurrency: number;
  retry: RetrySettings;
  breaker: BreakerSettings;
  save: SaveRetrySettings;
  /** Call rows written ahead, and answers applied, this many to a transaction. */
  batch: BatchSettings;
  /** How many days FD and FTFPS keep watching a Completed PI. */
  watchDays: number;
}

export const DEFAULT_ENGINE: EngineSettings = {
  concurrency: DEFAULT_SETTINGS.concurrency,
  retry: DEFAULT_RETRY,
  breaker: DEFAULT_BREAKER,
  save: DEFAULT_SAVE_RETRY,
  batch: DEFAULT_BATCH,
  watchDays: DEFAULT_SETTINGS.watchDays,
};

export interface RunOptions {
  trigger: 'schedule' | 'catch-up' | 'manual';
  /** Keep retrying No Response until this instant (the next scheduled run carries on). */
  windowEndsAt?: number;
  /** Poll only this PI (a manual Refresh). */
  piId?: number;
  /** Called once the first pass is over (a job's next service need not wait for retries). */
  onFirstPass?: () => void;
  scheduledFor?: number;
}

export interface RunSummary {
  runId: number;
  service: Service;
  total: number;
  outcomes: Record<Outcome, number>;
  /** Targets still without a response when the window closed. */
  unanswered: number;
  /** ERROR answers that only say "not yet" (shared/waiting.ts): counted apart from real errors. */
  waiting: number;
  /** The final result per target, for a single-PI refresh. */
  last?: CallResult;
}

export class Engine {
  readonly locks = new ServiceLocks();
  readonly breaker: Breaker;
  private stopping = false;
  private readonly generations = new Map<Service, number>();
  private readonly active = new Map<Service, number>();
  private readonly timers = new Set<() => void>();
  private readonly configured = new Set<(s: EngineSettingsInput) => void>();
  readonly settings: EngineSettings;

  constructor(
    private readonly app: AppContext,
    private readonly pollers: Map<Service, Poller>,
    settings: EngineSettings = DEFAULT_ENGINE,
  ) {
    this.settings = { ...settings };
    this.breaker = new Breaker(settings.breaker, app.now);
  }

  /** Settings saved by the user: later passes and runs use them; listeners (the scheduler) too. */
  configure(s: EngineSettingsInput): void {
    this.settings.concurrency = s.concurrency;
    this.settings.watchDays = s.watchDays;
    this.settings.retry = {
      ...this.settings.retry,
      baseMs: s.retryStartSeconds * 1000,
      maxMs: s.retryCapMinutes * 60_000,
    };
    for (const listener of this.configured) listener(s);
  }

  onConfigure(listener: (s: EngineSettingsInput) => void): () => void {
    this.configured.add(listener);
    return () => this.configured.delete(listener);
  }

  poller(service: Service): Poller {
    const p = this.pollers.get(service);
    if (!p) throw new Error(`no poller for ${service}`);
    return p;
  }

  /** A run is under way (a pass, or a wait between retries). */
  isRunning(service: Service): boolean {
    return (this.active.get(service) ?? 0) > 0;
  }

  /**
   * Run one service. Each pass over the targets holds the service's lock; the waits between
   * retries do not, so a Refresh or the next scheduled run is never stuck behind a sleep.
   */
  async run(service: Service, options: RunOptions): Promise<RunSummary> {
    const poller = this.poller(service);
    const { app } = this;
    // A single-PI Refresh does not supersede the nightly run's retries; a whole run does.
    const generation = options.piId ? undefined : this.bumpGeneration(service);
    const { runId, targets } = await this.locks.withLock(service, () =>
      this.begin(poller, options),
    );
    const summary: RunSummary = {
      runId,
      service,
      total: targets.length,
      outcomes: { OK: 0, ERROR: 0, NO_RESPONSE: 0 },
      unanswered: 0,
      waiting: 0,
    };
    const progress = new ProgressReporter(app, runId, service, targets.length);
    const attempts = new Map<Target, number>();
    let pending = targets;
    let stopReason = "the run's window closed; the next run carries on";
    this.active.set(service, (this.active.get(service) ?? 0) + 1);
    try {
      for (let round = 0; ; round++) {
        if (round > 0) {
          const breaker = this.breaker.state();
          const delay = Math.max(
            retryDelay(round, this.settings.retry),
            breaker.until ? breaker.until - app.now() : 0,
          );
          const windowEndsAt = options.windowEndsAt ?? app.now();
          if (this.stopping || app.now() + delay >= windowEndsAt) break;
          progress.waiting(pending.length, delay, breaker.message);
          await this.sleep(delay);
          if (this.stopping) break;
          if (generation !== undefined && this.generations.get(service) !== generation) {
            stopReason = 'a newer run of this service carries on';
            break;
          }
        }
        pending = await this.locks.withLock(service, () =>
          this.pass(poller, pending, runId, attempts, summary, progress, options),
        );
        if (round === 0) options.onFirstPass?.();
        if (pending.length === 0) break;
      }
      summary.unanswered = pending.length;
      const message = pending.length
        ? `${pending.length} without response when ${stopReason}.`
        : null;
      await this.finishRun(runId, 'done', summary, message);
      progress.done('done', summary, message);
      return summary;
    } catch (err) {
      const message = `Run stopped by an error: ${(err as Error).message}`;
      await this.finishRun(runId, 'failed', summary, message).catch(() => undefined);
      progress.done('failed', summary, message);
      throw err;
    } finally {
      this.active.set(service, (this.active.get(service) ?? 1) - 1);
      options.onFirstPass?.();
    }
  }

  /** Stop waiting between retries; runs in progress finish their current calls. */
  stop(): void {
    this.stopping = true;
    for (const wake of this.timers) wake();
  }

  private bumpGeneration(service: Service): number {
    const next = (this.generations.get(service) ?? 0) + 1;
    this.generations.set(service, next);
    return next;
  }

  private async begin(
    poller: Poller,
    options: RunOptions,
  ): Promise<{ runId: number; targets: Target[] }> {
    const { app } = this;
    const all = await poller.select(app);
    const targets = options.piId ? all.filter((t) => t.piId === options.piId) : all;
    const runId = await app.ledger.write(async (tx) => {
      const { lastID } = await tx.run(
        `INSERT INTO job_runs (service, trigger, scheduled_for, started_at, state, total) VALUES (?, ?, ?, ?, 'running', ?)`,
        [poller.service, options.trigger, options.scheduledFor ?? null, app.now(), targets.length],
      );
      return lastID;
    });
    return { runId, targets };
  }

  /**
   * One pass over the pending targets; returns those still without a response. Call rows are
   * written ahead in batches, requests go out `concurrency` at a time, and answers are applied
   * in batches while the next requests are on the wire.
   */
  private async pass(
    poller: Poller,
    pending: Target[],
    runId: number,
    attempts: Map<Target, number>,
    summary: RunSummary,
    progress: ProgressReporter,
    options: RunOptions,
  ): Promise<Target[]> {
    const { app } = this;
    const { concurrency, batch } = this.settings;
    const unanswered: Target[] = [];
    // The next rows are written while a whole batch is still ahead: their transaction may
    // wait behind an answer batch of up to `most` answers, and the requests must not wait for
    // it (rows of 64 lasted a fraction of such a batch: the workers stood idle behind it).
    const rowsAhead = batch.most ?? batch.size;
    const low = Math.max(concurrency, rowsAhead);
    const ahead = new WriteAhead(app.ledger, pending, rowsAhead, low, async (tx, ts) => {
      const calls = ts.map((t) => {
        const attempt = (attempts.get(t) ?? 0) + 1;
        const ctx = { piId: t.piId, callKey: t.callKey ?? (t.piId ? null : t.key), runId, attempt };
        const request = { serviceId: poller.service, params: poller.params(t) };
        return { request, at: app.now(), ctx };
      });
      const ids = await openCalls(tx, poller.service, calls);
      return ts.map((target, i) => ({ target, callId: ids[i]!, attempt: calls[i]!.ctx.attempt }));
    });
    const batches = new AnswerBatches(
      batch,
      (step) => this.save(progress, step),
      (tx, answer) => applyAnswer(tx, poller, answer, runId, app.now()),
      poller.applyMany && ((tx, answers) => applyAnswers(tx, poller, answers, runId, app.now)),
    );
    const applied: Array<Promise<void>> = [];
    let inFlight = 0;
    let failure: { error: unknown } | undefined;
    const settle = (target: Target, result: CallResult) => {
      if (options.piId) summary.last = result;
      const waiting = result.outcome === 'ERROR' && isWaiting(result.message);
      if (result.outcome === 'NO_RESPONSE') unanswered.push(target);
      else progress.settled(result.outcome, waiting);
      summary.outcomes[result.outcome]++;
      if (waiting) summary.waiting++;
      if (target.piId && result.outcome !== 'NO_RESPONSE')
        app.events.emit('pi.changed', { ids: [target.piId] });
    };
    const worker = async () => {
      while (!failure) {
        // The ledger sets the pace when it falls behind: answers are not piled up in memory
        // (two full batches: one being applied, one filling).
        await batches.room(2 * (batch.most ?? batch.size));
        const opened = await ahead.take();
        if (!opened) return;
        if (!this.breaker.canCall()) {
          unanswered.push(opened.target);
          continue;
        }
        attempts.set(opened.target, opened.attempt);
        ahead.sent(opened);
        inFlight++;
        const result = await app.treasury.call(poller.service, poller.params(opened.target));
        inFlight--;
        this.breaker.record(result.outcome !== 'NO_RESPONSE');
        applied.push(
          batches.add({ ...opened, result }).then(
            (r) => settle(opened.target, r),
            (error) => void (failure ??= { error }),
          ),
        );
        // Nothing else is on its way: waiting for batch-mates would only delay this answer.
        if (inFlight === 0) batches.flush();
      }
    };
    const workers = Array.from({ length: Math.min(concurrency, pending.length) }, () =>
      worker().catch((error) => void (failure ??= { error })),
    );
    await Promise.all(workers);
    batches.flush();
    await Promise.all(applied);
    if (!failure) unanswered.push(...ahead.remaining());
    await ahead.withdraw();
    if (failure) throw failure.error;
    return unanswered;
  }

  /**
   * One write of an answer already received: retried while the ledger is locked by another
   * process or the disk is full, telling the user why, so the answer is not lost.
   */
  private save<T>(progress: ProgressReporter, step: (tx: Conn) => Promise<T>): Promise<T> {
    return saveAnswer(this.app.ledger, step, {
      delaysMs: this.settings.save.delaysMs,
      onTrouble: (trouble) => progress.trouble(trouble),
      sleep: (ms) => this.sleep(ms),
      stopped: () => this.stopping,
    });
  }

  private async finishRun(
    runId: number,
    state: 'done' | 'failed',
    s: RunSummary,
    message: string | null,
  ): Promise<void> {
    await this.app.ledger.write((tx) =>
      tx.run(
        'UPDATE job_runs SET state = ?, finished_at = ?, done = ?, failures = ?, waiting = ?, message = ? WHERE id = ?',
        [
          state,
          this.app.now(),
          s.outcomes.OK + s.outcomes.ERROR,
          runFailures(s),
          s.waiting,
          message,
          runId,
        ],
      ),
    );
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.timers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.timers.add(wake);
    });
  }
}

/** Real errors and calls left without an answer; "not yet" answers are not failures. */
function runFailures(s: RunSummary): number {
  return s.outcomes.ERROR - s.waiting + s.unanswered;
}
