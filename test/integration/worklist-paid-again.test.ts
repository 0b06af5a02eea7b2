// Needs action reads a failed row's payment again from the row itself (paid_again_by). A
// ledger from before that column lists the same failures once upgraded, and the column
// follows the revised PI's rows whatever writes them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../main/ledger/ledger';
import { MIGRATIONS } from '../../main/ledger/migrations';
import { failedPage } from '../../main/core/pi/worklist';
import { tempDir } from '../support/tmp';

const dir = tempDir('jit-paid-again-');
const MARKED = MIGRATIONS.find((m) => m.sql.includes('ADD COLUMN paid_again_by'))!.version;
const NOW = Date.parse('2023-10-20T06:00:00Z');
const HOA = '2217-05-191-2634-01-00-00-00';

/** An original PI with three failed rows and one paid; two revised PIs paying them again. */
async function seed(ledger: Ledger): Promise<void> {
  await ledger.write(async (tx) => {
    const pi = (id: number, kind: string, parent: number | null, status: string) =>
      tx.run(
        `INSERT INTO pis (id, kind, bill_no, bill_date, parent_pi_id, hoa, ddo_code, grantee_code, ssu_ia_id,
                          gross_paise, net_paise, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'DDO1013', 'GR1013', 'SSU-ANGUL', 1000, 1000, ?, 1, 2)`,
        [id, kind, `BILL-${id}`, `2023-10-0${id}`, parent, HOA, status],
      );
    await pi(1, 'PI', null, 'Completed');
    await pi(2, 'COR', 1, 'Completed');
    await pi(3, 'COR', 1, 'Declined');
    const benf = (id: number, piId: number, parent: number | null, status: string) =>
      tx.run(
        `INSERT INTO beneficiaries (id, pi_id, benf_id, parent_beneficiary_id, name, account_no, ifsc,
                                    amount_paise, status, updated_at)
         VALUES (?, ?, ?, ?, 'Kuni Behera', '300000000099', 'SBIN0000001', ?, ?, 3)`,
        [id, piId, `B${id}`, parent, id * 100, status],
      );
    await benf(1, 1, null, 'Payment Failed'); // paid again by 4
    await benf(2, 1, null, 'Payment Failed'); // failed again as 5: 5 is listed instead
    await benf(3, 1, null, 'Payment Failed'); // only on a declined PI: still open
    await benf(7, 1, null, 'Payment Successful');
    await benf(4, 2, 1, 'Payment Successful');
    await benf(5, 2, 2, 'Payment Failed');
    await benf(6, 3, 3, 'Payment Pending');
  });
}

const listed = async (ledger: Ledger) => {
  const page = await failedPage(ledger, NOW, { limit: 10, offset: 0 });
  return {
    groups: page.rows.map((g) => [g.piId, g.count, g.amountPaise]),
    total: page.total,
    beneficiaries: page.beneficiaries,
  };
};

describe('needs action: failed rows paid again', () => {
  it('lists the same open failures on a ledger upgraded from before the marker', async () => {
    const file = path.join(dir, 'upgraded.db');
    const old = await Ledger.open(file, {
      migrations: MIGRATIONS.filter((m) => m.version < MARKED),
    });
    await seed(old);
    await old.close();

    const ledger = await Ledger.open(file);
    try {
      expect(await listed(ledger)).toEqual({
        groups: [
          [1, 1, 300],
          [2, 1, 500],
        ],
        total: 2,
        beneficiaries: 2,
      });
    } finally {
      await ledger.close();
    }
  });

  it('follows a revised row into and out of a final status, and its removal', async () => {
    const ledger = await Ledger.open(path.join(dir, 'current.db'));
    try {
      await seed(ledger);
      const set = (sql: string) => ledger.write((tx) => tx.run(sql));
      expect((await listed(ledger)).groups).toEqual([
        [1, 1, 300],
        [2, 1, 500],
      ]);

      await set(`UPDATE beneficiaries SET status = 'Payment Successful' WHERE id = 6`);
      expect(await listed(ledger)).toEqual({ groups: [[2, 1, 500]], total: 1, beneficiaries: 1 });

      await set(`UPDATE beneficiaries SET status = 'Payment In Process' WHERE id = 6`);
      expect((await listed(ledger)).groups).toEqual([
        [1, 1, 300],
        [2, 1, 500],
      ]);

      // Row 1 was paid by 4 alone: with 4 gone it is open again.
      await set('DELETE FROM beneficiaries WHERE id = 4');
      expect(await listed(ledger)).toEqual({
        groups: [
          [1, 2, 400],
          [2, 1, 500],
        ],
        total: 2,
        beneficiaries: 3,
      });

      // Moved onto another revised row that failed: paid again by that one.
      await set('UPDATE beneficiaries SET parent_beneficiary_id = 1 WHERE id = 5');
      expect((await listed(ledger)).groups).toEqual([
        [1, 2, 500],
        [2, 1, 500],
      ]);
    } finally {
      await ledger.close();
    }
  });
});
