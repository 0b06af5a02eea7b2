// Payments to pay: import approved bills, push each to the treasury as a PI.
import { useEffect, useState } from 'react';
import type { PaymentRow } from '../../../shared/types';
import { getApi, invoke } from '../api';
import { SearchBox } from '../components/SearchBox';
import { EmptyState, ErrorBanner, Loading, PageHeader } from '../components/ui';
import { formatCount } from '../format';
import { toast } from '../store/toasts';
import { useChannel } from '../useChannel';
import { PaymentsTable } from './payments/PaymentsTable';
import { PushDialog } from './payments/PushDialog';
import { useImportBills } from './import/useImportBills';
import { csvFileName } from '../../../shared/csv';
import { ExportButton } from '../export/ExportButton';
import { PAYMENT_CSV } from '../export/columns';
import { pagedJob } from '../export/jobs';

export function PaymentsPage() {
  const [search, setSearch] = useState('');
  const { data, error, loading, reload } = useChannel('payments.list', {
    ...(search.trim() ? { search: search.trim() } : {}),
    limit: 1000,
  });
  const [pushing, setPushing] = useState<number | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [previewing, setPreviewing] = useState<number[] | null>(null);
  const importBills = useImportBills(reload);

  // A nightly run or a push elsewhere moves PIs: the counts on the rows follow, once a burst settles.
  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | null = null;
    const off = getApi().on('pi.changed', () => {
      if (pending) clearTimeout(pending);
      pending = setTimeout(() => void reload(), 300);
    });
    return () => {
      off();
      if (pending) clearTimeout(pending);
    };
  }, [reload]);

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
        {importBills.control}
        <ExportButton
          disabled={!data?.total}
          job={() =>
            pagedJob(
              'payments.list',
              search.trim() ? { search: search.trim() } : {},
              PAYMENT_CSV,
              csvFileName('payments', [search], Date.now()),
            )
          }
        />
      </PageHeader>

      {importBills.report}

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
              {formatCount(data.total, data.capped)} payments
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
