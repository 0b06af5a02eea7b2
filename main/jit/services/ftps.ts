// FTPS: PD for a revised PI; also carries the revised PI's own bill ref and token for FTFPS.
import { z } from 'zod';
import { id, treasuryDate } from './common';
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
  jitCorBillNo: id,
  jitCorBillDate: treasuryDate,
  jitOrgBillRefNo: id,
});
export type FtpsData = z.output<typeof ftpsData>;
