// View Payment Instruction: what the product pages show per PI — the latest call per
// service with its seed message, the JIT ids, the beneficiaries and the actions offered —
// with its failures at a glance, its next step when refused, and a print layout.
import { useEffect, useState } from 'react';
import type { PiAction } from '../../../shared/types';
import { EmptyState, ErrorBanner, Loading, StatusChip } from '../components/ui';
import { formatCount, formatDateTime } from '../format';
import { usePiDetail } from '../store/piDetail';
import { hrefFor } from '../store/router';
import { toast } from '../store/toasts';
import { csvFileName } from '../../../shared/csv';
import { ExportButton } from '../export/ExportButton';
import { BENEFICIARY_CSV } from '../export/columns';
import { rowsJob } from '../export/jobs';
import { ReviseDialog } from './ReviseDialog';
import { HeldNotice } from './HeldNotice';
import { PiFields } from './pi/PiFields';
import { LatestCalls } from './pi/LatestCalls';
import { FailureBand } from './pi/FailureBand';
import { BeneficiaryTable } from './pi/BeneficiaryTable';
import { PiHistory, Revisions } from './pi/PiHistory';
import { NextStep } from './pi/NextStep';
import { PrintActions } from './pi/PrintActions';

export function PiDetailPage({ id }: { id: number }) {
  const { detail, loading, error, refreshing, open, reload, refresh } = usePiDetail();
  const [revising, setRevising] = useState(false);
  // "Failed only" belongs to the PI it was ticked on.
  const [failedOnlyOn, setFailedOnlyOn] = useState<number | null>(null);
  const failedOnly = failedOnlyOn === id;

  useEffect(() => {
    void open(id);
  }, [id, open]);

  const current = detail && detail.pi.id === id ? detail : null;
  // Push again is offered in the next-step panel, with what to correct first.
  const headerActions = current?.actions.filter((a) => a.kind !== 'push') ?? [];

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
    <div className="page pi-page">
      <div className="crumbs no-print">
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
          <div className="print-only print-title">
            Payment Instruction {current.pi.billNo} · as of {formatDateTime(current.pi.updatedAt)}
          </div>
          <div className="pi-head">
            <div className="pi-title">
              <h1 className="mono">{current.pi.billNo}</h1>
              {current.pi.kind === 'COR' && <span className="kind kind-cor">Revised PI</span>}
              <StatusChip status={current.pi.status} />
              {loading && <span className="muted small no-print">Updating…</span>}
            </div>
            <div className="page-actions no-print">
              {headerActions.map((a) => (
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
              <PrintActions piId={current.pi.id} />
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
          <NextStep detail={current} />
          <PiFields pi={current.pi} />
          <LatestCalls
            calls={current.latestCalls}
            piId={current.pi.id}
            nextCheckAt={current.nextCheckAt}
          />

          <section className="section">
            <div className="section-head">
              <h2>Beneficiaries</h2>
              <span className="muted small">{formatCount(current.beneficiaries.length)}</span>
              <ExportButton
                disabled={current.beneficiaries.length === 0}
                job={() =>
                  rowsJob(
                    current.beneficiaries,
                    BENEFICIARY_CSV,
                    csvFileName('beneficiaries', [current.pi.billNo], Date.now()),
                  )
                }
              />
            </div>
            <FailureBand
              beneficiaries={current.beneficiaries}
              reviseBy={current.reviseBy}
              failedOnly={failedOnly}
              onFailedOnly={(on) => setFailedOnlyOn(on ? id : null)}
            />
            {current.beneficiaries.length === 0 ? (
              <EmptyState title="No beneficiaries on this PI." />
            ) : (
              <BeneficiaryTable
                rows={current.beneficiaries}
                revisions={current.revisions}
                piStatus={current.pi.status}
                failedOnly={failedOnly}
              />
            )}
          </section>

          {current.revisions.length > 0 && <Revisions rows={current.revisions} />}
          <PiHistory rows={current.history} />
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
