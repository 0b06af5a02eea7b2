// Programs, and for the one picked its sanctions and allocations with the funds behind them.
import { useState } from 'react';
import { Table } from '../../components/Table';
import { Chip, EmptyState, ErrorBanner, Loading, Money } from '../../components/ui';
import { formatDateTime } from '../../format';
import { hrefFor } from '../../store/router';
import { useChannel } from '../../useChannel';

export function ProgramsTab() {
  const programs = useChannel('exchange.programs', {});
  const [picked, setPicked] = useState<number | null>(null);
  const programId = picked ?? programs.data?.[0]?.id ?? null;
  if (programs.error)
    return (
      <ErrorBanner
        error={programs.error}
        onRetry={() => void programs.reload()}
        title="Could not load programs"
      />
    );
  if (!programs.data) return <Loading />;
  if (programs.data.length === 0)
    return (
      <EmptyState title="No programs yet.">
        A program arrives when a registered peer sends <span className="mono">program/_create</span>
        . Switch the exchange on and register peers under{' '}
        <a href={hrefFor('exchange', null, { tab: 'settings' })}>Settings & peers</a>.
      </EmptyState>
    );
  return (
    <div className="fill-scroll">
      <Table
        label="Programs"
        rows={programs.data}
        rowKey={(p) => p.id}
        rowClass={(p) => (p.id === programId ? 'active' : undefined)}
        onRowClick={(p) => setPicked(p.id)}
        columns={[
          {
            key: 'code',
            header: 'Program code',
            render: (p) => (
              <button
                type="button"
                className="link mono"
                onClick={() => setPicked(p.id)}
                aria-pressed={p.id === programId}
              >
                {p.programCode}
              </button>
            ),
          },
          { key: 'name', header: 'Name', wrap: true, render: (p) => p.name },
          {
            key: 'loc',
            header: 'Location',
            render: (p) => <span className="mono small">{p.locationCode}</span>,
          },
          {
            key: 'peer',
            header: 'Peer',
            render: (p) => <span className="mono small">{p.peerId}</span>,
          },
          { key: 'sanctions', header: 'Sanctions', align: 'right', render: (p) => p.sanctions },
          {
            key: 'allotted',
            header: 'Allotted',
            align: 'right',
            render: (p) => <Money paise={p.allottedPaise} />,
          },
          {
            key: 'available',
            header: 'Available',
            align: 'right',
            render: (p) => <Money paise={p.availablePaise} strong />,
          },
          { key: 'disb', header: 'Disbursements', align: 'right', render: (p) => p.disbursements },
          { key: 'created', header: 'Created', render: (p) => formatDateTime(p.createdAt) },
        ]}
      />
      {programId !== null && <Sanctions programId={programId} />}
    </div>
  );
}

function Sanctions({ programId }: { programId: number }) {
  const sanctions = useChannel('exchange.sanctions', { programId });
  const program = sanctions.data?.[0]?.programCode;
  return (
    <section className="section">
      <div className="section-head">
        <h2>Sanctions and allocations{program ? ` of ${program}` : ''}</h2>
      </div>
      {sanctions.error && (
        <ErrorBanner
          error={sanctions.error}
          onRetry={() => void sanctions.reload()}
          title="Could not load sanctions"
        />
      )}
      {!sanctions.data ? (
        <Loading />
      ) : sanctions.data.length === 0 ? (
        <EmptyState title="No sanctions yet.">
          The program&apos;s ULB has no virtual allotment yet: an Initial Allotment from VA becomes
          its sanction.
        </EmptyState>
      ) : (
        <Table
          label="Sanctions and allocations"
          rows={sanctions.data}
          rowKey={(s) => s.id}
          columns={[
            {
              key: 'sanction',
              header: 'Sanction',
              render: (s) => (
                <div className="two-line">
                  <span className="mono">{s.mstAllotmentDistId}</span>
                  <span className="mono small muted" title="Sanction id sent to the peer">
                    {s.sanctionCode}
                  </span>
                </div>
              ),
            },
            {
              key: 'hoa',
              header: 'Head of account',
              render: (s) => <span className="mono small">{s.hoa}</span>,
            },
            {
              key: 'initial',
              header: 'Initial allotment',
              align: 'right',
              render: (s) => <Money paise={s.amountPaise} />,
            },
            {
              key: 'allocations',
              header: 'Allocations',
              wrap: true,
              render: (s) =>
                s.allocations.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  s.allocations.map((a) => (
                    <div key={a.allocationCode}>
                      <Chip tone={a.type === 'DEDUCTION' ? 'warn' : 'ok'}>{a.type}</Chip>{' '}
                      <Money paise={a.type === 'DEDUCTION' ? -a.amountPaise : a.amountPaise} />{' '}
                      <span className="muted small">{a.txnType}</span>
                    </div>
                  ))
                ),
            },
            {
              key: 'allotted',
              header: 'Allotted (ledger)',
              align: 'right',
              render: (s) => <Money paise={s.allottedPaise} />,
            },
            {
              key: 'available',
              header: 'Available',
              align: 'right',
              render: (s) => <Money paise={s.availablePaise} strong />,
            },
            {
              key: 'peer',
              header: 'Peer status',
              render: (s) => s.peerStatus ?? <span className="muted">—</span>,
            },
          ]}
        />
      )}
    </section>
  );
}
