// A promise face on one sqlite3 connection. Each call is one thread-pool round trip, so
// callers write many rows with set-based SQL (json_each) rather than one statement a row.
import sqlite3 from 'sqlite3';

export type Params = unknown[] | Record<string, unknown>;

/** How many prepared statements a caching connection keeps (least recently used go first). */
const CACHED_STATEMENTS = 200;

export class Conn {
  private readonly statements = new Map<string, Promise<sqlite3.Statement>>();

  /**
   * `cache`: keep each SQL text's prepared statement and reuse it. A plain `db.run` prepares,
   * runs and finalizes: three round trips where a reused statement takes one. Only for a
   * connection whose calls are awaited one after another (the ledger's writer).
   */
  constructor(
    readonly db: sqlite3.Database,
    private readonly cache = false,
  ) {}

  static open(
    path: string,
    mode = sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE,
    options: { cache?: boolean } = {},
  ): Promise<Conn> {
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(path, mode, (err) =>
        err ? reject(err) : resolve(new Conn(db, options.cache)),
      );
    });
  }

  async run(sql: string, params: Params = []): Promise<{ lastID: number; changes: number }> {
    const target = this.cache ? await this.statement(sql) : this.db;
    return new Promise((resolve, reject) => {
      const done = function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ lastID: this.lastID, changes: this.changes });
      };
      if (target instanceof sqlite3.Statement) target.run(params, done);
      else target.run(sql, params, done);
    });
  }

  async get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    if (!this.cache)
      return new Promise((resolve, reject) => {
        this.db.get(sql, params, (err, row) => (err ? reject(err) : resolve(row as T | undefined)));
      });
    const stmt = await this.statement(sql);
    // A statement stopped after its first row stays open (and a later get without parameters
    // would carry on from it): reset it before anyone else uses it.
    return new Promise((resolve, reject) => {
      stmt.get(params, (err, row) =>
        stmt.reset(() => (err ? reject(err) : resolve(row as T | undefined))),
      );
    });
  }

  async all<T>(sql: string, params: Params = []): Promise<T[]> {
    const target = this.cache ? await this.statement(sql) : this.db;
    return new Promise((resolve, reject) => {
      const done = (err: Error | null, rows: unknown[]) =>
        err ? reject(err) : resolve(rows as T[]);
      if (target instanceof sqlite3.Statement) target.all(params, done);
      else target.all(sql, params, done);
    });
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.db.exec(sql, (err) => (err ? reject(err) : resolve())),
    );
  }

  async close(): Promise<void> {
    const statements = [...this.statements.values()];
    this.statements.clear();
    for (const s of statements) await finalize(s);
    return new Promise((resolve, reject) =>
      this.db.close((err) => (err ? reject(err) : resolve())),
    );
  }

  private statement(sql: string): Promise<sqlite3.Statement> {
    let stmt = this.statements.get(sql);
    if (stmt) {
      // Most recently used last: the Map's order is the eviction order.
      this.statements.delete(sql);
      this.statements.set(sql, stmt);
      return stmt;
    }
    stmt = new Promise<sqlite3.Statement>((resolve, reject) => {
      const s: sqlite3.Statement = this.db.prepare(sql, (err) => (err ? reject(err) : resolve(s)));
    });
    this.statements.set(sql, stmt);
    const mine = stmt;
    mine.catch(() => this.statements.get(sql) === mine && this.statements.delete(sql));
    if (this.statements.size > CACHED_STATEMENTS) {
      const [oldest, evicted] = this.statements.entries().next().value!;
      this.statements.delete(oldest);
      void finalize(evicted);
    }
    return stmt;
  }
}

/** Finalize runs after the statement's queued work; a statement that never prepared has none. */
function finalize(stmt: Promise<sqlite3.Statement>): Promise<void> {
  return stmt.then(
    (s) => new Promise<void>((resolve) => s.finalize(() => resolve())),
    () => undefined,
  );
}
