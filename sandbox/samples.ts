// Ready-made PI pushes for tests, demos and benchmarks (the wire shape of service PI).
import type { PiParams } from '../main/jit/services/pi';

export interface SamplePiOptions {
  /** Rupees per beneficiary (default "1000.00"). */
  amount?: string;
  /** Account number of beneficiary i (0-based); default 1000000 + 5 digits. */
  account?: (i: number) => string;
  billDate?: string;
}

export function samplePiParams(billNo: string, n: number, o: SamplePiOptions = {}): PiParams {
  const amount = o.amount ?? '1000.00';
  const [rupees, paise = '0'] = amount.split('.');
  const totalPaise = (Number(rupees) * 100 + Number(paise.padEnd(2, '0'))) * n;
  const total = `${Math.floor(totalPaise / 100)}.${String(totalPaise % 100).padStart(2, '0')}`;
  return {
    jitBillNo: billNo,
    jitBillDate: o.billDate ?? '2023-10-01',
    jitBillDdoCode: 'DDO1013',
    granteeAgCode: 'GR1013',
    schemeCode: 'MUKTA',
    hoa: '2217-05-191-2634-01-00-00-00',
    ssuIaId: 'SSU-ANGUL',
    mstAllotmentDistId: 'MAD-1013-01',
    ssuAllotmentId: 'SSUA-1013-0001',
    allotmentTxnSlNo: '1',
    billGrossAmount: total,
    billNetAmount: total,
    billNumberOfBenf: n,
    purpose: 'Wages',
    beneficiaryDetails: Array.from({ length: n }, (_, i) => ({
      benefId: `B${String(i + 1).padStart(4, '0')}`,
      benefName: `Wage Seeker ${i + 1}`,
      benfAcctNo: o.account ? o.account(i) : `1000000${String(i + 1).padStart(5, '0')}`,
      benfBankIfscCode: 'SBIN0003491',
      benfMobileNo: `98765${String(i).padStart(5, '0')}`,
      benfEmailId: '',
      benfAddress: 'Angul',
      benfAccountType: 'SAVINGS',
      benfAmount: amount,
      purpose: 'Wages',
    })),
  };
}
