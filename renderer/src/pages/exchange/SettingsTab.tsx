// The exchange's switch and address, our public key for peers, and the registered peers.
import { useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import { Table } from '../../components/Table';
import { Banner, Chip, ErrorBanner, Field, Loading } from '../../components/ui';
import { useToasts } from '../../store/toasts';
import { useChannel } from '../../useChannel';

export function SettingsTab() {
  const status = useChannel('exchange.status', {});
  const toast = useToasts((s) => s.push);
  const s = status.data;
  if (status.error)
    return (
      <ErrorBanner
        error={status.error}
        onRetry={() => void status.reload()}
        title="Could not load the exchange"
      />
    );
  if (!s) return <Loading />;
  const toggle = async () => {
    const res = await invoke('exchange.configure', { enabled: !s.enabled });
    if (!res.ok) toast('error', 'The exchange did not change', res.error.message);
    await status.reload();
  };
  return (
    <div className="fill-scroll">
      <section className="section">
        <div className="section-head">
          <h2>Exchange server</h2>
          <button
            type="button"
            className={`btn${s.enabled ? '' : ' btn-primary'}`}
            onClick={() => void toggle()}
          >
            {s.enabled ? 'Switch off' : 'Switch on'}
          </button>
        </div>
        {s.error && <Banner tone="error">{s.error}</Banner>}
        <div className="fields">
          <Field label="State">
            <Chip tone={s.running ? 'ok' : 'muted'}>
              {s.running
                ? s.enabled
                  ? 'listening'
                  : 'listening for this run only'
                : s.enabled
                  ? 'on, not running here'
                  : 'off'}
            </Chip>
          </Field>
          <Field label="Address" mono>
            {s.url ? `${s.url}/program-service/v1/` : `${s.host}:${s.port}`}
          </Field>
          <Field label="We are (receiver_id)" mono>
            {s.selfId}
          </Field>
        </div>
        <details>
          <summary className="small">Our public key (give it to peers)</summary>
          <pre className="mono small">{s.publicKey}</pre>
        </details>
      </section>
      <Peers />
    </div>
  );
}

function Peers() {
  const peers = useChannel('exchange.peers', {});
  const toast = useToasts((s) => s.push);
  const [form, setForm] = useState({ peerId: '', uri: '', publicKey: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const res = await invoke('exchange.peerSave', form);
    if (!res.ok) return setProblem(res.error.message);
    setProblem(null);
    setForm({ peerId: '', uri: '', publicKey: '' });
    toast('ok', `Peer ${res.data.peerId} saved`);
    await peers.reload();
  };
  const remove = async (peerId: string) => {
    const res = await invoke('exchange.peerRemove', { peerId });
    if (!res.ok) toast('error', 'Peer not removed', res.error.message);
    await peers.reload();
  };
  return (
    <section className="section">
      <div className="section-head">
        <h2>Peers</h2>
      </div>
      {peers.error && (
        <ErrorBanner
          error={peers.error}
          onRetry={() => void peers.reload()}
          title="Could not load peers"
        />
      )}
      {peers.data && (
        <Table
          label="Peers"
          rows={peers.data}
          rowKey={(p) => p.peerId}
          columns={[
            {
              key: 'id',
              header: 'Peer id (sender_id)',
              render: (p) => <span className="mono">{p.peerId}</span>,
            },
            {
              key: 'uri',
              header: 'Callbacks go to',
              render: (p) => <span className="mono small">{p.uri}</span>,
            },
            { key: 'programs', header: 'Programs', align: 'right', render: (p) => p.programs },
            { key: 'queued', header: 'Waiting to send', align: 'right', render: (p) => p.queued },
            {
              key: 'remove',
              header: '',
              render: (p) => (
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  onClick={() => void remove(p.peerId)}
                >
                  Remove
                </button>
              ),
            },
          ]}
        />
      )}
      <form className="card pad" onSubmit={(e) => void save(e)} aria-label="Register a peer">
        <h3>Register a peer</h3>
        <label className="field">
          <span className="field-label">Peer id (name@host)</span>
          <input
            className="input"
            required
            value={form.peerId}
            onChange={(e) => setForm({ ...form, peerId: e.target.value })}
            placeholder="works@https://mukta.example.org"
          />
        </label>
        <label className="field">
          <span className="field-label">Callback base URL</span>
          <input
            className="input"
            required
            value={form.uri}
            onChange={(e) => setForm({ ...form, uri: e.target.value })}
            placeholder="https://mukta.example.org"
          />
        </label>
        <label className="field">
          <span className="field-label">Public key (PEM)</span>
          <textarea
            className="input"
            required
            rows={4}
            style={{ height: 'auto' }}
            value={form.publicKey}
            onChange={(e) => setForm({ ...form, publicKey: e.target.value })}
            placeholder="-----BEGIN PUBLIC KEY-----"
          />
        </label>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="btn btn-primary">
          Save peer
        </button>
      </form>
    </section>
  );
}
