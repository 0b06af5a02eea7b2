// CSV exports of the console's lists: one format for every list. Text cells that a
// spreadsheet would run as a formula are made inert, money is written twice (rupees with two
// decimals for reading, integer paise for exact sums), times are India time.
import Papa from 'papaparse';
import { rupees } from './money';
import { treasuryDateTime } from './time';

export type CsvValue = string | number | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value(row: T): CsvValue;
  /** Numbers we wrote ourselves (amounts, counts): never escaped, so "-1500.00" stays a number. */
  numeric?: boolean;
}

// A cell starting with = + - @ (or a tab or carriage return, which some spreadsheets skip
// before looking) is taken as a formula: a beneficiary name or a treasury message can carry
// one. A leading apostrophe makes the spreadsheet show it as text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const data = rows.map((row) =>
    columns.map((c) => {
      const v = c.value(row);
      if (v === null || v === undefined) return '';
      if (c.numeric) return String(v);
      return safeCell(String(v));
    }),
  );
  return Papa.unparse(
    { fields: columns.map((c) => safeCell(c.header)), data },
    { newline: '\r\n', quotes: false },
  );
}

/** An amount as two columns: rupees with two decimals ("12500.50") and exact paise (1250050). */
export function amountColumns<T>(header: string, paise: (row: T) => number | null | undefined) {
  return [
    {
      header: `${header} (Rs)`,
      numeric: true,
      value: (r: T) => {
        const p = paise(r);
        return p === null || p === undefined ? null : rupees(p);
      },
    },
    { header: `${header} (paise)`, numeric: true, value: (r: T) => paise(r) },
  ] satisfies CsvColumn<T>[];
}

/** Epoch ms as India time, "2023-10-21 21:30:00" (what the treasury writes). */
export function csvDateTime(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : treasuryDateTime(ms);
}

/** A file name for an export: the list, the filter in view, and the date (India time). */
export function csvFileName(list: string, filter: readonly (string | undefined)[], now: number) {
  const parts = [list, ...filter.filter((f): f is string => !!f && f.trim() !== '')]
    .map((p) =>
      p
        .trim()
        .replace(/[^\w-]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean);
  return `${parts.join('_').slice(0, 100)}_${treasuryDateTime(now).slice(0, 10)}.csv`;
}
