import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { Conn } from './conn';
import { MIGRATIONS, type Migration } from './migrations';
import { WriteQueue } from './queue';
import { STAGED_TABLE } from './staged';
import { LedgerDamagedError, quickCheck, type CheckProgress } from './integrity';

export interface OpenOptions {
  /** Defaults to MIGRATIONS; tests pass a prefix or a broken list. */
  migrations?: Migration[];
  /** Where the start-up integrity check is, for a caller that shows it. */
  onCheck?: (p: CheckProgress) => void;
}

/**
 * The ledger file: one writer connection behind a queue, one reader connection. WAL lets
 * the reader see only committed data while a write transaction is open on the writer.
 */
export class Ledger {
  private readonly queue = new WriteQueue();
  /** Milliseconds spent inside write transactions so far (the benchmark's ledger work). */
  busyMs = 0;

  private constructor(
    readonly file: string,
    private readonly writer: Conn,
    readonly read: Conn,
  ) {}

  static async open(file: string, options: OpenOptions = {}): Promise<Ledger> {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    ownerOnly(file);
    const writer = await Conn.open(file, undefined, { cache: true });
    try {
      const damage = await quickCheck(writer, options.onCheck);
      if (damage.length) throw new LedgerDamagedError(file, damage);
      await writer.exec(
        'PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;',
      );
      await migrate(writer, file, options.migrations ?? MIGRATIONS);
      // Created outside any transaction, so no rollback can take it away.
      await writer.exec(STAGED_TABLE);
      return new Ledger(file, writer, await openReader(file));
    } catch (err) {
      await writer.close().catch(() => undefined);
      throw err;
    }
  }

  /**
   * Run one business step as one transaction on the write queue: everything it writes
   * commits together or not at all. Never await network I/O inside `step`.
   */
  write<T>(step: (tx: Conn) => Promise<T>): Promise<T> {
    return this.queue.push(async () => {
      const started = performance.now();
      await this.writer.exec('BEGIN IMMEDIATE');
      try {
        const result = await step(this.writer);
        await this.writer.exec('COMMIT');
        return result;
      } catch (err) {
        await this.writer.exec('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        this.busyMs += performance.now() - started;
      }
    });
  }

  /** quick_check on the committed file; empty when it is whole. */
  quickCheck(onProgress?: (p: CheckProgress) => void): Promise<string[]> {
    return quickCheck(this.read, onProgress);
  }

  async schemaVersion(): Promise<number> {
    const row = await this.read.get<{ user_version: number }>('PRAGMA user_version');
    return row?.user_version ?? 0;
  }

  async close(): Promise<void> {
    await this.queue.drain();
    await this.read.close();
    await this.writer.close();
  }
}

/** The read-only connection the screens (and Verify) read from. */
export async function openReader(file: string): Promise<Conn> {
  const read = await Conn.open(file, sqlite3.OPEN_READONLY);
  // SQLite's default 2 MB of cache made each page of a search or a PI re-read its index pages
  // from the OS on a large ledger (CPU, not disk).
  await read.exec('PRAGMA busy_timeout = 5000; PRAGMA cache_size = -32768;');
  return read;
}

export function latestVersion(migrations: Migration[] = MIGRATIONS): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

async function migrate(db: Conn, file: string, migrations: Migration[]): Promise<void> {
  const row = await db.get<{ user_version: number }>('PRAGMA user_version');
  const current = row?.user_version ?? 0;
  const pending = migrations
    .filter((m) => m.version > current)
    .sort((a, b) => a.version - b.version);
  if (pending.length === 0) return;
  if (current > 0) await backup(db, file, current);
  let at = current;
  for (const m of pending) {
    // Only outside a transaction can foreign keys be switched off.
    if (m.rebuildsTables) await db.exec('PRAGMA foreign_keys = OFF');
    await db.exec('BEGIN IMMEDIATE');
    try {
      await db.exec(m.sql);
      if (m.rebuildsTables) {
        const broken = await db.all<{ table: string; parent: string }>('PRAGMA foreign_key_check');
        if (broken.length)
          throw new Error(
            `rows would point at nothing: ${broken.map((b) => `${b.table} → ${b.parent}`).join(', ')}`,
          );
      }
      await db.exec(`PRAGMA user_version = ${m.version}`);
      await db.exec('COMMIT');
      at = m.version;
    } catch (err) {
      await db.exec('ROLLBACK').catch(() => undefined);
      throw new Error(
        `migration ${m.version} (${m.name}) failed and was rolled back; the ledger stays at version ${at}: ${(err as Error).message}`,
        { cause: err },
      );
    } finally {
      if (m.rebuildsTables) await db.exec('PRAGMA foreign_keys = ON');
    }
  }
}

// A consistent copy of the ledger before touching its schema, beside the file.
async function backup(db: Conn, file: string, version: number): Promise<void> {
  const target = `${file}.v${version}-${Date.now()}.bak`;
  ownerOnly(target);
  await db.run('VACUUM INTO ?', [target]);
}

/**
 * Payees' accounts and the treasury's answers: the file (and so its -wal and -shm, which
 * SQLite creates with the same mode) is readable by its owner only. A new file is created
 * empty with mode 0600 before SQLite opens it; an existing one is narrowed to 0600.
 */
function ownerOnly(file: string): void {
  if (file === ':memory:') return;
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (process.platform !== 'win32') fs.chmodSync(file, 0o600);
}
