// Saving an export: in the window through the host's save dialog (export.save), in the
// browser host as a download. Both get the same bytes, with a byte-order mark so spreadsheets
// read ₹ and Odia names as UTF-8.
import type { Page } from '../../../shared/types';
import { invoke, type ApiError } from '../api';

const BOM = '\uFEFF';

export type SaveOutcome = { saved: true; where: string } | { saved: false; error: ApiError | null };

export async function saveCsv(fileName: string, csv: string): Promise<SaveOutcome> {
  const content = `${BOM}${csv}`;
  if (window.jitConsole) {
    const res = await invoke('export.save', { fileName, content });
    if (!res.ok) return { saved: false, error: res.error };
    return res.data.saved
      ? { saved: true, where: res.data.path ?? fileName }
      : { saved: false, error: null };
  }
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // The download has its own copy once click() returns; jsdom and old engines need a tick.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  return { saved: true, where: `your downloads as ${fileName}` };
}

export const EXPORT_PAGE = 1000;

/**
 * Every row of a paged list under its current filter, a page at a time (the contract's
 * largest), reporting progress. Stops at the first refused page.
 */
export async function fetchAll<T>(
  page: (
    offset: number,
    limit: number,
  ) => Promise<{ ok: true; data: Page<T> } | { ok: false; error: ApiError }>,
  progress?: (done: number, total: number) => void,
): Promise<{ ok: true; rows: T[] } | { ok: false; error: ApiError }> {
  const rows: T[] = [];
  for (;;) {
    const res = await page(rows.length, EXPORT_PAGE);
    if (!res.ok) return res;
    rows.push(...res.data.rows);
    progress?.(rows.length, res.data.total);
    // A capped total ("10,000+") is a floor: only a short page says the list has ended.
    const ended =
      res.data.rows.length < EXPORT_PAGE || (!res.data.capped && rows.length >= res.data.total);
    if (ended) return { ok: true, rows };
  }
}
