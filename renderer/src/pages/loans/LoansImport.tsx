// Import loans and charges from a CSV or JSON file: refused whole on any error, with lines.
import { useRef, useState } from 'react';
import type { LoanImportResult } from '../../../../shared/loans';
import { invoke, type ApiError } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ui';
import { toast } from '../../store/toasts';

export function LoansImport({ onImported }: { onImported(): Promise<void> }) {
  const fileRef = useRef<HTMLInputElement | null>(null);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<{ fileName: string; result: LoanImportResult } | null>(
    null,
  );
  const [error, setError] = useState<ApiError | null>(null);

  async function importFile(file: File) {
    setBusy(true);
    const res = await invoke('loans.import', { fileName: file.name, content: await file.text() });
    setBusy(false);
    if (fileRef.current) fileRef.current.value = '';
    if (!res.ok) return setError(res.error);
    if (!res.data.accepted) return setRefused({ fileName: file.name, result: res.data });
    toast(
      'ok',
      `Imported ${res.data.loans} loan${res.data.loans === 1 ? '' : 's'}`,
      `${res.data.chargesAdded} charges added, ${res.data.chargesKept} kept as the ledger has them`,
    );
    await onImported();
  }

  return (
    <>
      <input
        ref={fileRef}
        type="file"
        accept=".csv,.json,text/csv,application/json"
        className="visually-hidden"
        aria-label="Loans file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void importFile(f);
        }}
      />
      <button
        type="button"
        className="btn"
        disabled={busy}
        onClick={() => fileRef.current?.click()}
      >
        {busy ? 'Importing…' : 'Import loans…'}
      </button>
      {(refused || error) && (
        <Dialog
          title="Loans not imported"
          onClose={() => {
            setRefused(null);
            setError(null);
          }}
        >
          {error && <ErrorBanner error={error} title="The import failed" />}
          {refused && (
            <>
              <p>
                {refused.fileName} has {refused.result.errors.length} problem
                {refused.result.errors.length === 1 ? '' : 's'}. Nothing from it was saved; fix the
                file and import it again.
              </p>
              <ul className="import-errors" aria-label="Import errors">
                {refused.result.errors.map((e, i) => (
                  <li key={i}>
                    <span className="mono">Line {e.line}</span>
                    {e.field && <span className="mono muted"> · {e.field}</span>}: {e.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Dialog>
      )}
    </>
  );
}
