// The migration that keys heads of account per DDO, on a real ledger written at the version
// before it: rows kept, VA's fromDate moved onto the head, foreign keys whole, and a second
// DDO for the same head now registers.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../main/ledger/ledger';
import { MIGRATIONS } from '../../main/ledger/migrations';
import { registerHeadsOfAccount } from '../../main/core/funds/heads';
import { tempDir } from '../support/tmp';

const dir = tempDir();
const HOA = '2217-05-191-2634-01-00-00-00';
const perDdo = MIGRATIONS.find((m) => m.name.startsWith('heads of account per DDO'))!;

describe('heads of account per DDO (migration)', () => {
  it('keeps heads, sanctions, payments and PIs, and lets one head serve a second DDO', async () => {
    const file = path.join(dir, 'v-before.db');
    const old = await Ledger.open(file, {
      migrations: MIGRATIONS.filter((m) => m.version < perDdo.version),
    });
    await old.write(async (tx) => {
      await tx.run(
        `INSERT INTO heads_of_account (hoa, tenant_id, ddo_code, grantee_code, ssu_ia_id, effective_date, priority)
         VALUES (?, 'od.angul', 'DDO1013', 'GR1013', 'SSU-ANGUL', '2023-04-01 00:00:00', 1)`,
        [HOA],
      );
      await tx.run(`INSERT INTO settings (key, value) VALUES (?, '2023-10-01 00:00:00')`, [
        `va.fromDate.${HOA}`,
      ]);
      await tx.run(
        `INSERT INTO sanctions (mst_allotment_dist_id, tenant_id, hoa, ddo_code, grantee_ag_code, ssu_ia_id, created_at)
         VALUES ('MAD-1', 'od.angul', ?, 'DDO1013', 'GR1013', 'SSU-ANGUL', 1)`,
        [HOA],
      );
      await tx.run(
        `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, at) VALUES (1, 'allotment', 900, 900, 1)`,
      );
      await tx.run(
        `INSERT INTO payments (payment_number, tenant_id, hoa, gross_paise, net_paise, imported_at) VALUES ('P-1', 'od.angul', ?, 500, 500, 1)`,
        [HOA],
      );
      await tx.run(
        `INSERT INTO pis (kind, bill_no, bill_date, payment_id, sanction_id, hoa, ddo_code, grantee_code, ssu_ia_id, gross_paise, net_paise, status, created_at, updated_at)
         VALUES ('PI', 'PI-1013/2023-24/000001', '2023-10-01', 1, 1, ?, 'DDO1013', 'GR1013', 'SSU-ANGUL', 500, 500, 'Pending', 1, 1)`,
        [HOA],
      );
    });
    await old.close();

    const ledger = await Ledger.open(file);
    expect(await ledger.read.all('PRAGMA foreign_key_check')).toEqual([]);
    expect(
      await ledger.read.all('SELECT hoa, ddo_code, va_from_date FROM heads_of_account'),
    ).toEqual([{ hoa: HOA, ddo_code: 'DDO1013', va_from_date: '2023-10-01 00:00:00' }]);
    expect(
      await ledger.read.all(`SELECT key FROM settings WHERE key LIKE 'va.fromDate.%'`),
    ).toEqual([]);
    expect(await ledger.read.get('SELECT available_paise FROM funds_summary')).toEqual({
      available_paise: 900,
    });
    expect(await ledger.read.get('SELECT payment_id, sanction_id FROM pis')).toEqual({
      payment_id: 1,
      sanction_id: 1,
    });
    // Rebuilt tables still enforce what pointed at them.
    await expect(
      ledger.write((tx) =>
        tx.run(
          `INSERT INTO payment_beneficiaries (payment_id, benef_id, name, account_no, ifsc, amount_paise) VALUES (99, 'B', 'N', '1', 'SBIN0000001', 1)`,
        ),
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
    // A new sanction still gets its funds row (the trigger came back with the table).
    await ledger.write((tx) =>
      tx.run(
        `INSERT INTO sanctions (mst_allotment_dist_id, tenant_id, hoa, ddo_code, grantee_ag_code, ssu_ia_id, created_at)
         VALUES ('MAD-2', 'od.talcher', ?, 'DDO2045', 'GR2045', 'SSU-T', 2)`,
        [HOA],
      ),
    );
    expect(await ledger.read.get('SELECT count(*) AS n FROM funds_summary')).toEqual({ n: 2 });

    await registerHeadsOfAccount(ledger, [
      {
        hoa: HOA,
        tenantId: 'od.talcher',
        ddoCode: 'DDO2045',
        granteeCode: 'GR2045',
        ssuIaId: 'SSU-T',
        effectiveDate: '2024-04-01',
      },
    ]);
    expect(
      await ledger.read.all('SELECT tenant_id, ddo_code FROM heads_of_account ORDER BY ddo_code'),
    ).toEqual([
      { tenant_id: 'od.angul', ddo_code: 'DDO1013' },
      { tenant_id: 'od.talcher', ddo_code: 'DDO2045' },
    ]);
    // A payment may now name no head (a disbursement from the program service).
    await ledger.write((tx) =>
      tx.run(
        `INSERT INTO payments (payment_number, tenant_id, hoa, gross_paise, net_paise, imported_at) VALUES ('D-1', 'od.angul', NULL, 5, 5, 2)`,
      ),
    );
    await ledger.close();
  });
});
