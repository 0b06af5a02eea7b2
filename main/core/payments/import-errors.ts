// Import errors people can act on: each has a kind (to group a long list), the value as it
// was in the file, and a hint when the value looks like a spreadsheet's damage. Excel shows a
// long account number as 1.23457E+11 and saves it that way, and its currency and number
// formats add ₹ and thousands commas: the clerk needs to know that, not just "invalid".
import type { ImportError, ImportErrorKind } from '../../../shared/types';

const FIELD_KINDS: Record<string, ImportErrorKind> = {
  amount: 'amount',
  accountNo: 'account',
  ifsc: 'ifsc',
  mobile: 'mobile',
};

const SCIENTIFIC = /^-?\d+(\.\d+)?e[+-]?\d+$/i;
const CURRENCY = /₹|\brs\.?|\binr\b/gi;
const RUPEES = /^\d+(\.\d{1,2})?$/;

/** What probably happened to a value, and what to do, for the fields spreadsheets damage. */
export function hintFor(field: string, raw: string): string | null {
  const v = raw.trim();
  if (field === 'amount') {
    const plain = v.replace(CURRENCY, '').replace(/,/g, '').trim();
    if (plain !== v && RUPEES.test(plain)) {
      return `Write the amount as plain rupees: ${plain}, not ${v}. A spreadsheet's currency or number format adds the ₹ sign and thousands commas: set the column to General (or Number without the 1000 separator) before saving as CSV.`;
    }
    if (SCIENTIFIC.test(v)) {
      return 'A spreadsheet wrote this amount in scientific notation: set the column to Number with 2 decimals and save as CSV again.';
    }
    return null;
  }
  if (field === 'accountNo' || field === 'mobile' || field === 'benefId') {
    if (SCIENTIFIC.test(v)) {
      return `A spreadsheet showed this long number in scientific notation (${v}) and saved it that way: its last digits are lost and cannot be worked out from it. Set the column to Text, type or paste the numbers again from the source, and save as CSV.`;
    }
    if (/^\d+\.0+$/.test(v)) {
      return `A spreadsheet added "${v.slice(v.indexOf('.'))}" to this number: write ${v.slice(0, v.indexOf('.'))}. Set the column to Text before saving as CSV.`;
    }
    if (field === 'mobile' && /^(\+?91|0)[\s-]?\d{5}[\s-]?\d{5}$/.test(v)) {
      return `Write the 10 digits only, without +91 or a leading 0: ${v.replace(/\D/g, '').slice(-10)}.`;
    }
    if (/^[\d\s-]+$/.test(v) && /[\s-]/.test(v)) {
      return `Write digits only, without spaces or dashes: ${v.replace(/\D/g, '')}.`;
    }
    return null;
  }
  if (field === 'ifsc' && /\s/.test(v))
    return `Write the IFSC without spaces: ${v.replace(/\s/g, '')}.`;
  return null;
}

const shown = (raw: unknown): string | null =>
  raw === undefined || raw === null ? null : String(raw).slice(0, 100);

/** An error about one field of a line, with its kind, the value in the file and any hint. */
export function fieldError(
  line: number,
  field: string | null,
  displayName: string | null,
  message: string,
  raw: unknown,
): ImportError {
  const value = shown(raw);
  const missing = value === null || value.trim() === '';
  return {
    line,
    field: displayName,
    message,
    kind: !field ? 'text' : missing ? 'missing' : (FIELD_KINDS[field] ?? 'text'),
    value,
    hint: field && value ? hintFor(field, value) : null,
  };
}
