import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { Ledger, latestVersion } from '../../main/ledger/ledger';
import { tempDir } from '../support/tmp';

const dir = tempDir();

describe('ledger', () => {
  it('opens a new file at the latest schema with WAL and foreign keys on', async () => {
    const ledger = await Ledger.open(path.join(dir, 'a.db'));
    expect(await ledger.schemaVersion()).toBe(latestVersion());
    expect(await ledger.read.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    await expect(
      ledger.write((tx) =>
        tx.run(
          "INSERT INTO pis (kind, bill_no, bill_date, hoa, ddo_code, grantee_code, ssu_ia_id, gross_paise, net_paise, status, created_at, updated_at, payment_id) VALUES ('PI','X','2024-01-01','h','d','g','s',1,1,'Pending',0,0, 999)",
        ),
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
    await ledger.close();
  });

  it('rolls back a whole step when any statement in it fails', async () => {
    const ledger = await Ledger.open(path.join(dir, 'b.db'));
    await expect(
      ledger.write(async (tx) => {
        await tx.run("INSERT INTO settings (key, value) VALUES ('a', '1')");
        await tx.run('INSERT INTO no_such_table VALUES (1)');
      }),
    ).rejects.toThrow();
    expect(await ledger.read.all('SELECT * FROM settings')).toEqual([]);
    await ledger.close();
  });
});
