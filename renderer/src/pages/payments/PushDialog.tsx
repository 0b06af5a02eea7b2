// Push several payments: first the funds preview (what each head and sanction has, what these
// pushes would take, which would be refused), then the pushes one by one with their progress.
import { useRef, useState } from 'react';
import type { PushPreview } from '../../../../shared/push-preview';
import { invoke } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner, Loading, Money, ProgressBar } from '../../components/ui';
import { useChannel } from '../../useChannel';
import { PreviewTables } from './PreviewTables';

interface Outcome {
  paymentId: number;
  paymentNumber: string;
  ok: boolean;
  text: string;
}

export function PushDialog({
  paymentIds,
  onClose,
}: {
  /** In the order they are pushed (the preview plays them in this order too). */
  paymentIds: number[];
  onClose(pushed: boolean): void;
}) {
  const { data, error, loading, reload } = useChannel('funds.preview', { paymentIds });
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const stop = useRef(false);
  const running = outcomes !== null && current !== null;
  const finished = outcomes !== null && current === null;

  async function pushAll(preview: PushPreview) {
    stop.current = false;
    const done: Outcome[] = [];
    setOutcomes([]);
    for (const p of preview.payments) {
      if (stop.current) break;
      setCurrent(p.paymentNumber);
      const res = await invoke('pi.push', { paymentId: p.paymentId });
      done.push(
        res.ok
          ? {
              paymentId: p.paymentId,
              paymentNumber: p.paymentNumber,
              ok: res.data.outcome !== 'ERROR',
              text: `${res.data.billNo}: ${res.data.status}. ${res.data.message}`,
            }
          : {
              paymentId: p.paymentId,
              paymentNumber: p.paymentNumber,
              ok: false,
              text: res.error.message,
            },
      );
      setOutcomes([...done]);
    }
    setCurrent(null);
  }

  const total = paymentIds.length;
  const title = `Push ${total} payment${total === 1 ? '' : 's'}`;
  return (
    <Dialog
      title={title}
      wide
      onClose={() => {
        if (running) return;
        onClose(outcomes !== null);
      }}
      footer={
        running ? (
          <button type="button" className="btn" onClick={() => (stop.current = true)}>
            Stop after this one
          </button>
        ) : finished ? (
          <button type="button" className="btn btn-primary" onClick={() => onClose(true)}>
            Done
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={() => onClose(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={!data}
              onClick={() => data && void pushAll(data)}
            >
              {data && data.refusedCount > 0
                ? `Push ${total} (${data.refusedCount} will be refused)`
                : title}
            </button>
          </>
        )
      }
    >
      {error && (
        <ErrorBanner error={error} onRetry={() => void reload()} title="No funds preview" />
      )}
      {loading && !data && <Loading label="Working out the funds…" />}
      {data && outcomes === null && (
        <>
          <p className="pay-summary">
            These pushes would take <Money paise={data.totalPaise} strong />
            {data.refusedCount > 0 ? (
              <>
                ; <strong className="text-error">{data.refusedCount} would be refused</strong> (they
                are tried, and their reason stays on their row).
              </>
            ) : (
              '; every one fits.'
            )}{' '}
            Funds are debited when each PI is made, in this order.
          </p>
          <PreviewTables preview={data} />
        </>
      )}
      {outcomes !== null && (
        <div className="pay-run" aria-live="polite">
          <ProgressBar value={outcomes.length / total} label="Push progress" />
          <p className="pay-run-line" role="status">
            {running
              ? `Pushing ${outcomes.length + 1} of ${total}: ${current}`
              : `Done: ${outcomes.filter((o) => o.ok).length} sent, ${outcomes.filter((o) => !o.ok).length} refused or failed${outcomes.length < total ? `, ${total - outcomes.length} not pushed (stopped)` : ''}.`}
          </p>
          <ul className="pay-run-list" aria-label="Push results">
            {outcomes.map((o) => (
              <li key={o.paymentId} className={o.ok ? 'text-ok' : 'text-error'}>
                <span className="mono">{o.paymentNumber}</span> — {o.text}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Dialog>
  );
}
