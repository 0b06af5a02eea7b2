// Generate Revised PI (COR): pick failed beneficiaries, optionally correct their bank details.
import { FailureReason } from './FailureReason';
import { useEffect, useState } from 'react';
import type { BeneficiaryRow, CorEligibility } from '../../../shared/types';
import { invoke, type ApiError } from '../api';
import { Dialog } from '../components/Dialog';
import { Banner, ErrorBanner, Loading, Money } from '../components/ui';
import { formatInr, formatTreasuryDate } from '../format';
import { navigate } from '../store/router';
import { toast } from '../store/toasts';

export const IFSC_RE = /^[A-Z]{4}0[A-Z0-9]{6}$/;
export const ACCOUNT_RE = /^\d{9,18}$/;

interface Pick {
  checked: boolean;
  account: string;
  ifsc: string;
}

export function validateAccount(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  return ACCOUNT_RE.test(t) ? null : 'Account number must be 9 to 18 digits.';
}

export function validateIfsc(text: string): string | null {
  const t = text.trim().toUpperCase();
  if (!t) return null;
  return IFSC_RE.test(t)
    ? null
    : 'IFSC must be 4 letters, 0, then 6 letters or digits (e.g. SBIN0003491).';
}

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
  const [picks, setPicks] = useState<Record<number, Pick>>({});
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    void invoke('cor.check', { piId }).then((res) => {
      if (!live) return;
      if (res.ok) {
        setCheck(res.data);
        setPicks(
          Object.fromEntries(
            res.data.beneficiaries.map((b) => [b.id, { checked: true, account: '', ifsc: '' }]),
          ),
        );
      } else setCheckError(res.error);
    });
    return () => {
      live = false;
    };
  }, [piId]);

  const chosen = check?.beneficiaries.filter((b) => picks[b.id]?.checked) ?? [];
  const invalid = chosen.some(
    (b) => validateAccount(picks[b.id]!.account) || validateIfsc(picks[b.id]!.ifsc),
  );
  const total = chosen.reduce((n, b) => n + b.amountPaise, 0);
  // Past the window the same picks move the failed amount to a new payment instead.
  const reissue = !!check?.newPiOffered;
  const canSend = (!!check?.allowed || reissue) && chosen.length > 0 && !invalid && !sending;

  function update(id: number, patch: Partial<Pick>) {
    setPicks((p) => ({ ...p, [id]: { ...p[id]!, ...patch } }));
  }

  function pickedBeneficiaries() {
    return chosen.map((b) => {
      const p = picks[b.id]!;
      return {
        beneficiaryId: b.id,
        ...(p.account.trim() ? { correctedAccountNo: p.account.trim() } : {}),
        ...(p.ifsc.trim() ? { correctedIfsc: p.ifsc.trim().toUpperCase() } : {}),
      };
    });
  }

  async function send() {
    if (!canSend) return;
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

  return (
    <Dialog
      title={`Generate Revised PI for ${billNo}`}
      onClose={onClose}
      wide
      footer={
        <>
          <span className="muted small grow">
            {chosen.length > 0
              ? `${chosen.length} selected · ${formatInr(total)}`
              : 'Pick at least one failed beneficiary.'}
          </span>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!canSend}
            onClick={() => void send()}
          >
            {sending
              ? reissue
                ? 'Creating payment…'
                : 'Sending to treasury…'
              : reissue
                ? 'Move to a new payment'
                : 'Generate Revised PI'}
          </button>
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
      {check?.allowed && check.windowEndsOn && (
        <div className="muted small pad-b">
          Revised PIs for this bill are allowed until {formatTreasuryDate(check.windowEndsOn)}.
        </div>
      )}
      {sendError && <ErrorBanner error={sendError} title="The revised PI was not created" />}
      {check && check.beneficiaries.length === 0 && check.allowed && (
        <Banner tone="info">No failed beneficiary is waiting for a revised PI.</Banner>
      )}
      {check && check.beneficiaries.length > 0 && (
        <table className="table revise-table" aria-label="Failed beneficiaries">
          <thead>
            <tr>
              <th scope="col" style={{ width: 28 }} />
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
            {check.beneficiaries.map((b) => (
              <ReviseRow
                key={b.id}
                b={b}
                pick={picks[b.id]!}
                disabled={!check.allowed}
                onChange={(p) => update(b.id, p)}
              />
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}

function ReviseRow({
  b,
  pick,
  disabled,
  onChange,
}: {
  b: BeneficiaryRow;
  pick: Pick;
  disabled: boolean;
  onChange(p: Partial<Pick>): void;
}) {
  const accountError = pick.checked ? validateAccount(pick.account) : null;
  const ifscError = pick.checked ? validateIfsc(pick.ifsc) : null;
  return (
    <tr className={pick.checked ? '' : 'row-dim'}>
      <td>
        <input
          type="checkbox"
          aria-label={`Include ${b.name}`}
          checked={pick.checked}
          disabled={disabled}
          onChange={(e) => onChange({ checked: e.target.checked })}
        />
      </td>
      <td>
        <div>{b.name}</div>
        <div className="mono small muted">
          {b.benfId} · {b.accountNo} · {b.ifsc}
        </div>
      </td>
      <td className="small">
        {b.failedReason ? <FailureReason reason={b.failedReason} withFix /> : '—'}
      </td>
      <td className="align-right">
        <Money paise={b.amountPaise} />
      </td>
      <td>
        <input
          className={`input mono${accountError ? ' invalid' : ''}`}
          aria-label={`Corrected account number for ${b.name}`}
          aria-invalid={!!accountError}
          placeholder={b.accountNo}
          inputMode="numeric"
          value={pick.account}
          disabled={disabled || !pick.checked}
          onChange={(e) => onChange({ account: e.target.value })}
        />
        {accountError && <div className="field-error">{accountError}</div>}
      </td>
      <td>
        <input
          className={`input mono${ifscError ? ' invalid' : ''}`}
          aria-label={`Corrected IFSC for ${b.name}`}
          aria-invalid={!!ifscError}
          placeholder={b.ifsc}
          value={pick.ifsc}
          disabled={disabled || !pick.checked}
          onChange={(e) => onChange({ ifsc: e.target.value.toUpperCase() })}
        />
        {ifscError && <div className="field-error">{ifscError}</div>}
      </td>
    </tr>
  );
}
