// Generate Revised PI (COR): tick failed beneficiaries, correct their bank details where the
// bank's reason needs it, review exactly what will be sent, then send.
import { useEffect, useState } from 'react';
import type { CorEligibility } from '../../../shared/types';
import { invoke, type ApiError } from '../api';
import { Dialog } from '../components/Dialog';
import { Banner, ErrorBanner, Loading } from '../components/ui';
import { formatInr, formatTreasuryDate } from '../format';
import { navigate } from '../store/router';
import { toast } from '../store/toasts';
import { ReviseReview } from './revise/ReviseReview';
import { ReviseRow } from './revise/ReviseRow';
import { EMPTY_PICK, blockReason, type Pick } from './revise/rules';
import { useIfscChecks } from './revise/useIfscChecks';

export function ReviseDialog({
  piId,
  billNo,
  onClose,
  onCreated,
}: {
  piId: number;
  billNo: string;
  onClose(): void;
  onCreated(): void;
}) {
  const [check, setCheck] = useState<CorEligibility | null>(null);
  const [checkError, setCheckError] = useState<ApiError | null>(null);
  // Nothing is ticked at first: every beneficiary sent is a choice someone made.
  const [picks, setPicks] = useState<Record<number, Pick>>({});
  const [step, setStep] = useState<'edit' | 'review'>('edit');
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    void invoke('cor.check', { piId }).then((res) => {
      if (!live) return;
      if (res.ok) setCheck(res.data);
      else setCheckError(res.error);
    });
    return () => {
      live = false;
    };
  }, [piId]);

  const rows = check?.beneficiaries ?? [];
  const pickOf = (id: number) => picks[id] ?? EMPTY_PICK;
  const chosen = rows.filter((b) => pickOf(b.id).checked);
  const checks = useIfscChecks(rows.flatMap((b) => [b.ifsc, pickOf(b.id).ifsc]));
  const total = chosen.reduce((n, b) => n + b.amountPaise, 0);
  // Past the window the same picks move the failed amount to a new payment instead.
  const reissue = !!check?.newPiOffered;
  const usable = !!check?.allowed || reissue;
  const blocked = !check
    ? 'Checking whether a revised PI is allowed…'
    : !usable
      ? (check.reason ?? 'A revised PI cannot be made now.')
      : blockReason(rows, Object.fromEntries(rows.map((b) => [b.id, pickOf(b.id)])), checks);

  function update(id: number, patch: Partial<Pick>) {
    setPicks((p) => {
      const next = { ...(p[id] ?? EMPTY_PICK), ...patch };
      // A changed account must be confirmed again.
      if (patch.account !== undefined && patch.account !== (p[id] ?? EMPTY_PICK).account)
        next.confirm = '';
      return { ...p, [id]: next };
    });
  }

  function pickedBeneficiaries() {
    return chosen.map((b) => {
      const p = pickOf(b.id);
      return {
        beneficiaryId: b.id,
        ...(p.account ? { correctedAccountNo: p.account } : {}),
        ...(p.ifsc ? { correctedIfsc: p.ifsc } : {}),
      };
    });
  }

  async function send() {
    if (blocked || sending) return;
    setSending(true);
    setSendError(null);
    if (reissue) {
      const res = await invoke('pi.reissue', { piId, beneficiaries: pickedBeneficiaries() });
      setSending(false);
      if (!res.ok) return setSendError(res.error);
      toast(
        'ok',
        `Payment ${res.data.paymentNumber} created`,
        `${formatInr(res.data.amountPaise)} released from ${billNo}; push it from the Payments page.`,
      );
      onCreated();
      navigate('payments');
      return;
    }
    const res = await invoke('cor.create', { piId, beneficiaries: pickedBeneficiaries() });
    setSending(false);
    if (!res.ok) return setSendError(res.error);
    toast(
      res.data.outcome === 'OK' ? 'ok' : 'warn',
      `Revised PI ${res.data.billNo} is ${res.data.status}`,
      res.data.message,
    );
    onCreated();
    navigate('pi', res.data.piId);
  }

  const sendLabel = sending
    ? reissue
      ? 'Creating payment…'
      : 'Sending to treasury…'
    : reissue
      ? 'Move to a new payment'
      : 'Send revised PI';

  return (
    <Dialog
      title={`Generate Revised PI for ${billNo}`}
      onClose={onClose}
      wide
      footer={
        <>
          <span className="grow small revise-status" role="status" aria-live="polite">
            {blocked ? (
              <span className="text-warn">{blocked}</span>
            ) : (
              <span className="muted">
                {chosen.length} selected · {formatInr(total)}
              </span>
            )}
          </span>
          {step === 'review' ? (
            <>
              <button
                type="button"
                className="btn"
                disabled={sending}
                onClick={() => setStep('edit')}
              >
                Back
              </button>
              <button
                type="button"
                className="btn btn-primary"
                disabled={!!blocked || sending}
                onClick={() => void send()}
              >
                {sendLabel}
              </button>
            </>
          ) : (
            <>
              <button type="button" className="btn" onClick={onClose}>
                Cancel
              </button>
              <button
                type="button"
                className="btn btn-primary"
                disabled={!!blocked}
                title={blocked ?? undefined}
                onClick={() => setStep('review')}
              >
                Review…
              </button>
            </>
          )}
        </>
      }
    >
      {checkError && (
        <ErrorBanner error={checkError} title="Could not check whether a revised PI is allowed" />
      )}
      {!check && !checkError && <Loading label="Checking the revised PI window…" />}
      {check && !check.allowed && (
        <Banner tone="warn">
          <strong>A revised PI cannot be made now.</strong> {check.reason}
          {check.newPiOffered &&
            ' The failed amount needs a new original PI instead: pick the beneficiaries below to move their amount to a new payment, then push it from the Payments page.'}
        </Banner>
      )}
      {check?.allowed && check.windowEndsOn && step === 'edit' && (
        <div className="muted small pad-b">
          Revised PIs for this bill are allowed until {formatTreasuryDate(check.windowEndsOn)}. Tick
          each beneficiary to pay again; give the new account (typed twice) or IFSC where the bank
          refused the old one.
        </div>
      )}
      {sendError && <ErrorBanner error={sendError} title="The revised PI was not created" />}
      {check && rows.length === 0 && check.allowed && (
        <Banner tone="info">No failed beneficiary is waiting for a revised PI.</Banner>
      )}
      {step === 'review' ? (
        <ReviseReview
          rows={chosen}
          picks={Object.fromEntries(chosen.map((b) => [b.id, pickOf(b.id)]))}
          checks={checks}
          billNo={billNo}
          reissue={reissue}
        />
      ) : (
        rows.length > 0 && (
          <table className="table revise-table" aria-label="Failed beneficiaries">
            <colgroup>
              <col className="revise-col-tick" />
              <col className="revise-col-name" />
              <col />
              <col className="revise-col-amount" />
              <col className="revise-col-bank" />
              <col className="revise-col-bank" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col" aria-label="Include" />
                <th scope="col">Beneficiary</th>
                <th scope="col">Failed with</th>
                <th scope="col" className="align-right">
                  Amount
                </th>
                <th scope="col">Corrected account no.</th>
                <th scope="col">Corrected IFSC</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <ReviseRow
                  key={b.id}
                  b={b}
                  pick={pickOf(b.id)}
                  checks={checks}
                  disabled={!usable}
                  onChange={(p) => update(b.id, p)}
                />
              ))}
            </tbody>
          </table>
        )
      )}
    </Dialog>
  );
}
