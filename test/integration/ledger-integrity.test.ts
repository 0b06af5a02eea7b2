// A damaged ledger file is reported, never used: at start-up (window, browser host, CLI) and
// by Verify ledger / `cli check` on a file damaged while the console runs.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../main/cli';
import { runCheck } from '../../main/core/funds/check';
import { insertPi } from '../../main/core/pi/pi-store';
import { LedgerDamagedError, quickCheck } from '../../main/ledger/integrity';
import { Conn } from '../../main/ledger/conn';
import { Ledger } from '../../main/ledger/ledger';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { openTestApp } from './funds-support';

const dir = tempDir();

/** A ledger with enough beneficiaries to fill several pages of their table. */
async function filledLedger(ledger: Ledger): Promise<void> {
  await ledger.write(async (tx) => {
    for (let i = 1; i <= 40; i++)
      await insertPi(tx, samplePi(`PI-1013/2023-24/${String(i).padStart(6, '0')}`, 20), 1);
  });
}

/** Overwrite the root page of a table with 0xFF, as a bad sector would. */
async function damage(ledger: Ledger, file: string, table = 'beneficiaries'): Promise<void> {
  const { rootpage } = (await ledger.read.get<{ rootpage: number }>(
    "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?",
    [table],
  ))!;
  const { page_size } = (await ledger.read.get<{ page_size: number }>('PRAGMA page_size'))!;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(page_size, 0xff), 0, page_size, (rootpage - 1) * page_size);
  fs.closeSync(fd);
}

describe('a damaged ledger file', () => {
  it('is refused at start-up, by the CLI too, and left as it was', async () => {
    const good = path.join(dir, 'good.db');
    const ledger = await Ledger.open(good);
    await filledLedger(ledger);
    const copy = path.join(dir, 'damaged.db');
    await ledger.close(); // the last connection folds the WAL into the file
    fs.copyFileSync(good, copy);
    const probe = await Ledger.open(good);
    await damage(probe, copy);
    await probe.close();
    const bytes = fs.readFileSync(copy);

    const opening = Ledger.open(copy);
    await expect(opening).rejects.toBeInstanceOf(LedgerDamagedError);
    await expect(opening).rejects.toThrow(/damaged\.db is damaged and was not opened/);
    await expect(main(['check', '--db', copy])).rejects.toThrow(/is damaged/);
    expect(fs.readFileSync(copy).equals(bytes)).toBe(true);

    // The undamaged original still opens and checks clean.
    const again = await Ledger.open(good);
    expect(await again.quickCheck()).toEqual([]);
    await again.close();
  });

  it('is reported by Verify ledger when it is damaged under a running console', async () => {
    const app = await openTestApp(dir, 'running');
    try {
      await filledLedger(app.ledger);
      expect(await app.ledger.quickCheck()).toEqual([]);
      const other = await Conn.open(app.ledger.file);
      await other.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      await other.close();
      await damage(app.ledger, app.ledger.file);
      // Any later commit makes the reader drop its cached pages and read the file again.
      await app.ledger.write((tx) =>
        tx.run("INSERT OR REPLACE INTO settings (key, value) VALUES ('poke', '1')"),
      );
      const result = await runCheck(app);
      expect(result.ok).toBe(false);
      // Only the damage: rows read from a damaged file are not checked, nor trusted.
      expect(result.breaches.length).toBeGreaterThan(0);
      for (const b of result.breaches)
        expect(b).toMatchObject({
          kind: 'ledger',
          message: expect.stringMatching(/^The ledger file is damaged .*restore it from a backup/s),
        });
    } finally {
      await app.close();
    }
  });

  it('is checked table by table, with progress, leaving out the search index, and names the table', async () => {
    const file = path.join(dir, 'tables.db');
    const ledger = await Ledger.open(file);
    await filledLedger(ledger);
    await ledger.close();
    const probe = await Ledger.open(file);
    await damage(probe, file, 'status_history');
    await probe.close();

    const db = await Conn.open(file);
    try {
      const seen: string[] = [];
      const problems = await quickCheck(db, (p) => p.table && seen.push(p.table));
      expect(problems.length).toBeGreaterThan(0);
      for (const line of problems) expect(line).toMatch(/^status_history: /);
      expect(seen).toEqual(expect.arrayContaining(['pis', 'beneficiaries', 'status_history']));
      // The full-text tables hold nothing the ledger's own tables do not: rebuilt, not checked.
      expect(seen.filter((t) => /_search/.test(t))).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
