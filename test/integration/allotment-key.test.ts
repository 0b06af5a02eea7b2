// The allotment key (mstAllotmentDistId, ssuAllotmentId, allotmentTxnSlNo): a ledger written
// under the old key (ssuAllotmentId, allotmentTxnSlNo), which dropped sanction 921 of the real
// treasury's VA answer, is migrated and gets the sanction back at its next VA, through the
// real client and engine against the sandbox serving the sample's allotments.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import { Ledger, latestVersion } from '../../main/ledger/ledger';
import { MIGRATIONS } from '../../main/ledger/migrations';
import { openApp, type App } from '../../main/app';
import { JitClient } from '../../main/jit/client';
import { fundsSummary } from '../../main/core/funds/queries';
import { runCheck } from '../../main/core/funds/check';
import { createSandbox, type Sandbox } from '../../sandbox/server';
import { REFERENCE_HEAD, sampleAllotments } from '../support/reference-samples';

const dir = tempDir('jit-allotment-key-');
const KEY_MIGRATION = MIGRATIONS.find((m) => m.name.startsWith('allotments keyed by sanction'))!;
const BEFORE = MIGRATIONS.filter((m) => m.version < KEY_MIGRATION.version);
const HOA = REFERENCE_HEAD.hoa;

let sandbox: Sandbox | undefined;
let app: App | undefined;
afterAll(async () => {
  await app?.close();
  await sandbox?.close();
});

const rawRow = (distId: string, ssuId: string, sl: string, type: string, paise: number) =>
  JSON.stringify({
    ddoCode: 'OLSHUD001',
    granteeAgCode: 'GOHUDULBMPL0036',
    allotmentTxnSlNo: sl,
    allotmentAmount: paise,
    allotmentTxnType: type,
    mstAllotmentDistId: distId,
    ssuAllotmentId: ssuId,
  });

/**
 * What the console of the previous version left after applying va-response.json: sanction 920
 * with its initial allotment and withdrawal; 921's Initial Allotment dropped as a repeat of
 * 920's (same 860/"0"), so 921's Additional allotment kept and flagged as of an unknown
 * sanction; and the next VA set to ask only from the day after.
 */
async function ledgerThatLostSanction921(file: string): Promise<void> {
  const old = await Ledger.open(file, { migrations: BEFORE });
  await old.write(async (tx) => {
    // The head as that version stored it (keyed by its code alone).
    await tx.run(
      `INSERT INTO heads_of_account (hoa, tenant_id, ddo_code, grantee_code, ssu_ia_id, effective_date, priority)
       VALUES (?, 'od.angul', ?, ?, ?, '2023-04-01 00:00:00', 1)`,
      [HOA, REFERENCE_HEAD.ddoCode, REFERENCE_HEAD.granteeCode, REFERENCE_HEAD.ssuIaId],
    );
    const { lastID: s920 } = await tx.run(
      `INSERT INTO sanctions (mst_allotment_dist_id, tenant_id, hoa, ddo_code, grantee_ag_code, scheme_code, scheme_name, ssu_ia_id, created_at)
       VALUES ('920', 'od.angul', ?, 'OLSHUD001', 'GOHUDULBMPL0036', '13145', 'MUKTA', '1621', 1)`,
      [HOA],
    );
    const allot = async (
      sanction: number | null,
      key: [string, string, string],
      type: string,
      paise: number,
      applied: number,
      date: string,
      flag: string | null,
    ) =>
      (
        await tx.run(
          `INSERT INTO allotments (sanction_id, mst_allotment_dist_id, ssu_allotment_id, allotment_txn_sl_no, txn_type,
                                   amount_paise, applied_paise, allotment_date, flag, raw, received_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
          [sanction, ...key, type, paise, applied, date, flag, rawRow(...key, type, paise)],
        )
      ).lastID;
    const initial = await allot(
      s920,
      ['920', '860', '0'],
      'Initial Allotment',
      1_000_000,
      1_000_000,
      '2023-05-10',
      null,
    );
    await allot(
      null,
      ['921', '898', '1'],
      'Additional allotment',
      10_000,
      0,
      '2023-05-18',
      'No sanction 921 is known (no initial allotment): nothing applied.',
    );
    const withdrawal = await allot(
      s920,
      ['920', '937', '10'],
      'Allotment withdrawal',
      10_000,
      10_000,
      '2023-05-23',
      null,
    );
    await tx.run(
      `INSERT INTO funds_transactions (sanction_id, kind, allotted_delta, available_delta, allotment_id, at)
       VALUES (?, 'allotment', 1000000, 1000000, ?, 1), (?, 'withdrawal', -10000, -10000, ?, 1)`,
      [s920, initial, s920, withdrawal],
    );
    await tx.run(`INSERT INTO settings (key, value) VALUES (?, '2023-05-24 00:00:00')`, [
      `va.fromDate.${HOA}`,
    ]);
  });
  // The old key itself: sanction 921's Initial Allotment cannot even be stored beside 920's.
  await expect(
    old.write((tx) =>
      tx.run(
        `INSERT INTO allotments (mst_allotment_dist_id, ssu_allotment_id, allotment_txn_sl_no, txn_type, amount_paise, raw, received_at)
         VALUES ('921', '860', '0', 'Initial Allotment', 3000000, '{}', 1)`,
      ),
    ),
  ).rejects.toThrow(/UNIQUE/);
  await old.close();
}

const funds = async (a: App) =>
  Object.fromEntries(
    (await fundsSummary(a.ledger)).map((r) => [
      r.mstAllotmentDistId,
      { allotted: r.allottedPaise, available: r.availablePaise },
    ]),
  );

describe('the allotment key migration', () => {
  it('recovers at the next VA a sanction the old key dropped, and applies its waiting allotment', async () => {
    const file = path.join(dir, 'ledger.db');
    await ledgerThatLostSanction921(file);

    sandbox = await createSandbox({
      now: Date.parse('2023-06-01T10:00:00+05:30'),
      scenario: { allotments: sampleAllotments() },
    });
    app = await openApp({
      dbPath: file,
      treasury: new JitClient({
        baseUrl: sandbox.baseUrl,
        ...sandbox.credentials,
        publicKey: sandbox.credentials.publicKeyPem,
        timeoutMs: 5_000,
      }),
      treasuryInfo: { kind: 'sandbox', baseUrl: sandbox.baseUrl },
      now: () => sandbox!.clock.now(),
    });
    expect(await app.ledger.schemaVersion()).toBe(latestVersion());
    expect(await funds(app)).toEqual({ '920': { allotted: 990_000, available: 990_000 } });

    const run = await app.engine.run('VA', { trigger: 'manual' });
    expect(run.outcomes).toEqual({ OK: 1, ERROR: 0, NO_RESPONSE: 0 });
    // The migration forgot the old fromDate: VA asked again from the head's effective date.
    const call = await app.ledger.read.get<{ request: string }>(
      `SELECT request_json AS request FROM treasury_calls WHERE service = 'VA'`,
    );
    expect(JSON.parse(call!.request).params.fromDate).toBe('2023-04-01 00:00:00');

    expect(await funds(app)).toEqual({
      '920': { allotted: 990_000, available: 990_000 },
      '921': { allotted: 3_010_000, available: 3_010_000 },
    });
    const rows = await app.ledger.read.all<{ key: string; applied: number; flag: string | null }>(
      `SELECT mst_allotment_dist_id || '/' || ssu_allotment_id || '/' || allotment_txn_sl_no AS key,
              applied_paise AS applied, flag FROM allotments ORDER BY mst_allotment_dist_id, allotment_date`,
    );
    expect(rows).toEqual([
      { key: '920/860/0', applied: 1_000_000, flag: null },
      { key: '920/937/10', applied: 10_000, flag: null },
      { key: '921/860/0', applied: 3_000_000, flag: null },
      { key: '921/898/1', applied: 10_000, flag: null },
    ]);
    expect((await runCheck(app)).breaches).toEqual([]);

    // Asked again from the start, every allotment is a repeat under the new key: nothing moves.
    await app.ledger.write((tx) => tx.run('UPDATE heads_of_account SET va_from_date = NULL'));
    expect((await app.engine.run('VA', { trigger: 'manual' })).outcomes.OK).toBe(1);
    expect(await funds(app)).toEqual({
      '920': { allotted: 990_000, available: 990_000 },
      '921': { allotted: 3_010_000, available: 3_010_000 },
    });
  });

  it('keeps the allotments and the funds that point at them when the table is rebuilt', async () => {
    const file = path.join(dir, 'kept.db');
    await ledgerThatLostSanction921(file);
    const before = await Ledger.open(file, { migrations: BEFORE });
    const rows = await before.read.all('SELECT * FROM allotments ORDER BY id');
    const txs = await before.read.all('SELECT * FROM funds_transactions ORDER BY id');
    await before.close();
    const after = await Ledger.open(file);
    expect(await after.read.all('SELECT * FROM allotments ORDER BY id')).toEqual(rows);
    expect(await after.read.all('SELECT * FROM funds_transactions ORDER BY id')).toEqual(txs);
    expect(await after.read.all('PRAGMA foreign_key_check')).toEqual([]);
    expect(await after.read.all(`SELECT key FROM settings WHERE key LIKE 'va.fromDate.%'`)).toEqual(
      [],
    );
    await after.close();
  });
});
