// The page's request body, read field by field into exact values (paise, yyyy-MM-dd, digits)
// before any rule about the ledger is checked. The page's JSON sends numbers as strings
// ("loan_id": "5047876") and amounts as doubles or numeric strings: both are accepted,
// parsed exactly (no float arithmetic), and more than two decimals is refused.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { toPaise } from '../../../shared/money';
import { LOAN_MESSAGES } from '../../../shared/loans';
import { importIfscProblem } from '../payments/ifsc';

export interface RequestDraft {
  serviceRequestType: 'payment';
  serviceRequestSubtype: string;
  loanId: number;
  paidTo: string;
  paymentMode: string;
  paymentAccount: string;
  paymentDate: string;
  paymentAmountPaise: number;
  inFavourOf: string | null;
  transactionDate: string | null;
  paymentBank: string;
  fundTransferNumber: string | null;
  bankReconRefIdentifier: string | null;
  instrumentDate: string | null;
  instrumentNumber: string | null;
  beneficiaryAccountType: string;
  beneficiaryAccountNumber: string;
  ifsc: string;
  remarks: string | null;
  payables: {
    chargeId: number;
    disbursalScheduleId: number | null;
    allocatedPaise: number;
    statedOutstandingPaise: number | null;
  }[];
}

export type Parsed = { ok: true; draft: RequestDraft } | { ok: false; text: string };

const MANDATORY = 'is mandatory';
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && !v.trim());
const scalar = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

const text = scalar.refine((v) => v !== '', MANDATORY);
/** Mandatory by the page's table, yet empty in its own example: the key must be there. */
const presentText = scalar;
const optionalText = scalar
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));
const id = scalar.refine((v) => /^\d{1,15}$/.test(v) && Number(v) > 0, 'must be a whole number');
const optionalDigits = optionalText.refine((v) => v === null || /^\d{1,18}$/.test(v), {
  message: 'must be a whole number',
});
const amount = (optional: boolean) =>
  z.unknown().transform((v, ctx) => {
    if (blank(v)) {
      if (optional) return null;
      ctx.addIssue({ code: 'custom', message: MANDATORY });
      return z.NEVER;
    }
    try {
      return toPaise(v);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `must be an amount in rupees with at most two decimals, not ${JSON.stringify(v)}`,
      });
      return z.NEVER;
    }
  });
const isDate = (v: string) => DateTime.fromFormat(v, 'yyyy-MM-dd').isValid;
const date = text.refine(isDate, 'must be a date as yyyy-MM-dd');
const optionalDate = optionalText.refine((v) => v === null || isDate(v), {
  message: 'must be a date as yyyy-MM-dd',
});
// Checked against the shipped branch list as an import is: a made-up or misread branch is
// refused before the loan is paid into nowhere; a known bank's newer branch is taken.
const ifsc = text
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const problem = importIfscProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const payable = z.object({
  charge_id: id,
  disbursal_schedule_id: optionalDigits,
  outstanding_amount: amount(true).optional(),
  allocated_amount: amount(false),
});

const requestData = z.object({
  paid_to: text,
  payment_mode: text,
  payment_account: presentText,
  payment_date: date,
  payment_amount: amount(false),
  inFavourOf: optionalText,
  transaction_date: optionalDate,
  payment_bank: text,
  fund_transfer_number: optionalText,
  bank_recon_ref_identifier: optionalText,
  instrument_date: optionalDate,
  instrument_number: optionalDigits,
  beneficiary_account_type: presentText,
  beneficiary_account_number: text.refine(
    (v) => /^[0-9A-Za-z]{6,34}$/.test(v),
    'must be 6 to 34 letters or digits',
  ),
  ifsc,
  uploadFile: z.unknown().refine((v) => v !== undefined, MANDATORY),
  payables: z.array(payable).min(1, 'must list at least one charge'),
  remarks: optionalText,
});

const body = z.object({
  service_request_type: z.literal('payment', 'must be "payment"'),
  service_request_subtype: text,
  loan_id: id,
  request_data: z.record(z.string(), z.unknown(), 'must be an object'),
});

export function parseRequest(input: unknown): Parsed {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    return fail('Invalid Request: the body must be a JSON object.');
  const head = body.safeParse(input);
  if (!head.success) return fail(first(head.error, input));
  const data = head.data.request_data;
  // The page's own messages for these two, whatever else is wrong.
  if (blank(data.payment_amount)) return fail(LOAN_MESSAGES.noPaymentAmount);
  if (blank(data.payment_mode) || blank(data.payment_bank))
    return fail(LOAN_MESSAGES.noPaymentMode);
  const rd = requestData.safeParse(data);
  if (!rd.success) return fail(first(rd.error, input, ['request_data']));
  const r = rd.data;
  return {
    ok: true,
    draft: {
      serviceRequestType: 'payment',
      serviceRequestSubtype: head.data.service_request_subtype,
      loanId: Number(head.data.loan_id),
      paidTo: r.paid_to,
      paymentMode: r.payment_mode,
      paymentAccount: r.payment_account,
      paymentDate: r.payment_date,
      paymentAmountPaise: r.payment_amount!,
      inFavourOf: r.inFavourOf,
      transactionDate: r.transaction_date,
      paymentBank: r.payment_bank,
      fundTransferNumber: r.fund_transfer_number,
      bankReconRefIdentifier: r.bank_recon_ref_identifier,
      instrumentDate: r.instrument_date,
      instrumentNumber: r.instrument_number,
      beneficiaryAccountType: r.beneficiary_account_type,
      beneficiaryAccountNumber: r.beneficiary_account_number,
      ifsc: r.ifsc,
      remarks: r.remarks,
      payables: r.payables.map((p) => ({
        chargeId: Number(p.charge_id),
        disbursalScheduleId:
          p.disbursal_schedule_id === null ? null : Number(p.disbursal_schedule_id),
        allocatedPaise: p.allocated_amount!,
        statedOutstandingPaise: p.outstanding_amount ?? null,
      })),
    },
  };
}

function fail(text: string): Parsed {
  return { ok: false, text };
}

/** One sentence naming the field: "request_data.payables[0].charge_id must be a whole number". */
function first(err: z.ZodError, root: unknown, prefix: PropertyKey[] = []): string {
  const issue = err.issues[0]!;
  const parts = [...prefix, ...issue.path];
  const value = parts.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    root,
  );
  const where = parts.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    '',
  );
  return `${where} ${value === undefined || value === null ? MANDATORY : issue.message}`.trim();
}
