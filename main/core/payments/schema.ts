// What one payment and one beneficiary line of an import file must look like.
import { z } from 'zod';
import { toPaise } from '../../../shared/money';
import { ACCOUNT_RE, IFSC_RE } from './rules';

const missingOr = (what: string) => ({
  error: (iss: { input?: unknown }) =>
    iss.input === undefined || iss.input === null ? 'is missing' : `must be ${what}`,
});

const text = (max: number) =>
  z
    .union([z.string(), z.number()], missingOr('text'))
    .transform((v) => String(v).trim())
    .pipe(z.string().min(1, 'is empty').max(max, `is longer than ${max} characters`));

const optionalText = (max: number) =>
  z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) =>
      v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim(),
    )
    .pipe(z.string().max(max, `is longer than ${max} characters`).nullable());

const amount = z.union([z.string(), z.number()], missingOr('an amount')).transform((v, ctx) => {
  try {
    const paise = toPaise(typeof v === 'string' ? v.trim() : v);
    if (paise <= 0) ctx.addIssue({ code: 'custom', message: 'must be more than 0' });
    return paise;
  } catch {
    const negative = /^\s*-/.test(String(v));
    ctx.addIssue({
      code: 'custom',
      message: negative
        ? 'must be more than 0'
        : `must be rupees with at most 2 decimals (got ${JSON.stringify(v)})`,
    });
    return z.NEVER;
  }
});

export const beneficiaryLine = z.object({
  benefId: text(64),
  name: text(200),
  accountNo: z
    .union([z.string(), z.number()], missingOr('digits'))
    .transform((v) => String(v).trim())
    .pipe(z.string().regex(ACCOUNT_RE, 'must be 9 to 18 digits')),
  ifsc: z
    .string(missingOr('text'))
    .trim()
    .toUpperCase()
    .pipe(
      z
        .string()
        .regex(IFSC_RE, 'must be 4 letters, 0, then 6 letters or digits (like SBIN0001234)'),
    ),
  mobile: optionalText(10).refine((v) => v === null || /^\d{10}$/.test(v), 'must be 10 digits'),
  email: optionalText(100),
  address: optionalText(500),
  amount,
  accountType: optionalText(30),
  beneficiaryType: optionalText(30),
});
export type BeneficiaryLine = z.output<typeof beneficiaryLine>;

export const paymentHead = z.object({
  paymentNumber: text(64),
  tenantId: text(64),
  hoa: text(64),
  purpose: optionalText(500).transform((v) => v ?? ''),
});
export type PaymentHead = z.output<typeof paymentHead>;
