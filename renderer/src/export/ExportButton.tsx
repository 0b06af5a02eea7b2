// "Export CSV" for a list: gathers every row under the filter in view (all pages), builds the
// CSV with the shared format and saves it; progress on the button, the outcome in a toast.
import { useState } from 'react';
import type { ApiError } from '../api';
import { formatCount } from '../format';
import { toast } from '../store/toasts';
import { saveCsv } from './save';

export interface ExportJob {
  /** The file name, with the filter in view (csvFileName). */
  fileName: string;
  /** Every row under the filter, as CSV; `progress` may be called as pages arrive. */
  build(
    progress: (done: number, total: number) => void,
  ): Promise<{ ok: true; csv: string; rows: number } | { ok: false; error: ApiError }>;
}

export function ExportButton({
  job,
  disabled,
  label = 'Export CSV',
}: {
  job: () => ExportJob;
  disabled?: boolean;
  label?: string;
}) {
  const [busy, setBusy] = useState<{ done: number; total: number } | null>(null);

  async function run() {
    const { fileName, build } = job();
    setBusy({ done: 0, total: 0 });
    const built = await build((done, total) => setBusy({ done, total }));
    if (!built.ok) {
      setBusy(null);
      toast('error', 'Export failed', built.error.message);
      return;
    }
    const saved = await saveCsv(fileName, built.csv);
    setBusy(null);
    if (saved.saved)
      toast(
        'ok',
        `Exported ${formatCount(built.rows)} ${built.rows === 1 ? 'row' : 'rows'}`,
        `Saved to ${saved.where}.`,
      );
    else if (saved.error) toast('error', 'Export not saved', saved.error.message);
  }

  return (
    <button
      type="button"
      className="btn"
      disabled={disabled || busy !== null}
      aria-busy={busy !== null}
      onClick={() => void run()}
      title="Save every row under the filter in view as a CSV file"
    >
      {busy
        ? busy.total
          ? `Exporting ${formatCount(busy.done)} of ${formatCount(busy.total)}…`
          : 'Exporting…'
        : label}
    </button>
  );
}
