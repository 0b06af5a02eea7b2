// The ULB: its codes and its heads of account (effective date, priority, the DDO that draws
// on it when not the ULB's own). Saved together; checked here and again in main.
import { useState } from 'react';
import {
  ulbSetupSchema,
  type HeadInput,
  type SettingsView,
  type Ulb,
} from '../../../../shared/settings';
import { invoke } from '../../api';
import { Banner } from '../../components/ui';
import { issuesByPath, useSettings } from '../../store/settings';
import { useToasts } from '../../store/toasts';
import { TextField } from './TextField';

const EMPTY_ULB: Ulb = { tenantId: '', cityCode: '', ddoCode: '', granteeCode: '', ssuIaId: '' };
type HeadRow = { hoa: string; ddoCode: string; effectiveDate: string; inUse: boolean };

export function UlbForm({ view }: { view: SettingsView }) {
  const [ulb, setUlb] = useState<Ulb>(view.ulb ?? EMPTY_ULB);
  const [heads, setHeads] = useState<HeadRow[]>(() =>
    view.heads
      .filter((h) => !view.ulb || h.tenantId === view.ulb.tenantId)
      .map((h) => ({
        hoa: h.hoa,
        ddoCode: h.ddoCode === view.ulb?.ddoCode ? '' : h.ddoCode,
        effectiveDate: h.effectiveDate,
        inUse: h.inUse,
      })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const field = (key: keyof Ulb) => ({
    value: ulb[key],
    error: errors[`ulb.${key}`],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setUlb({ ...ulb, [key]: e.target.value }),
  });
  const editHead = (i: number, patch: Partial<HeadRow>) =>
    setHeads(heads.map((h, j) => (j === i ? { ...h, ...patch } : h)));

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const request = {
      ulb: { ...ulb, cityCode: ulb.cityCode.trim().toUpperCase() },
      heads: heads.map((h, i): HeadInput => ({
        hoa: h.hoa,
        effectiveDate: h.effectiveDate,
        priority: i + 1,
        ...(h.ddoCode.trim() && { ddoCode: h.ddoCode.trim() }),
      })),
    };
    const checked = ulbSetupSchema.safeParse(request);
    setErrors(checked.success ? {} : issuesByPath(checked.error.issues));
    setFailure(null);
    if (!checked.success) return;
    setSaving(true);
    const res = await invoke('settings.saveUlb', request);
    setSaving(false);
    if (!res.ok) return setFailure(res.error.message);
    useSettings.getState().set(res.data);
    useToasts.getState().push('ok', 'ULB saved', ulb.tenantId);
  }

  return (
    <form className="card settings-card" onSubmit={(e) => void save(e)} aria-label="ULB">
      <h2>ULB</h2>
      <div className="form-grid form-grid-ulb">
        <TextField label="Tenant" placeholder="od.cuttack" {...field('tenantId')} />
        <TextField
          label="City code"
          placeholder="2011"
          hint="In bill numbers: PI-<code>/…"
          {...field('cityCode')}
        />
        <TextField label="DDO code" {...field('ddoCode')} />
        <TextField label="Grantee code" {...field('granteeCode')} />
        <TextField label="SSU ia id" {...field('ssuIaId')} />
      </div>
      <h3>Heads of account</h3>
      <p className="muted small">
        A payment that names its head is paid only from that head’s sanctions; one that names none
        from the first head, in this order, with enough funds.
      </p>
      {errors.heads && <div className="field-error">{errors.heads}</div>}
      <table className="table heads-table">
        <thead>
          <tr>
            <th>Priority</th>
            <th>Head of account</th>
            <th>DDO (if not the ULB’s)</th>
            <th>Effective from</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {heads.map((h, i) => (
            <tr key={i}>
              <td className="num">{i + 1}</td>
              <td>
                <input
                  aria-label={`Head of account ${i + 1}`}
                  className={`input mono${errors[`heads.${i}.hoa`] ? ' invalid' : ''}`}
                  value={h.hoa}
                  readOnly={h.inUse}
                  title={errors[`heads.${i}.hoa`] ?? (h.inUse ? 'Has sanctions or payments' : '')}
                  onChange={(e) => editHead(i, { hoa: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`DDO of head ${i + 1}`}
                  className={`input${errors[`heads.${i}.ddoCode`] ? ' invalid' : ''}`}
                  placeholder={ulb.ddoCode}
                  value={h.ddoCode}
                  readOnly={h.inUse}
                  onChange={(e) => editHead(i, { ddoCode: e.target.value })}
                />
              </td>
              <td>
                <input
                  type="date"
                  aria-label={`Effective date of head ${i + 1}`}
                  className={`input${errors[`heads.${i}.effectiveDate`] ? ' invalid' : ''}`}
                  value={h.effectiveDate}
                  onChange={(e) => editHead(i, { effectiveDate: e.target.value })}
                />
              </td>
              <td className="row-actions">
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Move head ${i + 1} up`}
                  disabled={i === 0}
                  onClick={() => setHeads(swap(heads, i - 1, i))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Remove head ${i + 1}`}
                  disabled={h.inUse}
                  title={h.inUse ? 'It has sanctions or payments: it stays.' : undefined}
                  onClick={() => setHeads(heads.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button
          type="button"
          className="btn"
          onClick={() =>
            setHeads([...heads, { hoa: '', ddoCode: '', effectiveDate: '', inUse: false }])
          }
        >
          Add head of account
        </button>
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save ULB'}
        </button>
      </div>
      {failure && <Banner tone="error">{failure}</Banner>}
    </form>
  );
}

function swap<T>(list: T[], a: number, b: number): T[] {
  const out = [...list];
  [out[a], out[b]] = [out[b]!, out[a]!];
  return out;
}
