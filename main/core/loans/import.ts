// Loans and their charges from a file (docs/loans-import.md): CSV, one row per charge, or
// JSON, loans with their charges. A file with any error is refused whole, listing every
// error with its line. A loan already in the ledger takes the file's borrower and dates (the
// business date moves on); a charge already in the ledger keeps its own figures, since
// approvals have moved them since it was first imported.
import Papa from 'papaparse';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { AppContext } from '../context';
import type { LoanImportResult } from '../../../shared/loans';
import { toPaise } from '../../../shared/money';
import { JsonSyntaxError, parseJsonWithLines, type Located } from '../payments/json-lines';

type ImportError = LoanImportResult['errors'][number];

const cell = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
const id = cell
  .refine((v) => /^\d{1,15}$/.test(v) && Number(v) > 0, 'must be a whole number')
  .transform(Number);
const name = cell.refine((v) => v.length > 0 && v.length <= 200, 'is required');
const date = cell.refine(
  (v) => DateTime.fromFormat(v, 'yyyy-MM-dd').isValid,
  'must be a date as yyyy-MM-dd',
);
const amount = cell.transform((v, ctx) => {
  try {
    return toPaise(v);
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an amount in rupees with at most two decimals',
    });
    return z.NEVER;
  }
});

const rowShape = z.object({
  loan_id: id,
  borrower: name,
  disbursal_date: date,
  business_date: date,
  charge_id: id,
  charge_label: name,
  type: name,
  disbursal_schedule_id: id,
  original_amount: amount,
  outstanding_amount: amount,
});
const row = rowShape
  .refine((r) => r.outstanding_amount <= r.original_amount, {
    path: ['outstanding_amount'],
    message: 'cannot exceed original_amount',
  })
  .refine((r) => r.business_date >= r.disbursal_date, {
    path: ['business_date'],
    message: 'cannot be before disbursal_date',
  });
type Row = z.output<typeof row>;
const COLUMNS = Object.keys(rowShape.shape);

interface RawRow {
  line: number;
  lineOf: (field: string) => number;
  value: Record<string, unknown>;
}

export async function importLoans(
  ctx: AppContext,
  fileName: string,
  content: string,
): Promise<LoanImportResult> {
  const raw = readRows(fileName, content);
  const errors = raw.errors;
  const rows: Row[] = [];
  const loans = new Map<number, Row>();
  const charges = new Map<number, number>();
  for (const r of raw.rows) {
    const parsed = row.safeParse(r.value);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const field = i.path.length ? String(i.path[0]) : null;
        const missing = field !== null && (r.value[field] === undefined || r.value[field] === '');
        errors.push({
          line: field ? r.lineOf(field) : r.line,
          field,
          message: `${field ?? 'row'} ${missing ? 'is required' : i.message}`,
        });
      }
      continue;
    }
    const p = parsed.data;
    const loan = loans.get(p.loan_id);
    if (
      loan &&
      (loan.borrower !== p.borrower ||
        loan.disbursal_date !== p.disbursal_date ||
        loan.business_date !== p.business_date)
    )
      errors.push({
        line: r.line,
        field: 'loan_id',
        message: `loan ${p.loan_id} has other borrower or dates on an earlier line`,
      });
    if (charges.has(p.charge_id))
      errors.push({
        line: r.line,
        field: 'charge_id',
        message: `charge ${p.charge_id} is already on line ${charges.get(p.charge_id)}`,
      });
    loans.set(p.loan_id, loan ?? p);
    charges.set(p.charge_id, r.line);
    rows.push(p);
  }
  if (!errors.length && rows.length === 0)
    errors.push({ line: 1, field: null, message: 'the file has no loans' });
  if (errors.length) return { accepted: false, loans: 0, chargesAdded: 0, chargesKept: 0, errors };

  const now = ctx.now();
  const elsewhere = await ctx.ledger.read.all<{ charge_id: number; loan_id: number }>(
    `SELECT c.charge_id, c.loan_id FROM loan_charges c JOIN json_each(?) j
        ON c.charge_id = j.value ->> 0 AND c.loan_id <> j.value ->> 1`,
    [JSON.stringify(rows.map((r) => [r.charge_id, r.loan_id]))],
  );
  if (elsewhere.length) {
    return {
      accepted: false,
      loans: 0,
      chargesAdded: 0,
      chargesKept: 0,
      errors: elsewhere.map((e) => ({
        line: charges.get(e.charge_id)!,
        field: 'charge_id',
        message: `charge ${e.charge_id} already belongs to loan ${e.loan_id} in the ledger`,
      })),
    };
  }
  const json = JSON.stringify(rows);
  const added = await ctx.ledger.write(async (tx) => {
    await tx.run(
      `INSERT INTO loans (loan_id, borrower, disbursal_date, business_date, imported_at, updated_at)
       SELECT DISTINCT value ->> 'loan_id', value ->> 'borrower', value ->> 'disbursal_date',
              value ->> 'business_date', ?1, ?1 FROM json_each(?2) WHERE true
       ON CONFLICT (loan_id) DO UPDATE SET borrower = excluded.borrower,
          disbursal_date = excluded.disbursal_date, business_date = excluded.business_date,
          updated_at = excluded.updated_at`,
      [now, json],
    );
    const before = await tx.get<{ n: number }>('SELECT count(*) AS n FROM loan_charges');
    await tx.run(
      `INSERT OR IGNORE INTO loan_charges (charge_id, loan_id, disbursal_schedule_id, label, type,
          original_paise, outstanding_paise, paid_paise)
       SELECT value ->> 'charge_id', value ->> 'loan_id', value ->> 'disbursal_schedule_id',
              value ->> 'charge_label', value ->> 'type', value ->> 'original_amount',
              value ->> 'outstanding_amount',
              (value ->> 'original_amount') - (value ->> 'outstanding_amount')
         FROM json_each(?)`,
      [json],
    );
    const after = await tx.get<{ n: number }>('SELECT count(*) AS n FROM loan_charges');
    await tx.run(
      `INSERT INTO loan_audit (loan_id, event, detail, actor, at)
       SELECT value, 'loan imported', ?, 'import', ? FROM json_each(?)`,
      [`from ${fileName}`, now, JSON.stringify([...loans.keys()])],
    );
    return after!.n - before!.n;
  });
  return {
    accepted: true,
    loans: loans.size,
    chargesAdded: added,
    chargesKept: rows.length - added,
    errors: [],
  };
}

function readRows(fileName: string, content: string): { rows: RawRow[]; errors: ImportError[] } {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'csv') return readCsv(content);
  if (ext === 'json') return readJson(content);
  return {
    rows: [],
    errors: [{ line: 0, field: null, message: `${fileName} is not a .csv or .json file` }],
  };
}

function readCsv(content: string): { rows: RawRow[]; errors: ImportError[] } {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const result = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const errors: ImportError[] = result.errors.map((e) => ({
    line: (e.row ?? 0) + 2,
    field: null,
    message: `not valid CSV: ${e.message}`,
  }));
  const headers = result.meta.fields ?? [];
  const missing = COLUMNS.filter((c) => !headers.includes(c));
  if (missing.length)
    errors.push({
      line: 1,
      field: null,
      message: `missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`,
    });
  // A header line, then one record a line (no line breaks inside quoted fields in this format).
  const rows = result.data.map((value, i) => ({ line: i + 2, lineOf: () => i + 2, value }));
  return { rows: missing.length ? [] : rows, errors };
}

function readJson(content: string): { rows: RawRow[]; errors: ImportError[] } {
  let parsed: ReturnType<typeof parseJsonWithLines>;
  try {
    parsed = parseJsonWithLines(content);
  } catch (err) {
    if (err instanceof JsonSyntaxError)
      return { rows: [], errors: [{ line: err.line, field: null, message: err.message }] };
    throw err;
  }
  const { value, lines } = parsed;
  const at = (o: unknown): Located => lines.get(o as object) ?? { line: 1, keys: new Map() };
  const list = (value as { loans?: unknown } | null)?.loans;
  if (!Array.isArray(list))
    return {
      rows: [],
      errors: [{ line: 1, field: 'loans', message: 'expected {"loans": [...]}' }],
    };
  const rows: RawRow[] = [];
  const errors: ImportError[] = [];
  for (const loan of list) {
    const l = at(loan);
    const charges = (loan as { charges?: unknown } | null)?.charges;
    if (!loan || typeof loan !== 'object' || !Array.isArray(charges) || charges.length === 0) {
      errors.push({
        line: l.line,
        field: 'charges',
        message: 'a loan is an object with a non-empty list of charges',
      });
      continue;
    }
    const { charges: _, ...head } = loan as Record<string, unknown>;
    for (const charge of charges) {
      const c = at(charge);
      rows.push({
        line: c.line,
        lineOf: (f) => c.keys.get(f) ?? l.keys.get(f) ?? c.line,
        value: { ...head, ...(charge as Record<string, unknown>) },
      });
    }
  }
  return { rows, errors };
}
