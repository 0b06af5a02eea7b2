// A run's progress for the renderer: counts, waits and the reason it is held up.
import type { AppContext } from '../context';
import type { Outcome, Service } from '../../../shared/status';
import type { JobProgress } from '../../../shared/types';
import type { RunSummary } from './engine';

/** Progress events for the renderer, at most a few a second however many PIs a run has. */
export class ProgressReporter {
  private settledCount = 0;
  private failures = 0;
  private waitingCount = 0;
  private lastEmit = 0;

  constructor(
    private readonly app: AppContext,
    private readonly runId: number,
    private readonly service: Service,
    private readonly total: number,
  ) {
    this.emit('running', null, true);
  }

  /** `waiting`: an ERROR that only says "not yet", counted apart from real errors. */
  settled(outcome: Outcome, waiting = false): void {
    this.settledCount++;
    if (waiting) this.waitingCount++;
    else if (outcome === 'ERROR') this.failures++;
    this.emit('running', null, this.settledCount === this.total);
  }

  waiting(pending: number, delayMs: number, why: string | null): void {
    const mins = Math.max(1, Math.round(delayMs / 60_000));
    this.emit(
      'waiting',
      `${why ?? `${pending} without response.`} Retrying in about ${mins} min.`,
      true,
    );
  }

  /** Why the run is held up (a ledger that will not save); the counts stay as they are. */
  trouble(message: string): void {
    this.emit('waiting', message, true);
  }

  done(state: 'done' | 'failed', s: RunSummary, message: string | null): void {
    this.settledCount = s.outcomes.OK + s.outcomes.ERROR;
    this.failures = s.outcomes.ERROR - s.waiting + s.unanswered;
    this.waitingCount = s.waiting;
    this.emit(state, message, true);
  }

  private emit(state: JobProgress['state'], message: string | null, force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastEmit < 250) return;
    this.lastEmit = now;
    this.app.events.emit('job.progress', {
      runId: this.runId,
      service: this.service,
      state,
      done: this.settledCount,
      total: this.total,
      failures: this.failures,
      waiting: this.waitingCount,
      message,
    });
  }
}
