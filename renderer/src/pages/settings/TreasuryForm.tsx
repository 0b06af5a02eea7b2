// The treasury connection: base URL, client id, public key file and the secret, which goes
// to main and never comes back (the page only learns whether one is kept). "Test
// connection" logs in with what is typed, the kept secret when none is.
import { useState } from 'react';
import {
  treasuryConnectionSchema,
  type ConnectionTest,
  type SettingsView,
} from '../../../../shared/settings';
import { invoke } from '../../api';
import { Banner } from '../../components/ui';
import { issuesByPath, useSettings } from '../../store/settings';
import { useToasts } from '../../store/toasts';
import { TextField } from './TextField';

export function TreasuryForm({ view }: { view: SettingsView }) {
  const t = view.treasury;
  const [form, setForm] = useState({
    baseUrl: t.source === 'sandbox' ? '' : t.baseUrl,
    clientId: t.clientId ?? '',
    publicKeyFile: t.publicKeyFile ?? '',
    secret: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const field = (key: keyof typeof form) => ({
    value: form[key],
    error: errors[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      setForm({ ...form, [key]: e.target.value }),
  });

  function request() {
    const { secret, ...rest } = form;
    const req = { ...rest, ...(secret && { secret }) };
    const checked = treasuryConnectionSchema.safeParse(req);
    setErrors(checked.success ? {} : issuesByPath(checked.error.issues));
    setFailure(null);
    return checked.success ? req : null;
  }

  async function runTest() {
    const req = request();
    if (!req) return;
    setBusy('test');
    setTest(null);
    const res = await invoke('settings.testTreasury', req);
    setBusy(null);
    if (res.ok) setTest(res.data);
    else setFailure(res.error.message);
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const req = request();
    if (!req) return;
    setBusy('save');
    const res = await invoke('settings.saveTreasury', req);
    setBusy(null);
    if (!res.ok) return setFailure(res.error.message);
    setForm({ ...form, secret: '' });
    useSettings.getState().set(res.data);
    useToasts.getState().push('ok', 'Treasury connection saved', req.baseUrl);
  }

  return (
    <form
      className="card settings-card"
      onSubmit={(e) => void save(e)}
      aria-label="Treasury connection"
    >
      <h2>Treasury connection</h2>
      <p className="muted small">
        {t.source === 'sandbox' &&
          'The console now talks to its embedded sandbox treasury (a demo). '}
        {t.source === 'environment' &&
          'The connection in use comes from the environment (JIT_BASE_URL…); what is saved here applies when it is not set. '}
        https:// only; plain http:// only to this machine.
      </p>
      <div className="form-grid">
        <TextField
          label="Base URL"
          placeholder="https://jit.odishatreasury.gov.in/api"
          {...field('baseUrl')}
        />
        <TextField label="Client id" autoComplete="off" {...field('clientId')} />
        <TextField
          label="Public key file"
          placeholder="/path/to/treasury-public-key.pem"
          hint="The treasury’s RSA public key (PEM or DER) on this computer"
          {...field('publicKeyFile')}
        />
        <TextField
          label="Client secret"
          type="password"
          autoComplete="new-password"
          placeholder={t.secretStored ? 'kept — type to replace' : ''}
          hint={
            t.secretStore
              ? `Kept in ${t.secretStore}; never shown again.`
              : 'This host cannot keep it: it comes from JIT_CLIENT_SECRET_FILE (owner-only file) or JIT_CLIENT_SECRET. Type it here to test.'
          }
          {...field('secret')}
        />
      </div>
      <div className="form-actions">
        <button type="button" className="btn" disabled={!!busy} onClick={() => void runTest()}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="btn btn-primary" disabled={!!busy}>
          {busy === 'save' ? 'Saving…' : 'Save connection'}
        </button>
      </div>
      {test && (
        <Banner tone={test.ok ? 'ok' : 'error'}>
          <strong>{test.ok ? 'Connected.' : 'Connection failed.'}</strong> {test.message} (
          {test.durationMs} ms)
        </Banner>
      )}
      {failure && <Banner tone="error">{failure}</Banner>}
    </form>
  );
}
