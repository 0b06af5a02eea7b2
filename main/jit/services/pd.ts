// PD: payment details (UTRs) for a PI in process. Beneficiaries not yet paid are simply absent.
import { z } from 'zod';
import { id, optionalDate, optionalText, treasuryDate } from './common';

export interface PdParams {
  finYear: string;
  extAppName: 'MUKTA';
  billRefNo: string;
  tokenNumber: string;
  tokenDate: string;
}

export const paidBeneficiary = z.object({
  benfAcctNo: id,
  benfBankIfscCode: id,
  utrNo: id,
  utrDate: optionalDate,
  endToEndId: optionalText,
  benfId: id,
});

export const pdFields = {
  billNumber: id,
  billDate: treasuryDate,
  voucherNo: optionalText,
  voucherDate: optionalDate,
  billRefNo: id,
  paymentStatus: optionalText,
  tokenNumber: id,
  tokenDate: treasuryDate,
  benfDtls: z.array(paidBeneficiary).min(1),
};

export const pdData = z.object(pdFields);
export type PdData = z.output<typeof pdData>;
