// The shell: navigation, header with treasury and job progress, toasts, global keys.
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/types';
import { getApi, invoke } from './api';
import { ProgressBar } from './components/ui';
import { CallsPage } from './pages/CallsPage';
import { FundsPage } from './pages/FundsPage';
import { JobsPage } from './pages/JobsPage';
import { NeedsActionPage } from './pages/NeedsActionPage';
import { OverviewPage } from './pages/overview/OverviewPage';
import { PaymentsPage } from './pages/PaymentsPage';
import { PiDetailPage } from './pages/PiDetailPage';
import { PiListPage } from './pages/PiListPage';
import { SettingsPage } from './pages/SettingsPage';
import { SmsPage } from './pages/SmsPage';
import { RequestsPage } from './pages/loans/RequestsPage';
import { ExchangePage } from './pages/exchange/ExchangePage';
import { useSettings } from './store/settings';
import { isActive, overallProgress, useJobs } from './store/jobs';
import { usePiDetail } from './store/piDetail';
import { usePis } from './store/pis';
import { hrefFor, useRouter, type RouteName } from './store/router';
import { useToasts } from './store/toasts';

const NAV: { name: RouteName; label: string; match: RouteName[] }[] = [
  { name: 'worklist', label: 'Needs action', match: ['worklist'] },
  { name: 'overview', label: 'Overview', match: ['overview'] },
  { name: 'pis', label: 'Payment Instructions', match: ['pis', 'pi'] },
  { name: 'payments', label: 'Payments', match: ['payments'] },
  { name: 'funds', label: 'Funds', match: ['funds'] },
  { name: 'jobs', label: 'Jobs', match: ['jobs'] },
  { name: 'calls', label: 'Treasury call log', match: ['calls'] },
  { name: 'sms', label: 'SMS outbox', match: ['sms'] },
  { name: 'requests', label: 'Loan requests', match: ['requests'] },
  { name: 'exchange', label: 'Program exchange', match: ['exchange'] },
  { name: 'settings', label: 'Settings', match: ['settings'] },
];

export function App() {
  const route = useRouter((s) => s.route);
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    const sync = () => useRouter.getState().sync();
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, []);

  const settings = useSettings((s) => s.view);
  useEffect(() => {
    void invoke('app.info', {}).then((res) => res.ok && setInfo(res.data));
    void useSettings.getState().load();
  }, [settings?.treasury.baseUrl]);
  // A real treasury and a ULB not set up: the setup flow, not empty screens.
  const needsSetup =
    !!info && info.treasury.kind === 'remote' && settings?.setup.complete === false;

  useEffect(() => {
    const api = getApi();
    const offProgress = api.on('job.progress', (p) => useJobs.getState().apply(p));
    let pending: ReturnType<typeof setTimeout> | null = null;
    const offChanged = api.on('pi.changed', ({ ids }) => {
      // A nightly run changes many PIs in bursts: reload once the burst settles.
      if (pending) clearTimeout(pending);
      pending = setTimeout(() => {
        pending = null;
        const r = useRouter.getState().route;
        if (r.name === 'pis') {
          void usePis.getState().load();
        }
        const d = usePiDetail.getState();
        if (r.name === 'pi' && d.id !== null && ids.includes(d.id)) void d.reload();
      }, 300);
    });
    return () => {
      offProgress();
      offChanged();
      if (pending) clearTimeout(pending);
    };
  }, []);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      const typing =
        !!target &&
        (target.tagName === 'INPUT' ||
          target.tagName === 'TEXTAREA' ||
          target.tagName === 'SELECT' ||
          target.isContentEditable);
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        const search = document.querySelector<HTMLInputElement>('.page input[type="search"]');
        if (search) {
          e.preventDefault();
          search.focus();
          search.select();
        }
      } else if (e.key === 'Escape' && !document.querySelector('dialog[open]')) {
        if (typing) target?.blur();
        else useRouter.getState().back();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <Header info={info} />
      <div className="app-body">
        <nav className="sidebar" aria-label="Main">
          {NAV.map((n) => (
            <a
              key={n.name}
              href={hrefFor(n.name)}
              className={`nav-item${n.match.includes(route.name) ? ' active' : ''}`}
              aria-current={n.match.includes(route.name) ? 'page' : undefined}
            >
              {n.label}
            </a>
          ))}
          <div className="sidebar-foot muted small">
            {info && (
              <>
                <div title={info.dbPath}>Ledger v{info.schemaVersion}</div>
                <div>Console {info.version}</div>
              </>
            )}
          </div>
        </nav>
        <main className="main" id="main">
          {needsSetup ? <SettingsPage setup /> : <Page />}
        </main>
      </div>
      <Toasts />
    </div>
  );
}

function Page() {
  const route = useRouter((s) => s.route);
  switch (route.name) {
    case 'pi':
      return <PiDetailPage id={route.id!} />;
    case 'calls':
      return <CallsPage />;
    case 'payments':
      return <PaymentsPage />;
    case 'funds':
      return <FundsPage />;
    case 'jobs':
      return <JobsPage />;
    case 'sms':
      return <SmsPage />;
    case 'requests':
      return <RequestsPage />;
    case 'exchange':
      return <ExchangePage />;
    case 'settings':
      return <SettingsPage />;
    case 'worklist':
      return <NeedsActionPage />;
    case 'overview':
      return <OverviewPage />;
    default:
      return <PiListPage />;
  }
}

function Header({ info }: { info: AppInfo | null }) {
  const progress = useJobs((s) => s.progress);
  const overall = overallProgress(progress);
  const running = Object.values(progress).filter(isActive);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ₹
        </span>
        JIT Payments Console
      </div>
      <div className="topbar-right">
        {running.length > 0 && (
          <a className="topbar-job" href={hrefFor('jobs')} title="Jobs running">
            Running {running.map((p) => p!.service).join(', ')}
            {overall !== null && ` · ${Math.round(overall * 100)}%`}
          </a>
        )}
        {info && (
          <span className={`treasury-badge ${info.treasury.kind}`} title={info.treasury.baseUrl}>
            {info.treasury.kind === 'sandbox' ? 'Sandbox treasury' : 'Treasury'} ·{' '}
            {shortUrl(info.treasury.baseUrl)}
          </span>
        )}
      </div>
      {overall !== null && (
        <div className="global-progress">
          <ProgressBar value={overall} label="Jobs progress" />
        </div>
      )}
    </header>
  );
}

function shortUrl(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function Toasts() {
  const { toasts, dismiss, dialogs } = useToasts();
  if (dialogs > 0) return null;
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast toast-${t.tone}`}
          role={t.tone === 'error' ? 'alert' : 'status'}
        >
          <div className="toast-body">
            <strong>
              {t.title}
              {t.count > 1 && <span className="toast-count"> ×{t.count}</span>}
            </strong>
            {t.detail && <span>{t.detail}</span>}
          </div>
          <button
            type="button"
            className="btn btn-ghost btn-icon"
            aria-label="Dismiss"
            onClick={() => dismiss(t.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
