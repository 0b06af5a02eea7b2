// Approve (a note is optional) or reject (a reason is required) one request.
import { useState } from 'react';
import type { ServiceRequestRow } from '../../../../shared/loans';
import { invoke, type ApiError } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Banner, ErrorBanner, Money } from '../../components/ui';
import { toast } from '../../store/toasts';

export function DecisionDialog({
  request: r,
  kind,
  actor,
  onClose,
  onDecided,
}: {
  request: ServiceRequestRow;
  kind: 'approve' | 'reject';
  actor: string;
  onClose(): void;
  onDecided(): Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const approving = kind === 'approve';
  const missingReason = !approving && !reason.trim();

  async function decide() {
    setBusy(true);
    setError(null);
    const res = approving
      ? await invoke('loans.request.approve', {
          id: r.id,
          ...(actor ? { actor } : {}),
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        })
      : await invoke('loans.request.reject', {
          id: r.id,
          ...(actor ? { actor } : {}),
          reason: reason.trim(),
        });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    toast(approving ? 'ok' : 'warn', `Request #${r.id} ${res.data.status}`);
    onClose();
    await onDecided();
  }

  return (
    <Dialog
      title={`${approving ? 'Approve' : 'Reject'} request #${r.id}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || missingReason}
            onClick={() => void decide()}
          >
            {busy ? 'Saving…' : approving ? 'Approve' : 'Reject'}
          </button>
        </>
      }
    >
      <p>
        <Money paise={r.paymentAmountPaise} strong /> on loan{' '}
        <span className="mono">{r.loanId}</span> ({r.borrower}).{' '}
        {approving
          ? 'The allocations are paid on the charges now: their outstanding goes down.'
          : 'The allocations are released; nothing is paid.'}
      </p>
      {approving && r.flags.length > 0 && (
        <Banner tone="warn">
          This request has {r.flags.length} flag{r.flags.length === 1 ? '' : 's'}:{' '}
          {r.flags.map((f) => f.message).join(' ')}
        </Banner>
      )}
      {error && <ErrorBanner error={error} title="Not saved" />}
      <label className="stack">
        <span className="field-label">{approving ? 'Note (optional)' : 'Reason'}</span>
        <textarea
          className="input textarea"
          aria-label={approving ? 'Note' : 'Reason'}
          value={reason}
          maxLength={500}
          autoFocus
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
    </Dialog>
  );
}
