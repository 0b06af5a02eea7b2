// The PI request of jit-protocol §3, always rebuilt from the stored PI, so a re-send carries
// the same bill number and the same content.
import type { Conn } from '../../ledger/conn';
import type { PiBeneficiary, PiParams } from '../../jit/services';
import { rupees } from '../../../shared/money';
import type { BankLine } from './pi-store';

interface PiRowForParams {
  id: number;
  billNo: string;
  billDate: string;
  ddoCode: string;
  granteeCode: string;
  schemeCode: string | null;
  hoa: string;
  ssuIaId: string;
  mstAllotmentDistId: string | null;
  ssuAllotmentId: string | null;
  allotmentTxnSlNo: string | null;
  grossPaise: number;
  netPaise: number;
  purpose: string;
}

type BenRowForParams = BankLine & { piId: number };

const PI_PARAMS_SELECT = `
SELECT id, bill_no AS billNo, bill_date AS billDate, ddo_code AS ddoCode, grantee_code AS granteeCode,
       scheme_code AS schemeCode, hoa, ssu_ia_id AS ssuIaId, mst_allotment_dist_id AS mstAllotmentDistId,
       ssu_allotment_id AS ssuAllotmentId, allotment_txn_sl_no AS allotmentTxnSlNo, gross_paise AS grossPaise,
       net_paise AS netPaise, purpose
  FROM pis`;

const BEN_PARAMS_SELECT = `
SELECT pi_id AS piId, benf_id AS benfId, name, account_no AS accountNo, ifsc, mobile, email, address,
       account_type AS accountType, amount_paise AS amountPaise
  FROM beneficiaries`;

/** §3 PI params, built from the stored PI alone, so every send of one PI is the same request. */
function piParams(pi: PiRowForParams, bens: BenRowForParams[]): PiParams {
  return {
    jitBillNo: pi.billNo,
    jitBillDate: pi.billDate,
    jitBillDdoCode: pi.ddoCode,
    granteeAgCode: pi.granteeCode,
    schemeCode: pi.schemeCode ?? '',
    hoa: pi.hoa,
    ssuIaId: pi.ssuIaId,
    mstAllotmentDistId: pi.mstAllotmentDistId ?? '',
    ssuAllotmentId: pi.ssuAllotmentId ?? '',
    allotmentTxnSlNo: pi.allotmentTxnSlNo ?? '',
    billGrossAmount: rupees(pi.grossPaise),
    billNetAmount: rupees(pi.netPaise),
    billNumberOfBenf: bens.length,
    purpose: pi.purpose,
    beneficiaryDetails: bens.map((b): PiBeneficiary => ({
      benefId: b.benfId,
      benefName: b.name,
      benfAcctNo: b.accountNo,
      benfBankIfscCode: b.ifsc,
      benfMobileNo: b.mobile ?? '',
      benfEmailId: b.email ?? '',
      benfAddress: b.address ?? '',
      benfAccountType: b.accountType ?? '',
      benfAmount: rupees(b.amountPaise),
      purpose: pi.purpose,
    })),
  };
}

export async function loadParams(db: Conn, piIds: number[]): Promise<Map<number, PiParams>> {
  const ids = JSON.stringify(piIds);
  const pis = await db.all<PiRowForParams>(
    `${PI_PARAMS_SELECT} WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    [ids],
  );
  const bens = await db.all<BenRowForParams>(
    `${BEN_PARAMS_SELECT} WHERE pi_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    [ids],
  );
  return new Map(
    pis.map((p) => [
      p.id,
      piParams(
        p,
        bens.filter((b) => b.piId === p.id),
      ),
    ]),
  );
}
