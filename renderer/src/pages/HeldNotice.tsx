// A bill awaiting treasury confirmation: why it is held, what happens next, and — once the
// configured days have passed and the treasury still does not know it — release by hand.
import { useState } from 'react';
import type { HeldInfo } from '../../../shared/types';
import { invoke, type ApiError } from '../api';
import { Dialog } from '../components/Dialog';
import { Banner, ErrorBanner } from '../components/ui';
import { formatDateTime, formatInr } from '../format';
import { toast } from '../store/toasts';

export function HeldNotice({
  piId,
  billNo,
  held,
  onReleased,
}: {
  piId: number;
  billNo: string;
  held: HeldInfo;
  onReleased(): void;
}) {
  const [releasing, setReleasing] = useState(false);
  return (
    <Banner tone="warn">
      <div className="banner-body column held-notice">
        <strong>Awaiting treasury confirmation since {formatDateTime(held.since)}</strong>
        <span>
          <span className="muted">Why: </span>
          {held.reason}. The treasury may already hold this bill, so it is not failed or sent again
          under another number.
        </span>
        <span>
          <span className="muted">Next: </span>
          {held.next}
        </span>
        <span className="held-release">
          <button
            type="button"
            className="btn btn-small"
            disabled={!held.canRelease}
            onClick={() => setReleasing(true)}
          >
            Release by hand…
          </button>
          {!held.canRelease && <span className="muted small">{held.releaseBlockedBy}</span>}
        </span>
      </div>
      {releasing && (
        <ReleaseDialog
          piId={piId}
          billNo={billNo}
          held={held}
          onClose={() => setReleasing(false)}
          onReleased={() => {
            setReleasing(false);
            onReleased();
          }}
        />
      )}
    </Banner>
  );
}

function ReleaseDialog({
  piId,
  billNo,
  held,
  onClose,
  onReleased,
}: {
  piId: number;
  billNo: string;
  held: HeldInfo;
  onClose(): void;
  onReleased(): void;
}) {
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const short = reason.trim().length < 10;

  async function release() {
    setSending(true);
    const res = await invoke('pi.release', { id: piId, reason: reason.trim() });
    setSending(false);
    if (!res.ok) return setError(res.error);
    toast(
      'ok',
      `${res.data.billNo} released by hand`,
      res.data.releasedPaise > 0
        ? `${formatInr(res.data.releasedPaise)} back to its sanction.`
        : '',
    );
    onReleased();
  }

  return (
    <Dialog
      title={`Release ${billNo} by hand`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={short || sending}
            onClick={() => void release()}
          >
            {sending ? 'Releasing…' : 'Release'}
          </button>
        </>
      }
    >
      <p>
        {held.service} has not confirmed this bill for {held.releaseAfterDays} days or more. Release
        it only if you are sure the treasury does not hold it: it becomes Failed, its funds go back,
        and its payment may get a new bill — which the treasury would pay twice if it does hold this
        one.
      </p>
      {error && <ErrorBanner error={error} title="It was not released" />}
      <label className="field-label" htmlFor="release-reason">
        Reason (kept in the status history)
      </label>
      <textarea
        id="release-reason"
        className="textarea"
        rows={3}
        maxLength={500}
        value={reason}
        placeholder="e.g. Treasury helpdesk ticket 4411 confirms the bill was never received"
        onChange={(e) => setReason(e.target.value)}
      />
      {short && <div className="muted small">At least 10 characters.</div>}
    </Dialog>
  );
}
