// FD: failed credits of completed PIs. The real answer holds one item per bill in `data[]`
// (several bills at once); `benfDtls: []`, or `data: []` with no error, means nothing failed.
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
  // Trimmed: shown and sent by SMS as the bank's words, without the treasury's padding.
  failedReason: z.string().trim().min(1),
  // Older real answers name the beneficiary only by account and IFSC (matched within the bill).
  benfId: id.nullish(),
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

export const fdItem = z.object(fdFields);
export type FdItem = z.output<typeof fdItem>;

/** The whole `data` list: one item per bill. */
export const fdData = z.array(fdItem);
export type FdData = z.output<typeof fdData>;
