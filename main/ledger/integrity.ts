// Is the ledger file whole? `PRAGMA quick_check(table)` walks every page of a table and its
// indexes (not index-vs-table contents, which integrity_check adds at many times the cost). A
// damaged ledger is reported and never used: paying from a half-read file could pay twice.
import type { Conn } from './conn';
import type { CheckProgress } from '../../shared/types';

export type { CheckProgress };

const running = new WeakMap<Conn, Promise<string[]>>();

/** What quick_check found wrong; empty when the file is whole. */
export function quickCheck(
  db: Conn,
  onProgress: (p: CheckProgress) => void = () => undefined,
): Promise<string[]> {
  // One at a time per connection: each holds a read transaction open.
  const next = (running.get(db) ?? Promise.resolve([])).then(
    () => checkOnce(db, onProgress),
    () => checkOnce(db, onProgress),
  );
  running.set(db, next);
  return next;
}

async function checkOnce(db: Conn, onProgress: (p: CheckProgress) => void): Promise<string[]> {
  try {
    await db.exec('BEGIN');
    try {
      // Table by table, so a long check can say where it is. The full-text search tables
      // (FTS5's virtual tables and their shadow tables) are left out: they hold nothing that
      // is not in the ledger's own tables, can be rebuilt from them, and checking them was
      // half of the check's time on a large ledger (FTS5 checks its index term by term).
      // Pages of no table at all, which only a whole-file check sees, hold no rows.
      const tables = await db.all<{ name: string }>(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' ORDER BY name",
      );
      const problems: string[] = [];
      for (const [i, { name }] of tables.entries()) {
        onProgress({ done: i, total: tables.length, table: name });
        // A table too damaged to walk fails the pragma itself.
        const lines = await db.all<{ quick_check: string }>(`PRAGMA quick_check("${name}")`).then(
          (rows) => rows.map((r) => r.quick_check).filter((l) => l !== 'ok'),
          (err: Error) => [err.message],
        );
        problems.push(...lines.map((l) => `${name}: ${l}`));
        if (problems.length >= 20) break;
      }
      onProgress({ done: tables.length, total: tables.length, table: null });
      return problems.slice(0, 20);
    } finally {
      await db.exec('COMMIT').catch(() => undefined);
    }
  } catch (err) {
    // A file too damaged to read its schema fails the pragma itself.
    return [(err as Error).message];
  }
}

export class LedgerDamagedError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `The ledger ${file} is damaged and was not opened (${problems.slice(0, 3).join('; ')}). ` +
        'Nothing was changed. Restore it from a backup (the ledger.db.v*.bak copies beside it) ' +
        'or ask your administrator.',
    );
    this.name = 'LedgerDamagedError';
  }
}
