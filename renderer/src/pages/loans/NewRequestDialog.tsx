// A payment request entered in the console: the page's body built from a form and checked
// by the same validation as the API (its messages are shown as they are).
import { useState } from 'react';
import type { LoanRow } from '../../../../shared/loans';
import { invoke } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Banner, Money } from '../../components/ui';
import { toast } from '../../store/toasts';

const MODES = ['neft', 'rtgs', 'imps', 'cheque', 'demand_draft', 'cash'];

interface Form {
  loanId: number;
  paymentDate: string;
  paymentAmount: string;
  paymentMode: string;
  paymentBank: string;
  utr: string;
  account: string;
  ifsc: string;
  inFavourOf: string;
  remarks: string;
  allocations: Record<number, string>;
}

export function NewRequestDialog({
  loans,
  actor,
  onClose,
  onSaved,
}: {
  loans: LoanRow[];
  actor: string;
  onClose(): void;
  onSaved(): Promise<void>;
}) {
  const [form, setForm] = useState<Form>(() => blank(loans[0]!));
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const loan = loans.find((l) => l.loanId === form.loanId)!;
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));

  async function save() {
    setBusy(true);
    setRefusal(null);
    const res = await invoke('loans.request.create', {
      body: toBody(form),
      ...(actor ? { actor } : {}),
    });
    setBusy(false);
    if (!res.ok) return setRefusal(res.error.message);
    if (!res.data.response) return setRefusal(res.data.error.text);
    toast('ok', `Request #${res.data.data.service_request_id} saved`, 'It waits for a checker.');
    onClose();
    await onSaved();
  }

  const text = (label: string, key: keyof Form, props: Record<string, unknown> = {}) => (
    <label className="stack">
      <span className="field-label">{label}</span>
      <input
        className="input"
        aria-label={label}
        value={form[key] as string}
        onChange={(e) => set({ [key]: e.target.value })}
        {...props}
      />
    </label>
  );

  return (
    <Dialog
      title="New payment request"
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            onClick={() => void save()}
          >
            {busy ? 'Saving…' : 'Save request'}
          </button>
        </>
      }
    >
      {refusal && <Banner tone="error">{refusal}</Banner>}
      <div className="form-grid">
        <label className="stack">
          <span className="field-label">Loan</span>
          <select
            className="input"
            aria-label="Loan"
            value={form.loanId}
            onChange={(e) =>
              setForm(blank(loans.find((l) => l.loanId === Number(e.target.value))!))
            }
          >
            {loans.map((l) => (
              <option key={l.loanId} value={l.loanId}>
                {l.loanId} · {l.borrower}
              </option>
            ))}
          </select>
        </label>
        {text('Payment date', 'paymentDate', {
          type: 'date',
          min: loan.disbursalDate,
          max: loan.businessDate,
        })}
        {text('Payment amount (₹)', 'paymentAmount', { inputMode: 'decimal' })}
        <label className="stack">
          <span className="field-label">Payment mode</span>
          <select
            className="input"
            aria-label="Payment mode"
            value={form.paymentMode}
            onChange={(e) => set({ paymentMode: e.target.value })}
          >
            {MODES.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        {text('Payment bank id', 'paymentBank', { inputMode: 'numeric' })}
        {text('UTR', 'utr', { className: 'input mono' })}
        {text('Beneficiary account', 'account', { className: 'input mono', inputMode: 'numeric' })}
        {text('IFSC', 'ifsc', { className: 'input mono' })}
        {text('In favour of', 'inFavourOf')}
        {text('Remarks', 'remarks')}
      </div>
      <table className="table" aria-label="Allocations">
        <thead>
          <tr>
            <th scope="col">Charge</th>
            <th scope="col" className="align-right">
              Outstanding
            </th>
            <th scope="col" className="align-right">
              Allocate (₹)
            </th>
          </tr>
        </thead>
        <tbody>
          {loan.charges.map((c) => (
            <tr key={c.chargeId}>
              <td>
                {c.label} <span className="mono muted small">{c.chargeId}</span>
              </td>
              <td className="align-right">
                <Money paise={c.outstandingPaise} />
              </td>
              <td className="align-right">
                <input
                  className="input money-input"
                  aria-label={`Allocate to charge ${c.chargeId}`}
                  inputMode="decimal"
                  value={form.allocations[c.chargeId] ?? ''}
                  onChange={(e) =>
                    set({ allocations: { ...form.allocations, [c.chargeId]: e.target.value } })
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}

function blank(loan: LoanRow): Form {
  return {
    loanId: loan.loanId,
    paymentDate: loan.businessDate,
    paymentAmount: '',
    paymentMode: 'neft',
    paymentBank: '',
    utr: '',
    account: '',
    ifsc: '',
    inFavourOf: loan.borrower,
    remarks: '',
    allocations: {},
  };
}

/** The product page's body; amounts stay text so the main process parses them exactly. */
function toBody(f: Form): Record<string, unknown> {
  return {
    service_request_type: 'payment',
    service_request_subtype: '2',
    loan_id: String(f.loanId),
    request_data: {
      paid_to: 'disbursement_account',
      payment_mode: f.paymentMode,
      payment_account: '',
      payment_date: f.paymentDate,
      payment_amount: f.paymentAmount.trim(),
      inFavourOf: f.inFavourOf,
      payment_bank: f.paymentBank.trim(),
      fund_transfer_number: f.utr.trim(),
      beneficiary_account_type: '',
      beneficiary_account_number: f.account.trim(),
      ifsc: f.ifsc.trim().toUpperCase(),
      uploadFile: '',
      payables: Object.entries(f.allocations)
        .filter(([, v]) => v.trim() !== '')
        .map(([chargeId, v]) => ({ charge_id: Number(chargeId), allocated_amount: v.trim() })),
      remarks: f.remarks,
    },
  };
}
