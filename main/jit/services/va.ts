// VA: virtual allotments (funds received) for a head of account since `fromDate`.
import { z } from 'zod';
import { amount, id, optionalText, treasuryDate } from './common';

export interface VaParams {
  hoa: string;
  ddoCode: string;
  granteCode: string;
  /** yyyy-MM-dd HH:mm:ss, the last successful VA run for this key. */
  fromDate: string;
}

export const vaItem = z.object({
  ddoCode: id,
  schemeCode: id,
  schemeName: optionalText,
  granteeAgCode: id,
  granteeName: optionalText,
  ssuId: id,
  ssuOffice: optionalText,
  allotmentDate: treasuryDate,
  allotmentTxnSlNo: id,
  allotmentAmount: amount,
  availableBalance: amount,
  allotmentTxnType: z.string().min(1),
  mstAllotmentDistId: id,
  ssuAllotmentId: id,
});
export type VaItem = z.output<typeof vaItem>;

/** VA is the one service whose whole `data` list is the answer. */
export const vaData = z.array(vaItem).min(1);
export type VaData = z.output<typeof vaData>;
