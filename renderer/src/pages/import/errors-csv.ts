// Every import error as a CSV file the clerk can open beside the import file.
import Papa from 'papaparse';
import type { ImportError } from '../../../../shared/types';
import { KIND_LABELS } from './kinds';

// A spreadsheet runs a cell that starts with = + - @ as a formula: the bad value came from
// the import file, so it is shown as text, never run.
const safe = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

export function errorsCsv(errors: ImportError[]): string {
  return Papa.unparse({
    fields: ['line', 'column', 'kind', 'problem', 'value in the file', 'hint'],
    data: errors.map((e) =>
      [
        String(e.line),
        e.field ?? '',
        KIND_LABELS[e.kind],
        e.message,
        e.value ?? '',
        e.hint ?? '',
      ].map(safe),
    ),
  });
}

export function downloadCsv(fileName: string, text: string): void {
  // The BOM makes Excel read the ₹ sign and Odia names as UTF-8.
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
