// Is the console set up enough to pay? What Settings shows, and what push and VA check
// before they do anything: each refusal names every missing item.
import type { Conn } from '../../ledger/conn';
import type { AppContext } from '../context';
import { refused } from '../errors';
import { registeredCityCode } from '../funds/heads';
import type { SetupStatus } from '../../../shared/settings';
import type { TreasuryLink } from './link';
import { KEYS, readJson } from './store';
import { ulbSchema } from '../../../shared/settings';

const WHERE = 'Complete them in Settings (or with npm run cli -- setup).';

function treasuryMissing(link: TreasuryLink | null): string[] {
  return link?.problem ? [link.problem] : [];
}

export async function setupStatus(app: AppContext): Promise<SetupStatus> {
  const db = app.ledger.read;
  const ulb = await readJson(db, KEYS.ulb, ulbSchema);
  const missing: string[] = [];
  if (!ulb) missing.push("the ULB's tenant, city code, DDO, grantee and SSU codes");
  const heads = await db.get<{ n: number }>(
    ulb
      ? 'SELECT count(*) AS n FROM heads_of_account WHERE tenant_id = ?'
      : 'SELECT count(*) AS n FROM heads_of_account',
    ulb ? [ulb.tenantId] : [],
  );
  if (!heads?.n) missing.push('a head of account');
  missing.push(...treasuryMissing(app.link));
  return { complete: missing.length === 0, missing };
}

/** Inside createPi's transaction: the tenant's city code, its heads, a usable treasury. */
export async function requireSetupForPush(
  tx: Conn,
  link: TreasuryLink | null,
  payment: { paymentNumber: string; tenantId: string; hoa: string | null },
): Promise<void> {
  const missing: string[] = [];
  if (!(await registeredCityCode(tx, payment.tenantId)))
    missing.push(`the city code of ${payment.tenantId} (for bill numbers)`);
  const heads = await tx.all<{ hoa: string }>(
    'SELECT DISTINCT hoa FROM heads_of_account WHERE tenant_id = ?',
    [payment.tenantId],
  );
  if (heads.length === 0) missing.push(`a head of account of ${payment.tenantId}`);
  else if (payment.hoa && !heads.some((h) => h.hoa === payment.hoa))
    missing.push(`head of account ${payment.hoa} for ${payment.tenantId}`);
  missing.push(...treasuryMissing(link));
  if (missing.length) {
    throw refused(
      `Payment ${payment.paymentNumber} cannot be pushed: the console is not set up for it. Missing: ${missing.join('; ')}. ${WHERE}`,
    );
  }
}

/** Before VA runs: something to ask about and a treasury to ask. */
export async function requireSetupForVa(app: AppContext): Promise<void> {
  const missing: string[] = [];
  const heads = await app.ledger.read.get<{ n: number }>(
    'SELECT count(*) AS n FROM heads_of_account',
  );
  if (!heads?.n) missing.push('a head of account (with its DDO, grantee and SSU codes)');
  missing.push(...treasuryMissing(app.link));
  if (missing.length) {
    throw refused(
      `VA cannot ask the treasury for allotments: the console is not set up. Missing: ${missing.join('; ')}. ${WHERE}`,
    );
  }
}
