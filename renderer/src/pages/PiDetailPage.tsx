// View Payment Instruction: what the product pages show per PI — the latest call per
// service with its seed message, the JIT ids, the beneficiaries and the actions offered.
import { classifyFailure } from '../../../shared/failure';
import { FailureReason } from './FailureReason';
import { useEffect, useMemo, useState } from 'react';
import type { BeneficiaryRow, CallRow, HistoryRow, PiAction, PiRow } from '../../../shared/types';
import {
  Banner,
  EmptyState,
  ErrorBanner,
  Field,
  Loading,
  Money,
  OutcomeText,
  StatusChip,
} from '../components/ui';
import { Table } from '../components/Table';
import { VirtualTable, type Column } from '../components/VirtualTable';
import {
  formatCount,
  formatDateTime,
  formatDuration,
  formatTreasuryDate,
  OUTCOME_TONE,
} from '../format';
import { usePiDetail } from '../store/piDetail';
import { hrefFor } from '../store/router';
import { toast } from '../store/toasts';
import { ReviseDialog } from './ReviseDialog';
import { HeldNotice } from './HeldNotice';

export function PiDetailPage({ id }: { id: number }) {
  const { detail, loading, error, refreshing, open, reload, refresh } = usePiDetail();
  const [revising, setRevising] = useState(false);

  useEffect(() => {
    void open(id);
  }, [id, open]);

  const current = detail && detail.pi.id === id ? detail : null;

  async function runAction(action: PiAction) {
    if (action.kind === 'revise') return setRevising(true);
    const res = await refresh();
    if (!res.ok) toast('error', `${action.label} failed`, res.error.message);
    else
      toast(
        res.data.outcome === 'OK' ? 'ok' : res.data.outcome === 'ERROR' ? 'error' : 'warn',
        res.data.message,
      );
  }

  return (
    <div className="page">
      <div className="crumbs">
        <a href={hrefFor('pis')} className="link">
          ← Payment Instructions
        </a>
        <span className="muted small">Esc</span>
      </div>
      {error && (
        <ErrorBanner
          error={error}
          onRetry={() => void reload()}
          title="Could not load this payment instruction"
        />
      )}
      {!current && loading && <Loading label="Loading payment instruction…" />}
      {current && (
        <>
          <div className="pi-head">
            <div className="pi-title">
              <h1 className="mono">{current.pi.billNo}</h1>
              {current.pi.kind === 'COR' && <span className="kind kind-cor">Revised PI</span>}
              <StatusChip status={current.pi.status} />
              {loading && <span className="muted small">Updating…</span>}
            </div>
            <div className="page-actions">
              {current.actions.map((a) => (
                <button
                  key={`${a.kind}-${a.service ?? ''}`}
                  type="button"
                  className={`btn${a.kind === 'revise' ? ' btn-primary' : ''}`}
                  disabled={refreshing}
                  onClick={() => void runAction(a)}
                >
                  {a.kind === 'refresh' && refreshing ? 'Refreshing…' : a.label}
                </button>
              ))}
              <a className="btn btn-ghost" href={hrefFor('calls', null, { piId: current.pi.id })}>
                Call log
              </a>
            </div>
          </div>

          {current.held && (
            <HeldNotice
              piId={current.pi.id}
              billNo={current.pi.billNo}
              held={current.held}
              onReleased={() => void reload()}
            />
          )}

          <section className="card">
            <div className="fields">
              <Field label="Bill date">{formatTreasuryDate(current.pi.billDate)}</Field>
              <Field label="Gross amount">
                <Money paise={current.pi.grossPaise} strong />
              </Field>
              <Field label="Net amount">
                <Money paise={current.pi.netPaise} />
              </Field>
              <Field label="Beneficiaries">
                {formatCount(current.pi.beneficiaryCount)}
                {current.pi.failedCount > 0 && (
                  <span className="text-error">
                    {' '}
                    · {formatCount(current.pi.failedCount)} failed
                  </span>
                )}
              </Field>
              <Field label="Payment no." mono>
                {current.pi.paymentNumber ?? '—'}
              </Field>
              <Field label="Head of account" mono>
                {current.pi.hoa}
              </Field>
              <Field label="SSU" mono>
                {current.pi.ssuIaId}
              </Field>
              {current.pi.parentBillNo && (
                <Field label="Revises" mono>
                  {current.pi.parentBillNo}
                </Field>
              )}
            </div>
            <div className="fields fields-ids">
              <Field label="JIT PI id (pmtInstId)" mono>
                {idWithDate(current.pi.pmtInstId, current.pi.payInstDate)}
              </Field>
              <Field label="Payment advice" mono>
                {current.pi.adviceId ?? '—'}
              </Field>
              <Field label="Online bill ref. no." mono>
                {current.pi.onlineBillRefNo ?? '—'}
              </Field>
              <Field label="Token" mono>
                {idWithDate(current.pi.tokenNumber, current.pi.tokenDate)}
              </Field>
              <Field label="Voucher" mono>
                {current.pi.voucherNo ?? '—'}
              </Field>
              <Field label="Completed">
                {current.pi.completedAt ? formatDateTime(current.pi.completedAt) : '—'}
              </Field>
            </div>
          </section>

          <LatestCalls calls={current.latestCalls} piId={current.pi.id} />

          <section className="section">
            <div className="section-head">
              <h2>Beneficiaries</h2>
              <span className="muted small">{formatCount(current.beneficiaries.length)}</span>
            </div>
            {current.beneficiaries.length === 0 ? (
              <EmptyState title="No beneficiaries on this PI." />
            ) : (
              <BeneficiaryTable
                rows={current.beneficiaries}
                revisions={current.revisions}
                piStatus={current.pi.status}
              />
            )}
          </section>

          {current.revisions.length > 0 && <Revisions rows={current.revisions} />}
          <History rows={current.history} />
        </>
      )}
      {revising && current && (
        <ReviseDialog
          piId={current.pi.id}
          billNo={current.pi.billNo}
          onClose={() => setRevising(false)}
          onCreated={() => {
            setRevising(false);
            void reload();
          }}
        />
      )}
    </div>
  );
}

function idWithDate(id: string | null, date: string | null) {
  if (!id) return '—';
  return (
    <>
      {id}
      {date && <span className="muted"> · {formatTreasuryDate(date)}</span>}
    </>
  );
}

function LatestCalls({ calls, piId }: { calls: CallRow[]; piId: number }) {
  return (
    <section className="section">
      <div className="section-head">
        <h2>Latest treasury calls</h2>
        <a className="link small" href={hrefFor('calls', null, { piId })}>
          Full call log for this PI →
        </a>
      </div>
      {calls.length === 0 ? (
        <div className="muted small pad">No treasury call has been made for this PI yet.</div>
      ) : (
        <ul className="call-list" aria-label="Latest call per service">
          {calls.map((c) => (
            <li key={c.id} className={`call-item tone-border-${OUTCOME_TONE[c.outcome]}`}>
              <span className="svc">{c.service}</span>
              <OutcomeText outcome={c.outcome} message={c.message} />
              <span className="call-meta muted small">
                {formatDateTime(c.startedAt)} · attempt {c.attempt} · {formatDuration(c.durationMs)}
              </span>
              <a className="link small" href={hrefFor('calls', null, { piId, call: c.id })}>
                Details
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function BeneficiaryTable({
  rows,
  revisions,
  piStatus,
}: {
  rows: BeneficiaryRow[];
  revisions: PiRow[];
  piStatus: PiRow['status'];
}) {
  // A Failed or Declined PI paid nobody: its beneficiaries' last status would mislead.
  const notPaid =
    piStatus === 'Failed' || piStatus === 'Declined'
      ? `Not paid (PI ${piStatus.toLowerCase()})`
      : null;
  const [selected, setSelected] = useState(0);
  const revisionIds = useMemo(() => new Map(revisions.map((r) => [r.billNo, r.id])), [revisions]);
  const columns = useMemo<Column<BeneficiaryRow>[]>(
    () => [
      {
        key: 'id',
        header: 'Benf. id',
        // Ids like IND-000201 must show whole: staff quote them to the bank.
        width: '104px',
        render: (b) => <span className="mono small">{b.benfId}</span>,
      },
      {
        key: 'name',
        header: 'Name',
        width: 'minmax(130px, 1.2fr)',
        render: (b) => b.name,
        title: (b) => b.name,
      },
      {
        key: 'acct',
        header: 'Account / IFSC',
        width: 'minmax(124px, 1fr)',
        render: (b) => (
          <span className="two-line mono small">
            <span>{b.accountNo}</span>
            <span className="muted">{b.ifsc}</span>
          </span>
        ),
        title: (b) => `${b.accountNo} · ${b.ifsc}`,
      },
      {
        key: 'amt',
        header: 'Amount',
        width: '112px',
        align: 'right',
        render: (b) => <Money paise={b.amountPaise} />,
      },
      {
        key: 'status',
        header: 'Payment status',
        width: '164px',
        render: (b) =>
          notPaid ? (
            <span className="muted small">{notPaid}</span>
          ) : (
            <StatusChip status={b.status} />
          ),
      },
      {
        key: 'utr',
        header: 'UTR',
        width: 'minmax(150px, 1fr)',
        dropOrder: 2,
        render: (b) => <span className="mono small">{b.utrNo ?? '—'}</span>,
        title: (b) => (b.utrDate ? `UTR date ${formatTreasuryDate(b.utrDate)}` : undefined),
      },
      {
        key: 'reason',
        header: 'Failure reason',
        width: 'minmax(150px, 1.6fr)',
        render: (b) =>
          b.failedReason ? (
            <FailureReason reason={b.failedReason} />
          ) : (
            <span className="muted">—</span>
          ),
        title: (b) =>
          b.failedReason ? `${b.failedReason} — ${classifyFailure(b.failedReason).fix}` : undefined,
      },
      {
        key: 'challan',
        header: 'Challan',
        width: 'minmax(108px, 0.8fr)',
        dropOrder: 1,
        render: (b) => <span className="mono small">{b.challanNumber ?? '—'}</span>,
        title: (b) =>
          b.challanDate ? `Challan date ${formatTreasuryDate(b.challanDate)}` : undefined,
      },
      {
        key: 'revised',
        header: 'Paid again in',
        width: 'minmax(176px, 1fr)',
        render: (b) => {
          if (b.movedToPayment) {
            return (
              <a
                className="link mono small"
                href={hrefFor('payments')}
                title="Moved to a new payment"
              >
                {b.movedToPayment}
              </a>
            );
          }
          if (!b.revisedInBillNo) return <span className="muted">—</span>;
          const id = revisionIds.get(b.revisedInBillNo);
          return id ? (
            <a className="link mono small" href={hrefFor('pi', id)}>
              {b.revisedInBillNo}
            </a>
          ) : (
            <span className="mono small">{b.revisedInBillNo}</span>
          );
        },
      },
    ],
    [revisionIds, notPaid],
  );
  return (
    <VirtualTable
      id="benf-table"
      label="Beneficiaries"
      rows={rows}
      columns={columns}
      rowKey={(b) => b.id}
      selected={selected}
      onSelect={setSelected}
      maxHeight={440}
      rowClass={(b) => (b.status === 'Payment Failed' ? 'row-failed' : undefined)}
    />
  );
}

function Revisions({ rows }: { rows: PiRow[] }) {
  return (
    <section className="section">
      <div className="section-head">
        <h2>Revised PIs</h2>
      </div>
      <Table
        label="Revised PIs"
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          {
            key: 'bill',
            header: 'Bill no.',
            render: (r) => (
              <a className="link mono" href={hrefFor('pi', r.id)}>
                {r.billNo}
              </a>
            ),
          },
          { key: 'date', header: 'Bill date', render: (r) => formatTreasuryDate(r.billDate) },
          {
            key: 'benf',
            header: 'Beneficiaries',
            align: 'right',
            render: (r) => formatCount(r.beneficiaryCount),
          },
          {
            key: 'gross',
            header: 'Gross',
            align: 'right',
            render: (r) => <Money paise={r.grossPaise} />,
          },
          { key: 'status', header: 'Status', render: (r) => <StatusChip status={r.status} /> },
          {
            key: 'msg',
            header: 'Last message',
            wrap: true,
            render: (r) => <OutcomeText outcome={r.lastOutcome} message={r.lastMessage} />,
          },
        ]}
      />
    </section>
  );
}

function History({ rows }: { rows: HistoryRow[] }) {
  const [showAll, setShowAll] = useState(false);
  const piRows = rows.filter((h) => h.entity === 'pi');
  const shown = showAll ? rows : piRows;
  return (
    <section className="section">
      <div className="section-head">
        <h2>Status history</h2>
        <label className="check small">
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
          Include beneficiaries
        </label>
      </div>
      {shown.length === 0 ? (
        <Banner tone="info">No status changes recorded.</Banner>
      ) : (
        <div className="scroll-box">
          <Table
            label="Status history"
            rows={shown}
            rowKey={(_h, i) => i}
            columns={[
              { key: 'at', header: 'When', width: '160px', render: (h) => formatDateTime(h.at) },
              { key: 'what', header: 'What', render: (h) => h.label },
              {
                key: 'change',
                header: 'Change',
                render: (h) => (
                  <span className="change">
                    {h.fromStatus ? (
                      <StatusChip status={h.fromStatus} />
                    ) : (
                      <span className="muted small">new</span>
                    )}
                    <span className="arrow" aria-hidden="true">
                      →
                    </span>
                    <StatusChip status={h.toStatus} />
                  </span>
                ),
              },
              {
                key: 'reason',
                header: 'Reason',
                wrap: true,
                render: (h) => h.reason ?? <span className="muted">—</span>,
              },
            ]}
          />
        </div>
      )}
    </section>
  );
}
