// FTFPS: FD for revised PIs, keyed by jitCorBillNo. The real answer has no billNumber/billDate
// (and its serviceId comes as " FTFPS"); `benfDtls: []` or `data: []` means nothing failed.
import { z } from 'zod';
import { id, optionalDate, treasuryDate } from './common';
import { fdFields } from './fd';

export interface FtfpsParams {
  jitCorBillNo: string;
  jitCorBillDate: string;
  billRefNo: string;
  tokenNumber: string;
  tokenDate: string;
}

export const ftfpsItem = z.object({
  ...fdFields,
  billNumber: id.nullish(),
  billDate: optionalDate,
  jitCorBillNo: id,
  jitCorBillDate: treasuryDate.nullish(),
});
export type FtfpsItem = z.output<typeof ftfpsItem>;

/** The whole `data` list: one item per revised PI. */
export const ftfpsData = z.array(ftfpsItem);
export type FtfpsData = z.output<typeof ftfpsData>;
