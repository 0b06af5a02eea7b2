// Payments → Import bills: the file is checked by name and size before it is read (a huge
// file would freeze the page), sent to main, and a refusal explained with ImportErrors.
import { useRef, useState } from 'react';
import type { ImportResult } from '../../../../shared/types';
import { importFileProblem } from '../../../../shared/import-file';
import { invoke, type ApiError } from '../../api';
import { Banner, ErrorBanner } from '../../components/ui';
import { toast } from '../../store/toasts';
import { ImportErrors } from './ImportErrors';

export function useImportBills(onImported: () => Promise<void> | void) {
  const [importing, setImporting] = useState(false);
  const [result, setResult] = useState<{ fileName: string; result: ImportResult } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const fileRef = useRef<HTMLInputElement | null>(null);

  async function importFile(file: File) {
    setResult(null);
    setError(null);
    if (fileRef.current) fileRef.current.value = '';
    const problem = importFileProblem(file.name, file.size);
    if (problem) {
      const errors = [{ line: 0, field: null, message: problem, kind: 'file' as const }];
      return setResult({ fileName: file.name, result: { accepted: false, imported: [], errors } });
    }
    setImporting(true);
    const content = await file.text();
    const res = await invoke('payments.import', { fileName: file.name, content });
    setImporting(false);
    if (!res.ok) return setError(res.error);
    setResult({ fileName: file.name, result: res.data });
    if (res.data.accepted) {
      const n = res.data.imported.length;
      toast('ok', `Imported ${n} payment${n === 1 ? '' : 's'}`, file.name);
      await onImported();
    }
  }

  const control = (
    <>
      <input
        ref={fileRef}
        type="file"
        accept=".csv,.json,text/csv,application/json"
        className="visually-hidden"
        id="import-file"
        aria-label="Import file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void importFile(f);
        }}
      />
      <button
        type="button"
        className="btn btn-primary"
        disabled={importing}
        onClick={() => fileRef.current?.click()}
      >
        {importing ? 'Importing…' : 'Import bills…'}
      </button>
    </>
  );

  const report = (
    <>
      {error && <ErrorBanner error={error} title="The import failed" />}
      {result && !result.result.accepted && (
        <ImportErrors
          fileName={result.fileName}
          errors={result.result.errors}
          onDismiss={() => setResult(null)}
        />
      )}
      {result?.result.accepted && (
        <Banner tone="ok">
          Imported {result.result.imported.length} from {result.fileName}:{' '}
          <span className="mono">{result.result.imported.join(', ')}</span>
        </Banner>
      )}
    </>
  );

  return { control, report };
}
