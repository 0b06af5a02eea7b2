// Which sanction pays a payment: the one rule the push (pi/pi-create.ts) and the funds preview
// (funds/preview.ts) both use, so a preview can never promise what the push would refuse.
import type { Conn } from '../../ledger/conn';
import { formatInr } from '../../../shared/money';
import { refused, type AppError } from '../errors';

export interface SanctionPick {
  id: number;
  hoa: string;
  ddoCode: string;
  granteeCode: string;
  schemeCode: string | null;
  ssuIaId: string;
  mstAllotmentDistId: string;
  available: number;
}

export interface PayingPayment {
  paymentNumber: string;
  tenantId: string;
  /** NULL: the payment names no head (a disbursement from the program service). */
  hoa: string | null;
}

/**
 * A payment that names its head of account is paid only from that head's sanctions (a wages
 * bill is never charged to the material head); one that names none, from any head of the
 * tenant, in the heads' priority order.
 */
export function sanctionsInPickOrder(
  db: Conn,
  payment: Pick<PayingPayment, 'tenantId' | 'hoa'>,
): Promise<SanctionPick[]> {
  return db.all<SanctionPick>(
    `SELECT s.id, s.hoa, s.ddo_code AS ddoCode, s.grantee_ag_code AS granteeCode, s.scheme_code AS schemeCode,
            s.ssu_ia_id AS ssuIaId, s.mst_allotment_dist_id AS mstAllotmentDistId, f.available_paise AS available
       FROM sanctions s JOIN funds_summary f ON f.sanction_id = s.id
      WHERE s.tenant_id = ?1 AND (?2 IS NULL OR s.hoa = ?2)
      ORDER BY (SELECT min(h.priority) FROM heads_of_account h WHERE h.hoa = s.hoa AND h.tenant_id = s.tenant_id),
               s.hoa, s.id`,
    [payment.tenantId, payment.hoa],
  );
}

/** The first sanction, in pick order, whose available covers the whole gross; else the refusal. */
export function pickSanction<S extends SanctionPick>(
  payment: PayingPayment,
  gross: number,
  rows: readonly S[],
): { pick: S; refusal: null } | { pick: null; refusal: AppError } {
  const pick = rows.find((r) => r.available >= gross);
  return pick
    ? { pick, refusal: null }
    : { pick: null, refusal: notEnoughFunds(payment, gross, rows) };
}

export function notEnoughFunds(
  payment: PayingPayment,
  gross: number,
  rows: readonly SanctionPick[],
): AppError {
  const needs = `Not enough funds for payment ${payment.paymentNumber}: it needs ${formatInr(gross)}`;
  const best = rows.reduce<SanctionPick | null>(
    (a, r) => (!a || r.available > a.available ? r : a),
    null,
  );
  const most = best
    ? ` (the most available is ${formatInr(best.available)}, on sanction ${best.mstAllotmentDistId} of ${best.hoa})`
    : '';
  if (payment.hoa) {
    if (!best) return refused(`${needs} and head of account ${payment.hoa} has no sanction yet.`);
    return refused(
      `${needs} and head of account ${payment.hoa} lacks funds: none of its sanctions has that much available${most}.`,
    );
  }
  if (!best)
    return refused(`${needs} and no head of account of ${payment.tenantId} has a sanction yet.`);
  return refused(
    `${needs} and no head of account of ${payment.tenantId} has a sanction with that much available${most}.`,
  );
}
