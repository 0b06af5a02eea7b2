// Heads of account: what VA polls and what a PI may be paid from, one row per head and DDO
// (one head may serve several DDOs). Registered in Settings, by `cli setup` or a seed; the
// city code of a tenant goes into every bill number it issues.
import type { Conn } from '../../ledger/conn';
import type { Ledger } from '../../ledger/ledger';
import { parseTreasuryDate, treasuryDateTime } from '../../../shared/time';
import { AppError } from '../errors';

export interface HeadOfAccount {
  hoa: string;
  tenantId: string;
  ddoCode: string;
  granteeCode: string;
  ssuIaId: string;
  /** yyyy-MM-dd or yyyy-MM-dd HH:mm:ss, India time: the first VA fromDate. */
  effectiveDate: string;
  /** Lower is tried first when picking a sanction for a PI. */
  priority?: number;
  /** The city code in bill numbers (PI-<city>/...); kept per tenant. */
  cityCode?: string;
}

const cityKey = (tenantId: string) => `tenant.cityCode.${tenantId}`;

/** Insert or update a head of account (and its tenant's city code), inside the caller's transaction. */
export async function upsertHeadOfAccount(tx: Conn, h: HeadOfAccount): Promise<void> {
  let effective: string;
  try {
    effective = treasuryDateTime(parseTreasuryDate(h.effectiveDate));
  } catch {
    throw new AppError(
      'BAD_REQUEST',
      `The effective date of ${h.hoa} must be yyyy-MM-dd or yyyy-MM-dd HH:mm:ss.`,
    );
  }
  await tx.run(
    `INSERT INTO heads_of_account (hoa, tenant_id, ddo_code, grantee_code, ssu_ia_id, effective_date, priority)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (hoa, ddo_code) DO UPDATE SET tenant_id = excluded.tenant_id,
       grantee_code = excluded.grantee_code, ssu_ia_id = excluded.ssu_ia_id,
       effective_date = excluded.effective_date, priority = excluded.priority`,
    [h.hoa, h.tenantId, h.ddoCode, h.granteeCode, h.ssuIaId, effective, h.priority ?? 0],
  );
  if (h.cityCode) {
    await tx.run(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [cityKey(h.tenantId), h.cityCode],
    );
  }
}

export function registerHeadsOfAccount(ledger: Ledger, heads: HeadOfAccount[]): Promise<void> {
  return ledger.write(async (tx) => {
    for (const h of heads) await upsertHeadOfAccount(tx, h);
  });
}

/**
 * The city code of a tenant's bill numbers. Without a registered one, the tenant id's last
 * part ("od.angul" → "ANGUL") keeps numbers unique per tenant.
 */
export async function cityCodeOf(db: Conn, tenantId: string): Promise<string> {
  const row = await registeredCityCode(db, tenantId);
  if (row) return row;
  const last = tenantId.split('.').pop() ?? tenantId;
  return last.toUpperCase().replace(/[^A-Z0-9]/g, '') || 'ULB';
}

export async function registeredCityCode(db: Conn, tenantId: string): Promise<string | null> {
  const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [
    cityKey(tenantId),
  ]);
  return row?.value ?? null;
}
