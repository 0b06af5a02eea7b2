// Plain-text tables for a terminal; --json prints the same data for scripts.
import { formatInr } from '../../shared/money';

export function table(rows: Record<string, unknown>[], columns: string[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((r) => columns.map((c) => text(r[c], c)));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function text(value: unknown, column: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && /Paise$/.test(column)) return formatInr(value);
  if (typeof value === 'number' && /At$/.test(column)) return new Date(value).toISOString();
  return String(value);
}
