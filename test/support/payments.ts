// Real payments for a World: funds from VA (the sandbox's allotment), then an import, so a
// push debits a sanction exactly as in the window.
import { importPayments } from '../../main/core/payments/import';
import type { ScenarioInput } from '../../sandbox/scenario';
import type { World } from './world';
import { SAMPLE_HEAD } from './world';

export const SANCTION = 'MAD-1013-01';

/** A scenario allotment of `rupees` to SAMPLE_HEAD, there from the sandbox's start. */
export function allotment(rupees: number): NonNullable<ScenarioInput['allotments']>[number] {
  return {
    hoa: SAMPLE_HEAD.hoa,
    ddoCode: SAMPLE_HEAD.ddoCode,
    granteCode: SAMPLE_HEAD.granteeCode,
    schemeCode: 'MUKTA',
    ssuId: SAMPLE_HEAD.ssuIaId,
    afterStartMs: 0,
    allotmentTxnSlNo: '1',
    allotmentAmount: String(rupees),
    allotmentTxnType: 'Initial Allotment',
    mstAllotmentDistId: SANCTION,
    ssuAllotmentId: 'SSUA-1013-0001',
  };
}

/** Import one payment paying `rupees` to each account; returns its id. */
export async function importPayment(
  world: World,
  number: string,
  accounts: string[],
  rupees = 100,
): Promise<number> {
  const { app } = world;
  const res = await importPayments(
    app,
    `${number}.json`,
    JSON.stringify([
      {
        paymentNumber: number,
        tenantId: SAMPLE_HEAD.tenantId,
        hoa: SAMPLE_HEAD.hoa,
        purpose: 'Wages',
        beneficiaries: accounts.map((accountNo, i) => ({
          benefId: `${number}-${i + 1}`,
          name: `Wage Seeker ${i + 1}`,
          accountNo,
          ifsc: 'SBIN0003491',
          mobile: `98765${String(i).padStart(5, '0')}`,
          amount: rupees,
          accountType: 'SAVINGS',
          beneficiaryType: 'IND',
        })),
      },
    ]),
  );
  if (res.errors.length) throw new Error(JSON.stringify(res.errors));
  const row = await app.ledger.read.get<{ id: number }>(
    'SELECT id FROM payments WHERE payment_number = ?',
    [number],
  );
  return row!.id;
}

export async function available(world: World): Promise<number> {
  const row = await world.app.ledger.read.get<{ n: number }>(
    `SELECT f.available_paise AS n FROM funds_summary f JOIN sanctions s ON s.id = f.sanction_id
      WHERE s.mst_allotment_dist_id = ?`,
    [SANCTION],
  );
  return row?.n ?? 0;
}
