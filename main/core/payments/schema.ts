// What one payment and one beneficiary line of an import file must look like.
import { z } from 'zod';
import { toPaise } from '../../../shared/money';
import { ACCOUNT_RE } from './rules';
import { importIfscProblem } from './ifsc';

const missingOr = (what: string) => ({
  error: (iss: { input?: unknown }) =>
    iss.input === undefined || iss.input === null ? 'is missing' : `must be ${what}`,
});

/** The largest amount one beneficiary line may carry: ₹10 crore. */
export const MAX_LINE_PAISE = 10_00_00_000_00;

// Control characters and bidi overrides make a name or number display as something other than
// what is stored (a reversed account number, a name that hides text): refused, never cleaned.
// Line breaks and tabs are allowed only where noted (an address). ZWJ/ZWNJ stay: Odia uses them.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_BREAKS = /[^\P{Cc}\t\n\r]/u;
const plain = (allowBreaks = false) => ({
  check: (v: string | null) =>
    v === null || !(BIDI.test(v) || (allowBreaks ? CONTROL_BUT_BREAKS : CONTROL).test(v)),
  message: 'has a control or text-direction character',
});

const text = (max: number) =>
  z
    .union([z.string(), z.number()], missingOr('text'))
    .transform((v) => String(v).trim())
    .pipe(z.string().min(1, 'is empty').max(max, `is longer than ${max} characters`))
    .refine(plain().check, plain().message);

const optionalText = (max: number, allowBreaks = false) =>
  z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) =>
      v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim(),
    )
    .pipe(z.string().max(max, `is longer than ${max} characters`).nullable())
    .refine(plain(allowBreaks).check, plain(allowBreaks).message);

// Identifiers must come as JSON strings: 12345678901234567 as a number is already
// 12345678901234568 when it is read, another account. (CSV fields are always text.)
const quoted = (what: string) =>
  z.string({
    error: (iss) =>
      iss.input === undefined || iss.input === null
        ? 'is missing'
        : typeof iss.input === 'number'
          ? `must be written as text in quotes ("..."), not as a number: ${what}`
          : 'must be text',
  });

const idText = (max: number, what: string) =>
  quoted(what)
    .trim()
    .min(1, 'is empty')
    .max(max, `is longer than ${max} characters`)
    .refine(plain().check, plain().message);

const amount = z.union([z.string(), z.number()], missingOr('an amount')).transform((v, ctx) => {
  try {
    const paise = toPaise(typeof v === 'string' ? v.trim() : v);
    if (paise <= 0) ctx.addIssue({ code: 'custom', message: 'must be more than 0' });
    else if (paise > MAX_LINE_PAISE)
      ctx.addIssue({ code: 'custom', message: 'must be at most ₹10,00,00,000.00 per line' });
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
  benefId: idText(64, 'a long number loses its last digits'),
  name: text(200),
  accountNo: quoted('a long account number loses its last digits')
    .trim()
    .regex(ACCOUNT_RE, 'must be 9 to 18 digits'),
  ifsc: z
    .string(missingOr('text'))
    .trim()
    .toUpperCase()
    // A real branch (or a known bank's branch newer than the list), not only the right shape.
    .superRefine((v, ctx) => {
      const problem = importIfscProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  mobile: quoted('a number loses leading zeros and digits')
    .nullish()
    .transform((v) => (v === null || v === undefined || v.trim() === '' ? null : v.trim()))
    .refine((v) => v === null || /^\d{10}$/.test(v), 'must be 10 digits'),
  email: optionalText(100),
  address: optionalText(500, true),
  amount,
  accountType: optionalText(30),
  beneficiaryType: optionalText(30),
});
export type BeneficiaryLine = z.output<typeof beneficiaryLine>;

export const paymentHead = z.object({
  paymentNumber: idText(64, 'a long number loses its last digits'),
  tenantId: text(64),
  hoa: text(64),
  purpose: optionalText(500).transform((v) => v ?? ''),
});
export type PaymentHead = z.output<typeof paymentHead>;
