// Saving a treasury answer when the ledger will not take it: another process holds the write
// lock (SQLITE_BUSY) or the disk is full (SQLITE_FULL). The answer is kept in memory and saving
// is tried again, a few times, while the user is told in plain words what is wrong.
import { AppError } from '../errors';
import type { Conn } from '../../ledger/conn';
import type { Ledger } from '../../ledger/ledger';
import type { EventBus } from '../events';
import type { Service } from '../../../shared/status';

export interface SaveRetrySettings {
  /** Waits between attempts; once used up, the run stops with the plain message. */
  delaysMs: number[];
}

export const DEFAULT_SAVE_RETRY: SaveRetrySettings = {
  delaysMs: [500, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000],
};

/** What a user should read about a failed save, or null when retrying would not help. */
export function saveTrouble(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL')
    return 'The disk holding the ledger is full, so a treasury answer could not be saved. Free some disk space; the console keeps the answer and tries again.';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return 'Another program (a second console or `serve` on the same ledger?) is holding the ledger, so a treasury answer could not be saved yet. The console keeps the answer and tries again.';
  return null;
}

export interface SaveRetry {
  delaysMs: number[];
  /** Told, in plain words, each time saving has to wait. */
  onTrouble?(message: string): void;
  /** How to wait; the engine's own sleep is cut short when it stops. */
  sleep?(ms: number): Promise<void>;
  /** True once retrying should give up early (the engine is stopping). */
  stopped?(): boolean;
}

/**
 * One write of an answer already received, retried while the ledger is locked by another
 * process or the disk is full, so the answer is not dropped. Every path that applies a
 * treasury answer (nightly runs, Refresh, a PI push, a COR) saves through here.
 */
export async function saveAnswer<T>(
  ledger: Ledger,
  step: (tx: Conn) => Promise<T>,
  retry: SaveRetry = DEFAULT_SAVE_RETRY,
): Promise<T> {
  const sleep = retry.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await ledger.write(step);
    } catch (err) {
      const trouble = saveTrouble(err);
      const delay = retry.delaysMs[attempt];
      if (!trouble) throw err;
      if (delay === undefined || retry.stopped?.()) {
        const given = new AppError(
          'TREASURY',
          trouble.replace(/ The console keeps .*$/, ' Saving was given up.'),
        );
        throw Object.assign(given, { cause: err });
      }
      retry.onTrouble?.(trouble);
      await sleep(delay);
    }
  }
}

/**
 * A push or COR waiting to save its answer: told on the same channel as a nightly run's
 * trouble (runId 0: no job run), so the window says why the click has not finished.
 */
export function saveWaiting(app: { events: EventBus }, service: Service, message: string): void {
  app.events.emit('job.progress', {
    runId: 0,
    service,
    state: 'waiting',
    done: 0,
    total: 1,
    failures: 0,
    message,
  });
}
