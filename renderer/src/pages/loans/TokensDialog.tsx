// Bearer tokens for the service-request API: issued here, shown once, revocable.
import { useState } from 'react';
import type { IssuedToken } from '../../../../shared/loans';
import { invoke, type ApiError } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Banner, ErrorBanner } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useChannel } from '../../useChannel';

export function TokensDialog({ onClose }: { onClose(): void }) {
  const tokens = useChannel('loans.tokens', {});
  const [name, setName] = useState('');
  const [days, setDays] = useState(90);
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function issue() {
    setError(null);
    const res = await invoke('loans.token.issue', { name: name.trim(), days });
    if (!res.ok) return setError(res.error);
    setIssued(res.data);
    setName('');
    await tokens.reload();
  }

  async function revoke(id: number) {
    const res = await invoke('loans.token.revoke', { id });
    if (!res.ok) return setError(res.error);
    await tokens.reload();
  }

  const [now] = useState(() => Date.now());
  return (
    <Dialog title="API tokens" onClose={onClose} wide>
      <p className="muted small">
        The lender&apos;s system sends{' '}
        <span className="mono">Authorization: Bearer &lt;token&gt;</span> with each request to{' '}
        <span className="mono">/loan-modification/v1/service-request/save</span>. A token is shown
        once; the console keeps only its hash.
      </p>
      {error && <ErrorBanner error={error} title="Not done" />}
      {issued && (
        <Banner tone="ok">
          Token for {issued.name}, valid until {formatDateTime(issued.expiresAt)}. Copy it now:{' '}
          <code className="mono token-once" aria-label="New token">
            {issued.token}
          </code>
        </Banner>
      )}
      <form
        className="token-form"
        onSubmit={(e) => {
          e.preventDefault();
          void issue();
        }}
      >
        <input
          className="input"
          aria-label="Token name"
          placeholder="Who will use it (e.g. lender core system)"
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
        />
        <input
          className="input"
          type="number"
          aria-label="Valid for days"
          min={1}
          max={366}
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
        />
        <span className="muted small">days</span>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!name.trim() || !(days >= 1 && days <= 366)}
        >
          Issue token
        </button>
      </form>
      <table className="table" aria-label="Tokens">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Issued</th>
            <th scope="col">Expires</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {(tokens.data ?? []).map((t) => (
            <tr key={t.id} className={t.revokedAt || t.expiresAt <= now ? 'row-dim' : undefined}>
              <td>{t.name}</td>
              <td>{formatDateTime(t.createdAt)}</td>
              <td>
                {t.revokedAt
                  ? `revoked ${formatDateTime(t.revokedAt)}`
                  : formatDateTime(t.expiresAt)}
              </td>
              <td className="align-right">
                {!t.revokedAt && t.expiresAt > now && (
                  <button type="button" className="btn btn-small" onClick={() => void revoke(t.id)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
