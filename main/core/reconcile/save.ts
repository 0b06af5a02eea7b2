// Saving a treasury answer when the ledger will not take it: another process holds the write
// lock (SQLITE_BUSY) or the disk is full (SQLITE_FULL). The answer is kept in memory and saving
// is tried again, a few times, while the user is told in plain words what is wrong.

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
