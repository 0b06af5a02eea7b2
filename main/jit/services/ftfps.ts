// FTFPS: FD for a revised PI, keyed by jitCorBillNo. `benfDtls: []` means nothing failed.
import { z } from 'zod';
import { id, treasuryDate } from './common';
import { fdFields } from './fd';

export interface FtfpsParams {
  jitCorBillNo: string;
  jitCorBillDate: string;
  billRefNo: string;
  tokenNumber: string;
  tokenDate: string;
}

export const ftfpsData = z.object({
  ...fdFields,
  jitCorBillNo: id,
  jitCorBillDate: treasuryDate.nullish(),
});
export type FtfpsData = z.output<typeof ftfpsData>;
