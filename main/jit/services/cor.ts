// COR: a revised PI for failed beneficiaries, tied to the original by its PAG bill ref.
import { z } from 'zod';
import { id, optionalText, treasuryDate, successCodeZero } from './common';

export interface CorBeneficiary {
  benefId: string;
  jitCurBillRefNo: string;
  orgAccountNo: string;
  orgIfsc: string;
  curAccountNo: string;
  curIfsc: string;
  correctedAccountNo: string;
  correctedIfsc: string;
}

export interface CorParams {
  jitCorBillNo: string;
  jitCorBillDate: string;
  jitCorBillDeptCode: 'MUKTA';
  jitOrgBillNo: string;
  jitOrgBillDate: string;
  /** The original PI's PAG onlineBillRefNo: a COR without it must not be sent. */
  jitOrgBillRefNo: string;
  beneficiaryDtls: CorBeneficiary[];
}

export const corData = z
  .object({
    jitCorBillNo: id,
    jitCorBillDate: treasuryDate,
    successCode: id,
    sucessDescrp: optionalText,
  })
  .superRefine(successCodeZero);
export type CorData = z.output<typeof corData>;
