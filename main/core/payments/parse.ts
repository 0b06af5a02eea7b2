// Reading an import file (JSON or CSV) into payments with the line of every field, before any
// rule about the ledger is checked. Every problem is collected; nothing stops at the first.
import Papa from 'papaparse';
import type { ImportError } from '../../../shared/types';
import { JsonSyntaxError, parseJsonWithLines, type Located } from './json-lines';
import { beneficiaryLine, paymentHead, type BeneficiaryLine, type PaymentHead } from './schema';
import type { z } from 'zod';
import { importFileProblem } from '../../../shared/import-file';
import { fieldError } from './import-errors';

export interface DraftBeneficiary extends BeneficiaryLine {
  line: number;
}

export interface DraftPayment extends PaymentHead {
  line: number;
  beneficiaries: DraftBeneficiary[];
}

export interface Parsed {
  payments: DraftPayment[];
  errors: ImportError[];
}

const CSV_COLUMNS: Record<string, keyof PaymentHead | keyof BeneficiaryLine> = {
  paymentnumber: 'paymentNumber',
  tenantid: 'tenantId',
  hoa: 'hoa',
  purpose: 'purpose',
  benefid: 'benefId',
  name: 'name',
  accountno: 'accountNo',
  ifsc: 'ifsc',
  mobile: 'mobile',
  email: 'email',
  address: 'address',
  amount: 'amount',
  accounttype: 'accountType',
  beneficiarytype: 'beneficiaryType',
};
const OPTIONAL_COLUMNS = new Set(['email']);
const CSV_NAMES: Record<string, string> = {
  paymentNumber: 'payment_number',
  tenantId: 'tenant_id',
  benefId: 'benef_id',
  accountNo: 'account_no',
  accountType: 'account_type',
  beneficiaryType: 'beneficiary_type',
};
const csvName = (field: string) => CSV_NAMES[field] ?? field;
const normalise = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

// Files people pick by mistake, known by their first bytes whatever their name says.
const NOT_TEXT: [(head: string) => boolean, string][] = [
  [(h) => h.startsWith('PK\u0003\u0004'), 'an Excel workbook (or another ZIP file)'],
  [(h) => h.startsWith('\uFFFD\uFFFD\u0011\uFFFD'), 'an old Excel (.xls) workbook'],
  [(h) => h.startsWith('%PDF-'), 'a PDF'],
  [(h) => h.includes('\u0000'), 'not a text file'],
];

const fileError = (message: string, line = 0): ImportError => ({
  line,
  field: null,
  message,
  kind: 'file',
});

export function parseImport(fileName: string, content: string): Parsed {
  const head = content.slice(0, 4096);
  const binary = NOT_TEXT.find(([is]) => is(head));
  if (binary) {
    const what = binary[1].startsWith('not') ? binary[1] : `${binary[1]}, not a JSON or CSV file`;
    return {
      payments: [],
      errors: [
        fileError(
          `${fileName} is ${what}: save it from the spreadsheet as CSV (File → Save As → CSV UTF-8) and import the .csv file.`,
        ),
      ],
    };
  }
  const problem = importFileProblem(fileName, Buffer.byteLength(content, 'utf8'));
  if (problem) return { payments: [], errors: [fileError(problem)] };
  const ext = fileName.toLowerCase().split('.').pop();
  return ext === 'json' ? parseJson(content) : parseCsv(content);
}

function issues(
  err: z.ZodError,
  input: Record<string, unknown>,
  lineOf: (field: string | null) => number,
  name: (f: string) => string = (f) => f,
): ImportError[] {
  return err.issues.map((i) => {
    const field = i.path.length ? String(i.path[0]) : null;
    return fieldError(
      lineOf(field),
      field,
      field && name(field),
      `${field ? `${name(field)} ` : ''}${i.message}`,
      field ? input[field] : undefined,
    );
  });
}

function parseJson(content: string): Parsed {
  let parsed: ReturnType<typeof parseJsonWithLines>;
  try {
    parsed = parseJsonWithLines(content);
  } catch (err) {
    if (err instanceof JsonSyntaxError)
      return { payments: [], errors: [fileError(err.message, err.line)] };
    throw err;
  }
  const { value, lines } = parsed;
  const root = Array.isArray(value) ? value : (value as { payments?: unknown } | null)?.payments;
  if (!Array.isArray(root)) {
    return {
      payments: [],
      errors: [
        {
          line: 1,
          field: 'payments',
          message: 'expected a list of payments, or {"payments": [...]}',
          kind: 'file',
        },
      ],
    };
  }
  const errors: ImportError[] = [];
  const payments: DraftPayment[] = [];
  const at = (obj: unknown): Located => lines.get(obj as object) ?? { line: 1, keys: new Map() };
  for (const item of root) {
    const loc = at(item);
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push(fileError('a payment must be an object', loc.line));
      continue;
    }
    const lineOf = (l: Located) => (field: string | null) => (field && l.keys.get(field)) || l.line;
    const head = paymentHead.safeParse(item);
    if (!head.success)
      errors.push(...issues(head.error, item as Record<string, unknown>, lineOf(loc)));
    const list = (item as { beneficiaries?: unknown }).beneficiaries;
    const beneficiaries: DraftBeneficiary[] = [];
    if (!Array.isArray(list) || list.length === 0) {
      errors.push({
        line: loc.keys.get('beneficiaries') ?? loc.line,
        field: 'beneficiaries',
        message: 'beneficiaries must be a non-empty list',
        kind: 'missing',
      });
    } else {
      for (const b of list) {
        const bl = at(b);
        const ben = beneficiaryLine.safeParse(b);
        if (ben.success) beneficiaries.push({ ...ben.data, line: bl.line });
        else errors.push(...issues(ben.error, (b ?? {}) as Record<string, unknown>, lineOf(bl)));
      }
    }
    if (head.success) payments.push({ ...head.data, line: loc.line, beneficiaries });
  }
  return { payments, errors };
}

function parseCsv(content: string): Parsed {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const result = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  const errors: ImportError[] = [];
  // Line of each record: one plus the line breaks inside the quoted fields before it.
  let nextLine = 1;
  const rows = result.data.map((fields) => {
    const line = nextLine;
    nextLine += 1 + fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    return { line, fields };
  });
  for (const e of result.errors) {
    if (e.type === 'Quotes')
      errors.push(fileError(`not valid CSV: ${e.message}`, rows[e.row ?? 0]?.line ?? 1));
  }
  const header = rows.shift();
  if (!header || header.fields.every((f) => f.trim() === '')) {
    return {
      payments: [],
      errors: [fileError('the file is empty: expected a header line', 1)],
    };
  }
  const columns = header.fields.map((h) => CSV_COLUMNS[normalise(h)] ?? null);
  header.fields.forEach((h, i) => {
    if (!columns[i])
      errors.push({ line: 1, field: h, message: `unknown column "${h}"`, kind: 'columns' });
  });
  const missing = Object.values(CSV_COLUMNS).filter(
    (c) => !columns.includes(c) && !OPTIONAL_COLUMNS.has(c),
  );
  for (const m of missing)
    errors.push({
      line: 1,
      field: csvName(m),
      message: `missing column "${csvName(m)}"`,
      kind: 'columns',
    });
  if (missing.length) return { payments: [], errors };

  const byNumber = new Map<string, DraftPayment>();
  const payments: DraftPayment[] = [];
  for (const { line, fields } of rows) {
    if (fields.every((f) => f.trim() === '')) continue;
    if (fields.length !== header.fields.length) {
      errors.push({
        line,
        field: null,
        message: `has ${fields.length} fields; the header has ${header.fields.length}`,
        kind: 'columns',
      });
      continue;
    }
    const record: Record<string, string> = {};
    columns.forEach((c, i) => {
      if (c) record[c] = fields[i]!;
    });
    const lineOf = () => line;
    const head = paymentHead.safeParse(record);
    const ben = beneficiaryLine.safeParse(record);
    if (!head.success) errors.push(...issues(head.error, record, lineOf, csvName));
    if (!ben.success) errors.push(...issues(ben.error, record, lineOf, csvName));
    // A line with a bad beneficiary still names its payment, so the ledger checks (head of
    // account, payment number) run on it too: the user sees every error at once.
    if (!head.success) continue;
    let payment = byNumber.get(head.data.paymentNumber);
    if (!payment) {
      payment = { ...head.data, line, beneficiaries: [] };
      byNumber.set(head.data.paymentNumber, payment);
      payments.push(payment);
    } else {
      // Payment columns repeat on every line of a payment: they must say the same thing.
      for (const f of ['tenantId', 'hoa', 'purpose'] as const) {
        if (payment[f] !== head.data[f]) {
          errors.push({
            line,
            field: csvName(f),
            message: `${csvName(f)} "${head.data[f]}" differs from "${payment[f]}" on line ${payment.line} for payment ${payment.paymentNumber}`,
            kind: 'duplicate',
            value: head.data[f],
          });
        }
      }
    }
    if (ben.success) payment.beneficiaries.push({ ...ben.data, line });
  }
  return { payments, errors };
}
