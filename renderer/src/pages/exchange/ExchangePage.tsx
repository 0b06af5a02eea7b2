// The program-service exchange: programs with their sanctions and allocations, disbursements,
// the message log, and the exchange's settings and peers, as tabs of one page.
import { hrefFor, useRouter } from '../../store/router';
import { PageHeader } from '../../components/ui';
import { DisbursementsTab } from './DisbursementsTab';
import { MessagesTab } from './MessagesTab';
import { ProgramsTab } from './ProgramsTab';
import { SettingsTab } from './SettingsTab';

const TABS = [
  { key: 'programs', label: 'Programs & funds' },
  { key: 'disbursements', label: 'Disbursements' },
  { key: 'messages', label: 'Message log' },
  { key: 'settings', label: 'Settings & peers' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

export function ExchangePage() {
  const query = useRouter((s) => s.route.query);
  const tab: TabKey = TABS.some((t) => t.key === query.tab) ? (query.tab as TabKey) : 'programs';
  return (
    <div className="page page-fill">
      <PageHeader
        title="Program-service exchange"
        subtitle="Programs, sanctions, allocations and disbursements exchanged with the works system (iFIX)"
      />
      <div className="tabs" role="tablist" aria-label="Exchange">
        {TABS.map((t) => (
          <a
            key={t.key}
            role="tab"
            aria-selected={tab === t.key}
            className={`tab${tab === t.key ? ' active' : ''}`}
            href={hrefFor('exchange', null, { tab: t.key })}
          >
            {t.label}
          </a>
        ))}
      </div>
      {tab === 'programs' && <ProgramsTab />}
      {tab === 'disbursements' && <DisbursementsTab />}
      {tab === 'messages' && <MessagesTab />}
      {tab === 'settings' && <SettingsTab />}
    </div>
  );
}
