import { describe, expect, it } from 'vitest';
import { classifyFailure } from '../../shared/failure';

describe('failure reasons into classes with their fix', () => {
  it.each([
    ['Account closed or transferred', 'account-closed'],
    ['A/C CLOSED', 'account-closed'],
    [' Account is Dormant', 'frozen-dormant'],
    ['Account Frozen', 'frozen-dormant'],
    ['Account inoperative', 'frozen-dormant'],
    ['Beneficiary name mismatch', 'name-mismatch'],
    ['Invalid IFSC', 'ifsc'],
    ['IFSC code not valid for the bank', 'ifsc'],
    ['Invalid account number', 'invalid-account'],
    ['No such account', 'invalid-account'],
    ['Account does not exist', 'invalid-account'],
    ['Credit limit exceeded for small account', 'limit'],
    ['Amount exceeds the account limit', 'limit'],
    ['Technical decline at beneficiary bank', 'technical'],
    ['CBS timeout', 'technical'],
    ['Beneficiary bank not available', 'technical'],
    ['Returned', 'other'],
    [null, 'other'],
  ])('%s → %s', (reason, kind) => {
    expect(classifyFailure(reason).kind).toBe(kind);
  });

  it('says what each class needs', () => {
    expect(classifyFailure('Account closed').needsNewAccount).toBe(true);
    expect(classifyFailure('Invalid IFSC')).toMatchObject({ label: 'IFSC', needsNewAccount: true });
    expect(classifyFailure('Technical decline').fix).toMatch(/same details/);
    expect(classifyFailure(' Account is Dormant').fix).toMatch(/reactivate/);
  });
});
