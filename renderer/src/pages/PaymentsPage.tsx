// Payments to pay: import approved bills, push each to the treasury as a PI.
import { useRef, useState } from 'react';
import type { ImportResult, PaymentRow } from '../../../shared/types';
import { invoke, type ApiError } from '../api';
import { SearchBox } from '../components/SearchBox';
import { Banner, EmptyState, ErrorBanner, Loading, PageHeader } from '../components/ui';
import { formatCount } from '../format';
import { toast } from '../store/toasts';
import { useChannel } from '../useChannel';
import { PaymentsTable } from './payments/PaymentsTable';
import { PushDialog } from './payments/PushDialog';

export function PaymentsPage() {
  const [search, setSearch] = useState('');
  const { data, error, loading, reload } = useChannel('payments.list', {
    ...(search.trim() ? { search: search.trim() } : {}),
    limit: 1000,
  });
  const [pushing, setPushing] = useState<number | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [previewing, setPreviewing] = useState<number[] | null>(null);
  const [importing, setImporting] = useState(false);
  const [result, setResult] = useState<{ fileName: string; result: ImportResult } | null>(null);
  const [importError, setImportError] = useState<ApiError | null>(null);
  const fileRef = useRef<HTMLInputElement | null>(null);

  // Only what is on screen and may still be pushed: a search or a reload can change both.
  const picked = (data?.rows ?? []).filter((r) => r.canPush && selected.has(r.id)).map((r) => r.id);

  async function push(p: PaymentRow) {
    setPushing(p.id);
    const res = await invoke('pi.push', { paymentId: p.id });
    setPushing(null);
    if (!res.ok) toast('error', `Push of ${p.paymentNumber} was refused`, res.error.message);
    else {
      const tone =
        res.data.outcome === 'OK' ? 'ok' : res.data.outcome === 'ERROR' ? 'error' : 'warn';
      toast(tone, `${res.data.billNo}: ${res.data.status}`, res.data.message);
    }
    await reload();
  }

  async function importFile(file: File) {
    setImporting(true);
    setResult(null);
    setImportError(null);
    const content = await file.text();
    const res = await invoke('payments.import', { fileName: file.name, content });
    setImporting(false);
    if (fileRef.current) fileRef.current.value = '';
    if (!res.ok) return setImportError(res.error);
    setResult({ fileName: file.name, result: res.data });
    if (res.data.accepted) {
      toast(
        'ok',
        `Imported ${res.data.imported.length} payment${res.data.imported.length === 1 ? '' : 's'}`,
        file.name,
      );
      await reload();
    }
  }

  return (
    <div className="page">
      <PageHeader
        title="Payments"
        subtitle="Approved bills waiting to be paid through the treasury"
      >
        <SearchBox
          value={search}
          onSearch={setSearch}
          label="Search payments"
          placeholder="Payment, bill, name, account, UTR"
        />
        <input
          ref={fileRef}
          type="file"
          accept=".csv,.json,.txt,text/csv,application/json"
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
      </PageHeader>

      {importError && <ErrorBanner error={importError} title="The import failed" />}
      {result && !result.result.accepted && (
        <div className="banner banner-error" role="alert">
          <div className="banner-body column">
            <strong>
              {result.fileName} was not imported: {result.result.errors.length}{' '}
              {result.result.errors.length === 1 ? 'problem' : 'problems'}. Nothing from this file
              was saved; fix the file and import it again.
            </strong>
            <ul className="import-errors" aria-label="Import errors">
              {result.result.errors.map((e, i) => (
                <li key={i}>
                  <span className="mono">Line {e.line}</span>
                  {e.field && <span className="mono muted"> · {e.field}</span>}: {e.message}
                </li>
              ))}
            </ul>
          </div>
          <button type="button" className="btn btn-small" onClick={() => setResult(null)}>
            Dismiss
          </button>
        </div>
      )}
      {result?.result.accepted && (
        <Banner tone="ok">
          Imported {result.result.imported.length} from {result.fileName}:{' '}
          <span className="mono">{result.result.imported.join(', ')}</span>
        </Banner>
      )}

      {error && (
        <ErrorBanner error={error} onRetry={() => void reload()} title="Could not load payments" />
      )}
      {loading && !data ? (
        <Loading />
      ) : data && data.rows.length === 0 ? (
        <EmptyState title={search ? 'No payments match.' : 'No payments to pay yet.'}>
          Import the approved bills file (CSV) with <b>Import bills…</b>. Each payment can then be
          pushed to the treasury as a payment instruction; funds are held when it is pushed.
        </EmptyState>
      ) : data ? (
        <>
          <div className="pay-toolbar">
            <span className="muted small">
              {formatCount(data.total)} payments
              {picked.length > 0 && ` · ${formatCount(picked.length)} selected`}
            </span>
            <button
              type="button"
              className="btn btn-primary btn-small"
              disabled={picked.length === 0 || pushing !== null}
              onClick={() => setPreviewing(picked)}
            >
              Push selected…
            </button>
          </div>
          <PaymentsTable
            rows={data.rows}
            selected={selected}
            onSelect={setSelected}
            busy={pushing !== null || previewing !== null}
            onPush={(p) => void push(p)}
            pushingId={pushing}
          />
          {previewing && (
            <PushDialog
              paymentIds={previewing}
              onClose={(pushed) => {
                setPreviewing(null);
                if (pushed) {
                  setSelected(new Set());
                  void reload();
                }
              }}
            />
          )}
        </>
      ) : null}
    </div>
  );
}
