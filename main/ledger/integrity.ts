// Is the ledger file whole? `PRAGMA quick_check` walks every page of every table and index
// (not index-vs-table contents, which integrity_check adds at many times the cost). A damaged
// ledger is reported and never used: paying from a half-read file could pay twice.
import type { Conn } from './conn';

const running = new WeakMap<Conn, Promise<string[]>>();

/** What quick_check found wrong; empty when the file is whole. */
export function quickCheck(db: Conn): Promise<string[]> {
  // One at a time per connection: each holds a read transaction open.
  const next = (running.get(db) ?? Promise.resolve([])).then(
    () => checkOnce(db),
    () => checkOnce(db),
  );
  running.set(db, next);
  return next;
}

async function checkOnce(db: Conn): Promise<string[]> {
  try {
    await db.exec('BEGIN');
    try {
      // FTS5 checks its index against the structure this connection last read, which may
      // predate another connection's writes and then looks like corruption. A query in the
      // same read transaction reloads it first.
      const fts = await db.all<{ name: string }>(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'",
      );
      for (const { name } of fts)
        await db.all(`SELECT rowid FROM "${name}" WHERE "${name}" MATCH 'refresh' LIMIT 1`);
      const rows = await db.all<{ quick_check: string }>('PRAGMA quick_check(20)');
      const lines = rows.map((r) => r.quick_check);
      return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
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
