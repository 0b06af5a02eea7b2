// Matching a treasury beneficiary list to a bill's rows: by benfId, else by account + IFSC
// within the bill (older FD answers), and never by guessing.
import { describe, expect, it } from 'vitest';
import { matchAll, type LedgerBeneficiary } from '../../main/core/reconcile/beneficiaries';
import { Mismatch } from '../../main/core/reconcile/poller';

const row = (id: number, benfId: string, accountNo: string, ifsc = 'ICIC0003892') =>
  [
    benfId,
    {
      id,
      benfId,
      amountPaise: 25_000,
      mobile: null,
      status: 'Payment Successful',
      utrNo: 'RBI505',
      accountNo,
      ifsc,
    } satisfies LedgerBeneficiary,
  ] as const;

const bill = new Map([row(1, 'BN-1', '389201502452'), row(2, 'BN-2', '389201502453')]);

describe('matchAll', () => {
  it('finds a beneficiary without benfId by account and IFSC (IFSC in any case, spaces trimmed)', () => {
    const [m] = matchAll(
      bill,
      [{ benfAcctNo: ' 389201502453', benfBankIfscCode: 'icic0003892 ' }],
      'B',
    );
    expect(m).toMatchObject({ benfId: 'BN-2', row: { id: 2 } });
  });

  it('matches by benfId when there is one, and flags an account or IFSC the bill does not pay it', () => {
    const [m] = matchAll(
      bill,
      [{ benfId: 'BN-1', benfAcctNo: '389201502452', benfBankIfscCode: 'icic0003892' }],
      'B',
    );
    expect(m!.row.id).toBe(1);
    expect(() =>
      matchAll(
        bill,
        [{ benfId: 'BN-1', benfAcctNo: '389201502453', benfBankIfscCode: 'ICIC0003892' }],
        'B',
      ),
    ).toThrow(
      new Mismatch(
        'Response gives beneficiary BN-1 account 389201502453; B pays account 389201502452',
      ),
    );
    expect(() =>
      matchAll(
        bill,
        [{ benfId: 'BN-1', benfAccountNo: '389201502452', benfBankIfscCode: 'SBIN0000001' }],
        'B',
      ),
    ).toThrow(
      new Mismatch('Response gives beneficiary BN-1 IFSC SBIN0000001; B pays IFSC ICIC0003892'),
    );
  });

  it('refuses an account + IFSC that fits several beneficiaries of the bill', () => {
    const twice = new Map([row(1, 'BN-1', '389201502452'), row(2, 'BN-2', '389201502452')]);
    expect(() =>
      matchAll(twice, [{ benfAcctNo: '389201502452', benfBankIfscCode: 'ICIC0003892' }], 'B'),
    ).toThrow(
      new Mismatch(
        'Response names no benfId and account 389201502452 / IFSC ICIC0003892, which fits 2 beneficiaries of B (BN-1, BN-2)',
      ),
    );
  });

  it('refuses an account the bill does not have, or the same IFSC with another account', () => {
    expect(() =>
      matchAll(bill, [{ benfAcctNo: '389201502452', benfBankIfscCode: 'SBIN0003892' }], 'B'),
    ).toThrow(Mismatch);
    expect(() =>
      matchAll(bill, [{ benfAcctNo: '1', benfBankIfscCode: 'ICIC0003892' }], 'B'),
    ).toThrow(/not on B/);
  });

  it('refuses one beneficiary reported twice, once by benfId and once by account', () => {
    expect(() =>
      matchAll(
        bill,
        [{ benfId: 'BN-1' }, { benfAcctNo: '389201502452', benfBankIfscCode: 'ICIC0003892' }],
        'B',
      ),
    ).toThrow(/twice/);
  });
});
