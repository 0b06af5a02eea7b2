// The ledger's migrations on real SQLite files: every upgrade path ends at the same schema
// with the data kept, an existing ledger is backed up first, and a failed migration leaves
// the file exactly as it was.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Conn } from '../../main/ledger/conn';
import { Ledger, latestVersion } from '../../main/ledger/ledger';
import { MIGRATIONS, type Migration } from '../../main/ledger/migrations';
import { tempDir } from '../support/tmp';

const dir = tempDir('jit-migrations-');
let n = 0;
const newFile = (name: string) => path.join(dir, `${++n}-${name}.db`);

const ordered = [...MIGRATIONS].sort((a, b) => a.version - b.version);
const LATEST = latestVersion();

interface MasterRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** Opens the file on its own connection (no Ledger, no migrations) for a look. */
async function inspect<T>(file: string, look: (db: Conn) => Promise<T>): Promise<T> {
  const db = await Conn.open(file);
  try {
    return await look(db);
  } finally {
    await db.close();
  }
}

const master = (db: Conn) =>
  db.all<MasterRow>(
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
  );

/** Tables with whether they lack a rowid (a full-text index's shadow tables do). */
async function tables(db: Conn): Promise<Array<{ name: string; wr: number }>> {
  return db.all<{ name: string; wr: number }>(
    "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type <> 'view' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
}

/** Everything in the file: schema, user_version and every row of every table. */
async function dump(file: string) {
  return inspect(file, async (db) => {
    const rows: Record<string, unknown[]> = {};
    // A table without rowid is scanned in its primary key's order.
    for (const t of await tables(db))
      rows[t.name] = await db.all(`SELECT * FROM "${t.name}" ${t.wr ? '' : 'ORDER BY rowid'}`);
    const version = await db.get<{ user_version: number }>('PRAGMA user_version');
    return { userVersion: version?.user_version, master: await master(db), rows };
  });
}

const schemaOf = (file: string) => inspect(file, master);
const backupsOf = (file: string) =>
  fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith(`${path.basename(file)}.v`));

/**
 * Rows in every table that exists at `version`, written through the Ledger's own write path.
 * Only tables from version 1 and 2 are filled; each is checked again after the upgrade.
 */
async function seed(ledger: Ledger, version: number): Promise<void> {
  await ledger.write(async (tx) => {
    await tx.run(
      `INSERT INTO heads_of_account (hoa, tenant_id, ddo_code, grantee_code, ssu_ia_id, effective_date, priority)
       VALUES ('2217-05-191-2634-01-00-00-00', 'od.angul', 'DDO1013', 'GR1013', 'SSU-ANGUL', '2023-04-01 00:00:00', 1)`,
    );
    const { lastID: sanction } = await tx.run(
      `INSERT INTO sanctions (mst_allotment_dist_id, tenant_id, hoa, ddo_code, grantee_ag_code, ssu_ia_id, created_at)
       VALUES ('MAD-1', 'od.angul', '2217-05-191-2634-01-00-00-00', 'DDO1013', 'GR1013', 'SSU-ANGUL', 1700000000000)`,
    );
    await tx.run(
      `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, note, at)
       VALUES (?, 'allotment', 5000000, 5000000, 'first allotment', 1700000000001)`,
      [sanction],
    );
    await tx.run(
      `INSERT INTO pis (kind, bill_no, bill_date, hoa, ddo_code, grantee_code, ssu_ia_id, gross_paise, net_paise, status, created_at, updated_at)
       VALUES ('PI', 'ANGUL/2023/0001', '2023-10-01', '2217-05-191-2634-01-00-00-00', 'DDO1013', 'GR1013', 'SSU-ANGUL', 200000, 200000, 'Approved', 1, 2)`,
    );
    if (version >= 2) {
      await tx.run(`INSERT INTO settings (key, value) VALUES ('seeded_at_version', ?)`, [
        String(version),
      ]);
    }
  });
}

describe('ledger migrations', () => {
  it('are numbered 1, 2, 3… with no gaps or repeats', () => {
    expect(ordered.map((m) => m.version)).toEqual(ordered.map((_, i) => i + 1));
    expect(MIGRATIONS.map((m) => m.version)).toEqual(ordered.map((m) => m.version));
  });

  it('bring an empty file to the latest version without a backup', async () => {
    const file = newFile('fresh');
    const ledger = await Ledger.open(file);
    expect(await ledger.schemaVersion()).toBe(LATEST);
    await ledger.close();
    expect(backupsOf(file)).toEqual([]);
    const schema = await schemaOf(file);
    expect(schema.filter((r) => r.type === 'table').length).toBeGreaterThan(5);
  });

  it.each(ordered.slice(0, -1).map((m) => m.version))(
    'upgrade a ledger at version %i to the latest, keeping its rows, with the fresh schema',
    async (from) => {
      const fresh = newFile('reference');
      await (await Ledger.open(fresh)).close();

      const file = newFile(`from-v${from}`);
      const old = await Ledger.open(file, { migrations: ordered.filter((m) => m.version <= from) });
      expect(await old.schemaVersion()).toBe(from);
      await seed(old, from);
      await old.close();
      const before = await dump(file);
      expect(backupsOf(file)).toEqual([]);

      const upgraded = await Ledger.open(file);
      expect(await upgraded.schemaVersion()).toBe(LATEST);
      await upgraded.close();

      expect(await schemaOf(file)).toEqual(await schemaOf(fresh));

      // Every row of every table that existed is still there (old columns compared, so a
      // later migration may add columns).
      await inspect(file, async (db) => {
        const withoutRowid = new Set((await tables(db)).filter((t) => t.wr).map((t) => t.name));
        for (const [table, rows] of Object.entries(before.rows)) {
          const columns = Object.keys((rows[0] as object | undefined) ?? {});
          if (columns.length === 0) {
            expect(await db.all(`SELECT * FROM "${table}"`)).toEqual([]);
            continue;
          }
          const list = columns.map((c) => `"${c}"`).join(', ');
          const order = withoutRowid.has(table) ? '' : 'ORDER BY rowid';
          expect(await db.all(`SELECT ${list} FROM "${table}" ${order}`), table).toEqual(rows);
        }
      });
      expect(before.rows.sanctions).toHaveLength(1);
      expect(before.rows.funds_summary).toEqual([
        { sanction_id: 1, allotted_paise: 5000000, available_paise: 5000000 },
      ]);

      // The backup beside the file is the ledger as it was before the upgrade.
      const backups = backupsOf(file);
      expect(backups).toHaveLength(1);
      expect(backups[0]).toMatch(new RegExp(`\\.v${from}-\\d+\\.bak$`));
      const backup = await dump(path.join(path.dirname(file), backups[0]!));
      expect(backup).toEqual(before);
    },
  );

  it('do nothing, and write no backup, when the ledger is already at the latest version', async () => {
    const file = newFile('current');
    await (await Ledger.open(file)).close();
    const before = await dump(file);
    await (await Ledger.open(file)).close();
    expect(await dump(file)).toEqual(before);
    expect(backupsOf(file)).toEqual([]);
  });

  it('leave the file exactly as it was when a migration fails, and name the migration', async () => {
    const file = newFile('broken');
    const ledger = await Ledger.open(file);
    await seed(ledger, LATEST);
    await ledger.close();
    const before = await dump(file);

    const broken: Migration[] = [
      ...ordered,
      {
        version: LATEST + 1,
        name: 'a half-good change',
        // The first statement works; the second fails: the first must be undone too.
        sql: `CREATE TABLE half_done (id INTEGER PRIMARY KEY);
              INSERT INTO settings (key, value) VALUES ('half', 'done');
              ALTER TABLE no_such_table ADD COLUMN x INTEGER;`,
      },
    ];
    await expect(Ledger.open(file, { migrations: broken })).rejects.toThrow(
      new RegExp(`migration ${LATEST + 1} \\(a half-good change\\) failed`),
    );
    expect(await dump(file)).toEqual(before);

    // And the ledger still opens normally afterwards, with its data.
    const again = await Ledger.open(file);
    expect(await again.schemaVersion()).toBe(LATEST);
    expect(await again.read.all('SELECT bill_no FROM pis')).toEqual([
      { bill_no: 'ANGUL/2023/0001' },
    ]);
    await again.close();
    expect(await dump(file)).toEqual(before);
  });

  it('keep the earlier migrations of a run when a later one in the same run fails', async () => {
    const file = newFile('partly');
    const v1 = await Ledger.open(file, { migrations: ordered.slice(0, 1) });
    await seed(v1, 1);
    await v1.close();

    const broken: Migration[] = [
      ...ordered,
      { version: LATEST + 1, name: 'broken', sql: 'SELECT * FROM no_such_table;' },
    ];
    await expect(Ledger.open(file, { migrations: broken })).rejects.toThrow(
      new RegExp(`migration ${LATEST + 1} \\(broken\\).*stays at version ${LATEST}`),
    );
    expect((await dump(file)).userVersion).toBe(LATEST);
    expect(await schemaOf(file)).toEqual(await schemaOf(await freshFile()));
  });
});

async function freshFile(): Promise<string> {
  const file = newFile('fresh-ref');
  await (await Ledger.open(file)).close();
  return file;
}
