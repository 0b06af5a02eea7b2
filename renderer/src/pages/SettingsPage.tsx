// Settings: the ULB and its heads, the treasury connection, the schedule. With `setup`, the
// first-start flow: what is missing, at the top, before any other screen.
import { useEffect, useState } from 'react';
import { Banner, ErrorBanner, Loading, PageHeader } from '../components/ui';
import { useSettings } from '../store/settings';
import { EngineForm } from './settings/EngineForm';
import { TreasuryForm } from './settings/TreasuryForm';
import { UlbForm } from './settings/UlbForm';
import { TokensDialog } from './loans/TokensDialog';

export function SettingsPage({ setup = false }: { setup?: boolean }) {
  const { view, error, load } = useSettings();
  const [tokens, setTokens] = useState(false);
  useEffect(() => {
    void load();
  }, [load]);

  if (error) return <ErrorBanner error={error} onRetry={() => void load()} />;
  if (!view) return <Loading />;
  return (
    <div className="page">
      <PageHeader
        title={setup ? 'Set up the console' : 'Settings'}
        subtitle={
          setup
            ? 'This console talks to a real treasury and does not know its ULB yet'
            : 'The ULB, its treasury and the nightly schedule'
        }
      />
      {view.setup.complete ? (
        setup || <Banner tone="ok">Set-up complete: payments can be pushed and VA can run.</Banner>
      ) : (
        <Banner tone="warn">
          <strong>Missing before payments can be pushed:</strong> {view.setup.missing.join('; ')}.
        </Banner>
      )}
      <UlbForm key={`ulb-${view.ulb?.tenantId ?? ''}`} view={view} />
      <div className="settings-grid">
        <TreasuryForm key={`t-${view.treasury.baseUrl}`} view={view} />
        <EngineForm view={view} />
      </div>
      {setup || (
        <section className="section" aria-label="Loan service API">
          <div className="section-head">
            <h2>Loan service API</h2>
            <button type="button" className="btn" onClick={() => setTokens(true)}>
              API tokens…
            </button>
          </div>
          <p className="muted small">
            Bearer tokens for the lender&apos;s system: issued here, shown once, expiring.
          </p>
        </section>
      )}
      {tokens && <TokensDialog onClose={() => setTokens(false)} />}
    </div>
  );
}
