// Treasury time is India time whatever the machine's zone: every date crosses this module.
import { DateTime } from 'luxon';

export const TREASURY_ZONE = 'Asia/Kolkata';

const FORMATS = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd'];

/** Parse a treasury date (`yyyy-MM-dd` or `yyyy-MM-dd HH:mm:ss`, India time) to epoch ms. */
export function parseTreasuryDate(text: unknown): number {
  if (typeof text !== 'string') throw new RangeError(`not a date: ${JSON.stringify(text)}`);
  for (const f of FORMATS) {
    const dt = DateTime.fromFormat(text.trim(), f, { zone: TREASURY_ZONE });
    if (dt.isValid) return dt.toMillis();
  }
  throw new RangeError(`not a treasury date (yyyy-MM-dd[ HH:mm:ss]): ${JSON.stringify(text)}`);
}

export function treasuryDate(ms: number): string {
  return DateTime.fromMillis(ms, { zone: TREASURY_ZONE }).toFormat('yyyy-MM-dd');
}

export function treasuryDateTime(ms: number): string {
  return DateTime.fromMillis(ms, { zone: TREASURY_ZONE }).toFormat('yyyy-MM-dd HH:mm:ss');
}

/** Indian financial year (April–March) of an instant, as the treasury writes it: "2023-24". */
export function financialYear(ms: number): string {
  const dt = DateTime.fromMillis(ms, { zone: TREASURY_ZONE });
  const start = dt.month >= 4 ? dt.year : dt.year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}
