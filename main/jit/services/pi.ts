// PI: push a payment instruction. The treasury accepts it with successCode "0".
import { z } from 'zod';
import { id, optionalText, treasuryDate, type WireAmount, successCodeZero } from './common';

export interface PiBeneficiary {
  benefId: string;
  benefName: string;
  benfAcctNo: string;
  benfBankIfscCode: string;
  benfMobileNo?: string;
  benfEmailId?: string;
  benfAddress?: string;
  benfAccountType?: string;
  benfAmount: WireAmount;
  purpose?: string;
}

export interface PiParams {
  jitBillNo: string;
  jitBillDate: string;
  jitBillDdoCode: string;
  granteeAgCode: string;
  schemeCode: string;
  hoa: string;
  ssuIaId: string;
  mstAllotmentDistId: string;
  ssuAllotmentId: string;
  allotmentTxnSlNo: string;
  billGrossAmount: WireAmount;
  billNetAmount: WireAmount;
  billNumberOfBenf: number;
  purpose: string;
  beneficiaryDetails: PiBeneficiary[];
}

export const piData = z
  .object({
    jitBillNo: id,
    jitBillDate: treasuryDate,
    ssuIaId: id,
    successCode: id,
    sucessDescrp: optionalText,
  })
  .superRefine(successCodeZero);
export type PiData = z.output<typeof piData>;
