// The ULB's set-up: its codes and its heads of account, saved together in one transaction
// with a line in settings_log. A head is kept per DDO; one with sanctions or payments is
// never dropped (its money would lose its head).
import type { Conn } from '../../ledger/conn';
import type { AppContext } from '../context';
import { refused } from '../errors';
import { upsertHeadOfAccount } from '../funds/heads';
import {
  engineSettingsSchema,
  ulbSchema,
  type EngineSettingsInput,
  type SettingsView,
  type Ulb,
  type UlbSetup,
} from '../../../shared/settings';
import { KEYS, readJson, writeValue } from './store';

export function readUlb(db: Conn): Promise<Ulb | null> {
  return readJson(db, KEYS.ulb, ulbSchema);
}

export async function logChange(tx: Conn, at: number, section: string, detail: unknown) {
  await tx.run('INSERT INTO settings_log (at, section, detail) VALUES (?, ?, ?)', [
    at,
    section,
    JSON.stringify(detail),
  ]);
}

export function listHeads(db: Conn): Promise<SettingsView['heads']> {
  return db
    .all<Omit<SettingsView['heads'][number], 'inUse'> & { inUse: number }>(
      `SELECT h.hoa, h.ddo_code AS ddoCode, h.tenant_id AS tenantId, substr(h.effective_date, 1, 10) AS effectiveDate,
              h.priority,
              EXISTS (SELECT 1 FROM sanctions s WHERE s.hoa = h.hoa AND s.ddo_code = h.ddo_code)
                OR EXISTS (SELECT 1 FROM payments p WHERE p.hoa = h.hoa AND p.tenant_id = h.tenant_id) AS inUse
         FROM heads_of_account h ORDER BY h.tenant_id, h.priority, h.hoa, h.ddo_code`,
    )
    .then((rows) => rows.map((r) => ({ ...r, inUse: !!r.inUse })));
}

export function saveUlbSetup(app: AppContext, setup: UlbSetup): Promise<void> {
  return app.ledger.write((tx) => writeUlbSetup(tx, setup, app.now()));
}

/** Inside the caller's transaction: the ULB, its heads, and heads no longer listed dropped. */
export async function writeUlbSetup(tx: Conn, setup: UlbSetup, at: number): Promise<void> {
  const { ulb } = setup;
  const before = await readUlb(tx);
  const tenants = [...new Set([ulb.tenantId, before?.tenantId].filter(Boolean))] as string[];
  const keep = new Set(setup.heads.map((h) => `${h.hoa}|${h.ddoCode ?? ulb.ddoCode}`));
  const dropped = (await listHeads(tx)).filter(
    (h) => tenants.includes(h.tenantId) && !keep.has(`${h.hoa}|${h.ddoCode}`),
  );
  const stuck = dropped.filter((h) => h.inUse);
  if (stuck.length) {
    throw refused(
      `These heads of account have sanctions or payments and cannot be removed: ${stuck.map((h) => `${h.hoa} (${h.ddoCode})`).join(', ')}.`,
    );
  }
  for (const h of dropped) {
    await tx.run('DELETE FROM heads_of_account WHERE hoa = ? AND ddo_code = ?', [h.hoa, h.ddoCode]);
  }
  await writeValue(tx, KEYS.ulb, ulb);
  for (const h of setup.heads) {
    await upsertHeadOfAccount(tx, {
      hoa: h.hoa,
      tenantId: ulb.tenantId,
      ddoCode: h.ddoCode ?? ulb.ddoCode,
      granteeCode: ulb.granteeCode,
      ssuIaId: ulb.ssuIaId,
      effectiveDate: h.effectiveDate,
      priority: h.priority,
      cityCode: ulb.cityCode,
    });
  }
  await logChange(tx, at, 'ulb', setup);
}

/** Schedule, retries, watch window, concurrency: kept, then applied to the running engine. */
export async function saveEngineSettings(
  app: AppContext,
  settings: EngineSettingsInput,
): Promise<void> {
  const checked = engineSettingsSchema.parse(settings);
  await app.ledger.write((tx) => writeEngineSettings(tx, checked, app.now()));
  app.engine.configure(checked);
}

export async function writeEngineSettings(
  tx: Conn,
  settings: EngineSettingsInput,
  at: number,
): Promise<void> {
  await writeValue(tx, KEYS.engine, settings);
  await logChange(tx, at, 'engine', settings);
}
