// Creating a PI with its beneficiaries: one statement for the PI, one set-based statement
// for all its beneficiaries, one for their audit rows. Runs inside the caller's transaction.
import type { Conn } from '../../ledger/conn';
import type { BeneficiaryStatus, PiKind, PiStatus } from '../../../shared/status';

/** A beneficiary's bank line as the ledger keeps it, on a payment line or a PI. */
export interface BankLine {
  benfId: string;
  name: string;
  accountNo: string;
  ifsc: string;
  mobile: string | null;
  email: string | null;
  address: string | null;
  accountType: string | null;
  amountPaise: number;
}

export interface NewBeneficiary {
  benfId: string;
  name: string;
  accountNo: string;
  ifsc: string;
  mobile?: string | null;
  email?: string | null;
  address?: string | null;
  accountType?: string | null;
  amountPaise: number;
  status: BeneficiaryStatus;
  paymentBeneficiaryId?: number | null;
  parentBeneficiaryId?: number | null;
  orgAccountNo?: string | null;
  orgIfsc?: string | null;
}

export interface NewPi {
  kind: PiKind;
  billNo: string;
  billDate: string;
  paymentId?: number | null;
  parentPiId?: number | null;
  sanctionId?: number | null;
  hoa: string;
  ddoCode: string;
  granteeCode: string;
  ssuIaId: string;
  schemeCode?: string | null;
  mstAllotmentDistId?: string | null;
  ssuAllotmentId?: string | null;
  allotmentTxnSlNo?: string | null;
  purpose?: string;
  grossPaise: number;
  netPaise: number;
  status: PiStatus;
  beneficiaries: NewBeneficiary[];
}

export async function insertPi(tx: Conn, pi: NewPi, at: number): Promise<number> {
  const { lastID: piId } = await tx.run(
    `INSERT INTO pis (kind, bill_no, bill_date, payment_id, parent_pi_id, sanction_id, hoa, ddo_code, grantee_code,
                      ssu_ia_id, scheme_code, mst_allotment_dist_id, ssu_allotment_id, allotment_txn_sl_no, purpose,
                      gross_paise, net_paise, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      pi.kind,
      pi.billNo,
      pi.billDate,
      pi.paymentId ?? null,
      pi.parentPiId ?? null,
      pi.sanctionId ?? null,
      pi.hoa,
      pi.ddoCode,
      pi.granteeCode,
      pi.ssuIaId,
      pi.schemeCode ?? null,
      pi.mstAllotmentDistId ?? null,
      pi.ssuAllotmentId ?? null,
      pi.allotmentTxnSlNo ?? null,
      pi.purpose ?? '',
      pi.grossPaise,
      pi.netPaise,
      pi.status,
      at,
      at,
    ],
  );
  await tx.run(
    `INSERT INTO beneficiaries (pi_id, benf_id, name, account_no, ifsc, mobile, email, address, account_type, amount_paise,
                                status, payment_beneficiary_id, parent_beneficiary_id, org_account_no, org_ifsc, updated_at)
     SELECT ?, j.value ->> 'benfId', j.value ->> 'name', j.value ->> 'accountNo', j.value ->> 'ifsc', j.value ->> 'mobile',
            j.value ->> 'email', j.value ->> 'address', j.value ->> 'accountType', j.value ->> 'amountPaise',
            j.value ->> 'status', j.value ->> 'paymentBeneficiaryId', j.value ->> 'parentBeneficiaryId',
            j.value ->> 'orgAccountNo', j.value ->> 'orgIfsc', ?
       FROM json_each(?) j`,
    [piId, at, JSON.stringify(pi.beneficiaries)],
  );
  await tx.run(
    'INSERT INTO status_history (pi_id, from_status, to_status, reason, at) VALUES (?, NULL, ?, ?, ?)',
    [piId, pi.status, 'created', at],
  );
  await tx.run(
    `INSERT INTO status_history (pi_id, beneficiary_id, from_status, to_status, reason, at)
     SELECT pi_id, id, NULL, status, 'created', ? FROM beneficiaries WHERE pi_id = ?`,
    [at, piId],
  );
  return piId;
}
