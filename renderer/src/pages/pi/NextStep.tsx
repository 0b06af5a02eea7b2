// A PI the treasury refused (Failed) or the SSU declined paid nobody and gave its funds back:
// say so, show the treasury's words, and offer the way on. A PI: push its payment again (a
// new bill number; the push's own rule allows it only from its latest PI). A revised PI: its
// beneficiaries are revised again from the original PI.
import { useState } from 'react';
import type { PiAction, PiDetail } from '../../../../shared/types';
import { invoke } from '../../api';
import { OutcomeText } from '../../components/ui';
import { hrefFor, navigate } from '../../store/router';
import { toast } from '../../store/toasts';

export function NextStep({ detail }: { detail: PiDetail }) {
  const { pi } = detail;
  const [pushing, setPushing] = useState(false);
  if (pi.status !== 'Failed' && pi.status !== 'Declined') return null;
  const push = detail.actions.find((a): a is PiAction & { paymentId: number } =>
    Boolean(a.kind === 'push' && a.paymentId),
  );

  async function pushAgain(paymentId: number) {
    setPushing(true);
    const res = await invoke('pi.push', { paymentId });
    setPushing(false);
    if (!res.ok) return toast('error', 'Push again failed', res.error.message);
    toast(
      res.data.outcome === 'OK' ? 'ok' : res.data.outcome === 'ERROR' ? 'error' : 'warn',
      `${res.data.billNo}: ${res.data.status}`,
      res.data.message,
    );
    navigate('pi', res.data.piId);
  }

  const what = pi.status === 'Failed' ? 'The treasury refused this PI' : 'The SSU declined this PI';
  return (
    <section className="next-step" aria-label="Next step">
      <strong>{what}: nobody was paid and its funds are back.</strong>
      {pi.lastMessage && (
        <span>
          <span className="muted">Treasury: </span>
          <OutcomeText outcome={pi.lastOutcome} message={pi.lastMessage} />
        </span>
      )}
      {pi.kind === 'COR' ? (
        <span>
          <span className="muted">Next: </span>
          its beneficiaries can be revised again, with corrected bank details, from the original PI{' '}
          {pi.parentPiId ? (
            <a className="link mono" href={hrefFor('pi', pi.parentPiId)}>
              {pi.parentBillNo}
            </a>
          ) : (
            <span className="mono">{pi.parentBillNo}</span>
          )}
          .
        </span>
      ) : push ? (
        <>
          <span>
            <span className="muted">Next: </span>
            correct what the treasury refused, then push payment{' '}
            <span className="mono">{pi.paymentNumber}</span> again; it gets a new bill number. A
            wrong account, IFSC or amount is corrected in the works system and the payment imported
            again; anything put right at the treasury since needs only Push again.
          </span>
          <span className="next-step-actions no-print">
            <button
              type="button"
              className="btn btn-primary"
              disabled={pushing}
              onClick={() => void pushAgain(push.paymentId)}
            >
              {pushing ? 'Pushing…' : push.label}
            </button>
            <a className="btn btn-ghost" href={hrefFor('payments')}>
              Open Payments
            </a>
          </span>
        </>
      ) : (
        <span>
          <span className="muted">Next: </span>
          payment <span className="mono">{pi.paymentNumber ?? '—'}</span> has a newer PI; see{' '}
          <a className="link" href={hrefFor('payments')}>
            Payments
          </a>
          .
        </span>
      )}
    </section>
  );
}
