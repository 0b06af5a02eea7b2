// One failed beneficiary in the revised-PI dialog: tick, reason, and the corrected account
// (typed twice) and IFSC with the bank it belongs to.
import type { BeneficiaryRow } from '../../../../shared/types';
import { Money } from '../../components/ui';
import { FailureReason } from '../FailureReason';
import { ifscText, noSpaces, required, rowProblems, type IfscChecks, type Pick } from './rules';

export function ReviseRow({
  b,
  pick,
  checks,
  disabled,
  onChange,
}: {
  b: BeneficiaryRow;
  pick: Pick;
  checks: IfscChecks;
  disabled: boolean;
  onChange(p: Partial<Pick>): void;
}) {
  const problems = rowProblems(b, pick, checks);
  const need = required(b);
  const editable = !disabled && pick.checked;
  const bank = checks[pick.ifsc || b.ifsc];
  // Say what is wrong only once something is typed; an empty required field is said below it.
  const show = (text: string, problem: string | undefined) => (text ? problem : undefined);
  const accountError = show(pick.account, problems.account);
  const confirmError = show(pick.confirm, problems.confirm);
  const ifscError = show(pick.ifsc, problems.ifsc) ?? (pick.ifsc ? undefined : problems.ifsc);
  return (
    <tr className={pick.checked ? '' : 'row-dim'}>
      <td>
        <input
          type="checkbox"
          aria-label={`Include ${b.name}`}
          checked={pick.checked}
          disabled={disabled}
          onChange={(e) => onChange({ checked: e.target.checked })}
        />
      </td>
      <td>
        <div>{b.name}</div>
        <div className="mono small muted">{b.benfId}</div>
        <div className="mono small muted">
          {b.accountNo} · {b.ifsc}
        </div>
      </td>
      <td className="small revise-reason">
        {b.failedReason ? <FailureReason reason={b.failedReason} withFix /> : '—'}
      </td>
      <td className="align-right">
        <Money paise={b.amountPaise} />
      </td>
      <td>
        <input
          className={`input mono${accountError ? ' invalid' : ''}`}
          aria-label={`Corrected account number for ${b.name}`}
          aria-invalid={!!accountError}
          placeholder={need === 'account' ? 'New account no.' : 'Same as now'}
          inputMode="numeric"
          autoComplete="off"
          value={pick.account}
          disabled={!editable}
          onChange={(e) => onChange({ account: noSpaces(e.target.value) })}
        />
        {accountError && <div className="field-error">{accountError}</div>}
        {pick.account && (
          <>
            <input
              className={`input mono revise-confirm${confirmError ? ' invalid' : ''}`}
              aria-label={`Account number again for ${b.name}`}
              aria-invalid={!!confirmError}
              placeholder="Type it again"
              inputMode="numeric"
              autoComplete="off"
              value={pick.confirm}
              disabled={!editable}
              onPaste={(e) => e.preventDefault()}
              onChange={(e) => onChange({ confirm: noSpaces(e.target.value) })}
            />
            {confirmError && <div className="field-error">{confirmError}</div>}
          </>
        )}
        {editable && !pick.account && need === 'account' && (
          <div className="field-hint">Required: the bank refused this account.</div>
        )}
      </td>
      <td>
        <input
          className={`input mono${ifscError ? ' invalid' : ''}`}
          aria-label={`Corrected IFSC for ${b.name}`}
          aria-invalid={!!ifscError}
          placeholder={b.ifsc}
          autoComplete="off"
          maxLength={20}
          value={pick.ifsc}
          disabled={!editable}
          onChange={(e) => onChange({ ifsc: ifscText(e.target.value) })}
        />
        {ifscError && <div className="field-error">{ifscError}</div>}
        {!ifscError && bank?.valid && (
          <div className="small muted" aria-label={`Bank for ${b.name}`}>
            {bank.bankName ?? 'Bank branch found'}
          </div>
        )}
        {editable && problems.checking && <div className="small muted">Checking…</div>}
        {problems.warning && !pick.ifsc && (
          <div className="small text-warn">{problems.warning}</div>
        )}
      </td>
    </tr>
  );
}
