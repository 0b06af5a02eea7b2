// FD: failed credits of a completed PI. `benfDtls: []` means nothing failed (a good answer).
import { z } from 'zod';
import { id, optionalDate, optionalText, treasuryDate } from './common';

export interface FdParams {
  billno: string;
  billDate: string;
  adviceId: string;
  onlineBillRefNo: string;
  tokenNo: string;
  tokenDate: string;
}

export const failedBeneficiary = z.object({
  benfAcctNo: id,
  benfBankIfscCode: id,
  utrNo: id,
  utrDate: optionalDate,
  endToEndId: optionalText,
  orgBillRefNumber: id,
  challanNumber: optionalText,
  challanDate: optionalDate,
  failedReason: z.string().min(1),
  benfId: id,
});

export const fdFields = {
  billNumber: id,
  billDate: treasuryDate,
  voucherNo: optionalText,
  voucherDate: optionalDate,
  billRefNo: id,
  tokenNumber: id,
  tokenDate: treasuryDate,
  benfDtls: z.array(failedBeneficiary),
};

export const fdData = z.object(fdFields);
export type FdData = z.output<typeof fdData>;
