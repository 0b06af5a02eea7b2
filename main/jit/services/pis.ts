// PIS: has the SSU approved the PI? A decline arrives as an error, not as data.
import { z } from 'zod';
import type { CallResult } from '../types';
import { amount, id, treasuryDate } from './common';

export interface PisParams {
  jitBillNo: string;
  /** yyyy-MM-dd */
  jitBillDate: string;
  ssuIaId: string;
}

export const pisData = z.object({
  pmtInstId: id,
  payInstDate: treasuryDate,
  jitBillNumber: id,
  jitBillDate: treasuryDate,
  billNetAmount: amount,
  billGrossAmount: amount,
  totalNumberOfBeneficiary: z
    .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)])
    .transform(Number),
  schemeCode: id,
  ssuIaId: id,
});
export type PisData = z.output<typeof pisData>;

/**
 * Per §3 the SSU's decline is an errorMsg naming the bill and saying "rejected"; to the
 * transport it is just an ERROR, so callers ask this helper whether it is a decline.
 */
export function isPisDecline(
  result: Pick<CallResult, 'service' | 'outcome' | 'jitError'>,
  billNo: string,
): boolean {
  const text = result.jitError ?? '';
  return (
    result.service === 'PIS' &&
    result.outcome === 'ERROR' &&
    text.includes(billNo) &&
    /\brejected\b/i.test(text)
  );
}
