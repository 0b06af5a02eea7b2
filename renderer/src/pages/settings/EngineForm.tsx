// The nightly timetable (India time), retries, the FD/FTFPS watch window and concurrency.
import { useState } from 'react';
import {
  DEFAULT_SETTINGS,
  SCHEDULED_JOBS,
  engineSettingsSchema,
  type EngineSettingsInput,
  type SettingsView,
} from '../../../../shared/settings';
import { invoke } from '../../api';
import { Banner } from '../../components/ui';
import { issuesByPath, useSettings } from '../../store/settings';
import { useToasts } from '../../store/toasts';
import { TextField } from './TextField';

const LABEL: Record<(typeof SCHEDULED_JOBS)[number], string> = {
  VA: 'VA (allotments)',
  PI: 'PI re-send',
  PIS: 'PIS',
  PD: 'PD, then FD',
  PAG: 'PAG',
  FTPS: 'FTPS',
  FTFPS: 'FTFPS',
};

type NumberKey = Exclude<keyof EngineSettingsInput, 'schedule'>;

export function EngineForm({ view }: { view: SettingsView }) {
  const [s, setS] = useState<EngineSettingsInput>(view.settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const num = (key: NumberKey) => ({
    type: 'number',
    value: Number.isNaN(s[key]) ? '' : s[key],
    error: errors[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      setS({ ...s, [key]: e.target.value === '' ? NaN : Number(e.target.value) }),
  });

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const checked = engineSettingsSchema.safeParse(s);
    setErrors(checked.success ? {} : issuesByPath(checked.error.issues));
    setFailure(null);
    if (!checked.success) return;
    setSaving(true);
    const res = await invoke('settings.saveEngine', s);
    setSaving(false);
    if (!res.ok) return setFailure(res.error.message);
    useSettings.getState().set(res.data);
    useToasts.getState().push('ok', 'Settings saved', 'The schedule and retries apply now.');
  }

  return (
    <form
      className="card settings-card"
      onSubmit={(e) => void save(e)}
      aria-label="Schedule and retries"
    >
      <h2>Schedule and retries</h2>
      <p className="muted small">Times are India time, whatever this computer’s zone.</p>
      <div className="form-grid form-grid-times">
        {SCHEDULED_JOBS.map((job) => (
          <TextField
            key={job}
            label={LABEL[job]}
            type="time"
            value={s.schedule[job]}
            error={errors[`schedule.${job}`]}
            onChange={(e) => setS({ ...s, schedule: { ...s.schedule, [job]: e.target.value } })}
          />
        ))}
      </div>
      <div className="form-grid">
        <TextField label="First retry after (seconds)" min={5} {...num('retryStartSeconds')} />
        <TextField
          label="Longest wait between retries (minutes)"
          min={1}
          {...num('retryCapMinutes')}
        />
        <TextField label="Watch completed PIs for failures (days)" min={1} {...num('watchDays')} />
        <TextField label="Treasury calls at a time" min={1} max={32} {...num('concurrency')} />
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => setS(DEFAULT_SETTINGS)}>
          Defaults
        </button>
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
      </div>
      {failure && <Banner tone="error">{failure}</Banner>}
    </form>
  );
}
