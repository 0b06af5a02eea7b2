import type { NewPi } from '../../main/core/pi/pi-store';

/** A PI in the shape the push creates, with `n` beneficiaries of ₹1,000.00 each. */
export function samplePi(billNo: string, n: number, overrides: Partial<NewPi> = {}): NewPi {
  return {
    kind: 'PI',
    billNo,
    billDate: '2023-10-01',
    hoa: '2217-05-191-2634-01-00-00-00',
    ddoCode: 'DDO1013',
    granteeCode: 'GR1013',
    ssuIaId: 'SSU-ANGUL',
    purpose: 'Wages',
    grossPaise: n * 100_000,
    netPaise: n * 100_000,
    status: 'Initiated',
    beneficiaries: Array.from({ length: n }, (_, i) => ({
      benfId: `B${String(i + 1).padStart(4, '0')}`,
      name: `Wage Seeker ${i + 1}`,
      accountNo: `1000000${String(i + 1).padStart(5, '0')}`,
      ifsc: 'SBIN0003491',
      mobile: `98765${String(i).padStart(5, '0')}`,
      amountPaise: 100_000,
      status: 'Payment Initiated',
    })),
    ...overrides,
  };
}
