// PAG: payment advice for an approved PI: advice, bill reference and token, per beneficiary amounts.
import { z } from 'zod';
import { amount, id, optionalText, treasuryDate } from './common';

export interface PagParams {
  pmtInstId: string;
  pmtInstDate: string;
  billNo: string;
  billDate: string;
  ssuIaId: string;
}

export const pagBeneficiary = z.object({
  benfName: optionalText,
  benfAccountNo: id,
  benfBankIfscCode: id,
  amount,
  benfId: id,
});

export const pagData = z.object({
  billNo: id,
  ssuIaId: id,
  finYear: id,
  adviceId: id,
  adviceDate: treasuryDate,
  onlineBillRefNo: id,
  tokenNumber: id,
  tokenDate: treasuryDate,
  benfList: z.array(pagBeneficiary).min(1),
});
export type PagData = z.output<typeof pagData>;
