// FTPS: PD for a revised PI; also carries the revised PI's own bill ref and token for FTFPS.
// The real answer is keyed by jitCorBillNo and has no billNumber/billDate: never required.
import { z } from 'zod';
import { id, optionalDate, treasuryDate } from './common';
import { pdFields } from './pd';

export interface FtpsParams {
  jitCorBillNo: string;
  jitCorBillDate: string;
  jitCorBillDeptCode: 'MUKTA';
  jitOrgBillNo: string;
  jitOrgBillRefNo: string;
  jitOrgBillDate: string;
}

export const ftpsData = z.object({
  ...pdFields,
  billNumber: id.nullish(),
  billDate: optionalDate,
  jitCorBillNo: id,
  jitCorBillDate: treasuryDate,
  jitOrgBillRefNo: id,
});
export type FtpsData = z.output<typeof ftpsData>;
