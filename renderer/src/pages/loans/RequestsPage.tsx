// Loan payment requests: the checker's queue (initiated first), the loans and their charges,
// and the maker's tools (import loans, enter a request, API tokens).
import { useEffect, useState } from 'react';
import { REQUEST_STATUSES, type RequestStatus } from '../../../../shared/loans';
import { getApi } from '../../api';
import { EmptyState, ErrorBanner, Loading, PageHeader } from '../../components/ui';
import { formatCount } from '../../format';
import { useChannel } from '../../useChannel';
import { LoansImport } from './LoansImport';
import { LoansTable } from './LoansTable';
import { NewRequestDialog } from './NewRequestDialog';
import { RequestCard } from './RequestCard';
import { TokensDialog } from './TokensDialog';

const TABS: { status: RequestStatus | undefined; label: string }[] = [
  { status: 'initiated', label: 'To decide' },
  ...REQUEST_STATUSES.filter((s) => s !== 'initiated').map((s) => ({
    status: s,
    label: s[0]!.toUpperCase() + s.slice(1),
  })),
  { status: undefined, label: 'All' },
];

export function RequestsPage() {
  const [status, setStatus] = useState<RequestStatus | undefined>('initiated');
  const [actor, setActor] = useState('');
  const [dialog, setDialog] = useState<'new' | 'tokens' | null>(null);
  const requests = useChannel('loans.requests', { ...(status ? { status } : {}), limit: 200 });
  const loans = useChannel('loans.list', { limit: 200 });
  const users = useChannel('loans.users', {});
  const { reload: reloadRequests } = requests;
  const { reload: reloadLoans } = loans;

  useEffect(
    () =>
      getApi().on('loans.changed', () => {
        void reloadRequests();
        void reloadLoans();
      }),
    [reloadRequests, reloadLoans],
  );
  const reloadAll = async () => {
    await Promise.all([reloadRequests(), reloadLoans()]);
  };

  const userList = users.data ?? [];
  return (
    <div className="page">
      <PageHeader
        title="Loan requests"
        subtitle="Payments against loans: entered by a maker (or the lender's system), decided by a checker"
      >
        {userList.length > 0 && (
          <label className="acting-as">
            <span className="muted small">Acting as</span>
            <select
              className="input"
              aria-label="Acting as"
              value={actor}
              onChange={(e) => setActor(e.target.value)}
            >
              <option value="">Choose…</option>
              {userList.map((u) => (
                <option key={u}>{u}</option>
              ))}
            </select>
          </label>
        )}
        <LoansImport onImported={reloadAll} />
        <button type="button" className="btn" onClick={() => setDialog('tokens')}>
          API tokens…
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!loans.data?.rows.length}
          title={loans.data?.rows.length ? undefined : 'Import loans first'}
          onClick={() => setDialog('new')}
        >
          New request…
        </button>
      </PageHeader>

      <div className="tabs" role="tablist" aria-label="Request status">
        {TABS.map((t) => (
          <button
            key={t.label}
            type="button"
            role="tab"
            aria-selected={status === t.status}
            className={`tab${status === t.status ? ' active' : ''}`}
            onClick={() => setStatus(t.status)}
          >
            {t.label}
          </button>
        ))}
      </div>

      {requests.error && (
        <ErrorBanner
          error={requests.error}
          onRetry={() => void reloadRequests()}
          title="Could not load the requests"
        />
      )}
      {requests.loading && !requests.data ? (
        <Loading />
      ) : requests.data && requests.data.rows.length === 0 ? (
        <EmptyState title={status === 'initiated' ? 'Nothing to decide.' : 'No requests here.'}>
          Requests arrive from the lender&apos;s system on the service-request API (see{' '}
          <b>API tokens…</b>) or are entered here with <b>New request…</b>.
        </EmptyState>
      ) : requests.data ? (
        <section aria-label="Requests" className="request-list">
          <div className="muted small">
            {formatCount(requests.data.total)} request{requests.data.total === 1 ? '' : 's'}
          </div>
          {requests.data.rows.map((r) => (
            <RequestCard key={r.id} request={r} actor={actor} onDecided={reloadAll} />
          ))}
        </section>
      ) : null}

      <section className="section" aria-label="Loans">
        <div className="section-head">
          <h2>Loans and charges</h2>
        </div>
        {loans.error && <ErrorBanner error={loans.error} title="Could not load the loans" />}
        {loans.data && <LoansTable loans={loans.data.rows} />}
      </section>

      {dialog === 'new' && loans.data && (
        <NewRequestDialog
          loans={loans.data.rows}
          actor={actor}
          onClose={() => setDialog(null)}
          onSaved={reloadAll}
        />
      )}
      {dialog === 'tokens' && <TokensDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
