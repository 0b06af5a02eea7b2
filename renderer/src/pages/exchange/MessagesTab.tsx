// The message log: every message in and out, with its signature check and delivery state; the
// one picked shows its header, body and the answer, and an undelivered one can be sent again.
import { useMemo, useState } from 'react';
import type { ExchangeMessageRow } from '../../../../shared/types';
import { invoke } from '../../api';
import { JsonView } from '../../components/JsonView';
import { Chip, EmptyState, ErrorBanner, Field, Loading } from '../../components/ui';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatCount, formatDateTime } from '../../format';
import { hrefFor, useRouter } from '../../store/router';
import { useToasts } from '../../store/toasts';
import { useChannel } from '../../useChannel';

type Tone = 'ok' | 'info' | 'muted' | 'error' | 'neutral';

const STATE_TONE: Record<string, Tone> = {
  applied: 'ok',
  delivered: 'ok',
  queued: 'info',
  duplicate: 'muted',
  refused: 'error',
  rejected: 'error',
};
const CHECK_TONE: Record<string, Tone> = {
  valid: 'ok',
  signed: 'ok',
  invalid: 'error',
  'unknown sender': 'error',
  'not checked': 'muted',
  unsigned: 'muted',
};

const tone = (map: Record<string, Tone>, key: string): Tone => map[key] ?? 'neutral';

export function MessagesTab() {
  const query = useRouter((s) => s.route.query);
  const disbursementId = query.disbursement ? Number(query.disbursement) : undefined;
  const list = useChannel('exchange.messages', {
    limit: 1000,
    ...(disbursementId ? { disbursementId } : {}),
  });
  const [selected, setSelected] = useState(0);
  const columns = useMemo<Column<ExchangeMessageRow>[]>(
    () => [
      { key: 'at', header: 'When', width: '138px', render: (m) => formatDateTime(m.createdAt) },
      {
        key: 'dir',
        header: 'Dir.',
        width: '52px',
        render: (m) => (m.direction === 'in' ? 'In' : 'Out'),
      },
      {
        key: 'endpoint',
        header: 'Endpoint',
        width: 'minmax(160px, 1fr)',
        render: (m) => <span className="mono small">{m.endpoint}</span>,
      },
      {
        key: 'state',
        header: 'State',
        width: '96px',
        render: (m) => <Chip tone={tone(STATE_TONE, m.state)}>{m.state}</Chip>,
      },
      {
        key: 'sig',
        header: 'Signature',
        width: '110px',
        render: (m) => <Chip tone={tone(CHECK_TONE, m.signatureCheck)}>{m.signatureCheck}</Chip>,
      },
      {
        key: 'tries',
        header: 'Tries',
        width: '50px',
        dropOrder: 3,
        align: 'right',
        render: (m) => (m.direction === 'out' ? m.attempts : ''),
      },
      {
        key: 'peer',
        header: 'Peer',
        width: 'minmax(140px, 1fr)',
        dropOrder: 1,
        render: (m) => <span className="mono small">{m.peerId ?? '—'}</span>,
      },
      {
        key: 'error',
        header: 'Error',
        width: 'minmax(160px, 1.5fr)',
        dropOrder: 2,
        render: (m) => <span className="small">{m.errorCode ?? ''}</span>,
        title: (m) => m.error ?? undefined,
      },
    ],
    [],
  );
  const rows = list.data?.rows ?? [];
  const picked = rows[Math.min(selected, rows.length - 1)];
  return (
    <>
      {disbursementId && (
        <div className="muted small pad-b">
          Messages of disbursement {disbursementId} ·{' '}
          <a className="link" href={hrefFor('exchange', null, { tab: 'messages' })}>
            show all
          </a>
        </div>
      )}
      {list.error && (
        <ErrorBanner
          error={list.error}
          onRetry={() => void list.reload()}
          title="Could not load the message log"
        />
      )}
      {!list.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState title="No messages yet.">
          Every message received from a peer or sent to one is listed here.
        </EmptyState>
      ) : (
        <div className="split">
          <div className="split-main">
            <div className="muted small pad-b">
              {formatCount(list.data.total)} messages ·{' '}
              <button type="button" className="link" onClick={() => void list.reload()}>
                Reload
              </button>
            </div>
            <VirtualTable
              label="Exchange messages"
              rows={rows}
              columns={columns}
              rowKey={(m) => m.id}
              selected={selected}
              onSelect={setSelected}
            />
          </div>
          <div className="split-side">
            {picked && <MessageDetail id={picked.id} onChanged={() => void list.reload()} />}
          </div>
        </div>
      )}
    </>
  );
}

function MessageDetail({ id, onChanged }: { id: number; onChanged(): void }) {
  const { data, error, reload } = useChannel('exchange.message', { id });
  const toast = useToasts((s) => s.push);
  if (error)
    return (
      <ErrorBanner
        error={error}
        onRetry={() => void reload()}
        title={`Could not load message ${id}`}
      />
    );
  if (!data) return <Loading />;
  const redeliver = async () => {
    const res = await invoke('exchange.redeliver', { id });
    if (res.ok) toast('ok', `Message ${id} queued for delivery now`);
    else toast('error', 'Not sent again', res.error.message);
    await reload();
    onChanged();
  };
  return (
    <div aria-label={`Message ${id}`}>
      <div className="section-head">
        <h2>
          {data.direction === 'in' ? 'Received' : 'Sent'}{' '}
          <span className="mono">{data.endpoint}</span>
        </h2>
        {data.direction === 'out' && data.state !== 'delivered' && (
          <button type="button" className="btn btn-small" onClick={() => void redeliver()}>
            Deliver now
          </button>
        )}
      </div>
      <div className="fields fields-compact">
        <Field label="message_id" mono>
          {data.messageId}
        </Field>
        <Field label="Signature">{data.signatureCheck}</Field>
        <Field label="State">{data.state}</Field>
        <Field label="HTTP">{data.httpStatus}</Field>
        {data.direction === 'out' && (
          <Field label="Delivered">
            {data.deliveredAt ? formatDateTime(data.deliveredAt) : 'not yet'}
          </Field>
        )}
        {data.direction === 'out' && <Field label="Attempts">{data.attempts}</Field>}
      </div>
      {data.error && <p className="text-error small">{data.error}</p>}
      <JsonView label="Header" value={data.header} />
      <JsonView label="Message" value={data.message ?? data.body} />
      <JsonView
        label={data.direction === 'in' ? 'Our answer' : "Peer's answer"}
        value={data.response}
      />
    </div>
  );
}
