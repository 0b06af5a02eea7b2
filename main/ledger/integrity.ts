// Is the ledger file whole? `PRAGMA quick_check` walks every page of every table and index
// (not index-vs-table contents, which integrity_check adds at many times the cost). A damaged
// ledger is reported and never used: paying from a half-read file could pay twice.
import type { Conn } from './conn';

/** What quick_check found wrong; empty when the file is whole. */
export async function quickCheck(db: Conn): Promise<string[]> {
  try {
    const rows = await db.all<{ quick_check: string }>('PRAGMA quick_check(20)');
    const lines = rows.map((r) => r.quick_check);
    return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
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
