// Field types shared by the service schemas: amounts become integer paise, dates stay text
// but must be treasury dates, identifiers may come as numbers and are kept as text.
import { z } from 'zod';
import { toPaise } from '../../../shared/money';

/** "1000", "1000.50" or 1000.5 → integer paise; more than two decimals is an error. */
export const amount = z.union([z.string(), z.number()]).transform((value, ctx) => {
  try {
    return toPaise(value);
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: `is not an amount with at most two decimals (${JSON.stringify(value)})`,
    });
    return z.NEVER;
  }
});

/** `yyyy-MM-dd` or `yyyy-MM-dd HH:mm:ss`, India time; kept as the treasury wrote it. */
export const treasuryDate = z.string().refine(isTreasuryDate, {
  message: 'is not a treasury date (yyyy-MM-dd[ HH:mm:ss])',
});

export const optionalDate = treasuryDate.nullish();

/** A non-empty identifier; numbers are accepted and kept as text. */
export const id = z.union([z.string().trim().min(1), z.number()]).transform((v) => String(v));

/** Free text; the real treasury pads some (" Account does not exist"), so it is trimmed. */
export const optionalText = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .nullish();

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?: ([01]\d|2[0-3]):([0-5]\d):([0-5]\d))?$/;

// Same formats as shared/time's parseTreasuryDate, checked without luxon: this runs for every
// date of every answer, and the zone does not matter for "is this a real calendar date".
function isTreasuryDate(text: string): boolean {
  const m = DATE.exec(text.trim());
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
}

/** A wire amount in a request: rupees as text ("1000.50") or a number. */
export type WireAmount = string | number;

/** A push (PI or COR) is accepted only with successCode "0"; any other code is a refusal. */
export function successCodeZero(
  d: { successCode: string; sucessDescrp?: string | null },
  ctx: z.RefinementCtx,
): void {
  if (d.successCode !== '0') {
    ctx.addIssue({
      code: 'custom',
      path: ['successCode'],
      message: `is ${d.successCode}, not 0 (${d.sucessDescrp ?? 'no description'})`,
    });
  }
}
