// What the revised-PI dialog requires of each ticked beneficiary before it can be sent, and
// why the send is blocked, in words. Main checks the same bank details again (revise.ts).
import { classifyFailure } from '../../../../shared/failure';
import type { BeneficiaryRow, IfscCheck } from '../../../../shared/types';

export const ACCOUNT_RE = /^\d{9,18}$/;
export const IFSC_SHAPE = /^[A-Z]{4}0[A-Z0-9]{6}$/;

export interface Pick {
  checked: boolean;
  account: string;
  confirm: string;
  ifsc: string;
}
export const EMPTY_PICK: Pick = { checked: false, account: '', confirm: '', ifsc: '' };

/** Spaces never belong in an account number or an IFSC: they come from a passbook's grouping. */
export const noSpaces = (text: string) => text.replace(/\s+/g, '');
export const ifscText = (text: string) => noSpaces(text).toUpperCase();

/** IFSC results by code; a code not yet answered is absent. */
export type IfscChecks = Record<string, IfscCheck>;

/** What the bank's reason says must change: a new account, a new IFSC, or nothing. */
export function required(b: BeneficiaryRow): 'account' | 'ifsc' | null {
  const advice = classifyFailure(b.failedReason);
  if (advice.kind === 'ifsc') return 'ifsc';
  return advice.needsNewAccount ? 'account' : null;
}

export interface RowProblems {
  account?: string;
  confirm?: string;
  ifsc?: string;
  /** A typed IFSC is still being checked. */
  checking?: boolean;
  /** Worth a look, but no reason to stop. */
  warning?: string;
}

/** The problems of one ticked row; empty when it may be sent. */
export function rowProblems(b: BeneficiaryRow, pick: Pick, checks: IfscChecks): RowProblems {
  const out: RowProblems = {};
  if (!pick.checked) return out;
  const need = required(b);
  const label = classifyFailure(b.failedReason).label.toLowerCase();
  if (!pick.account && need === 'account')
    out.account = `enter the new account number (the bank said: ${label})`;
  else if (pick.account && !ACCOUNT_RE.test(pick.account))
    out.account = 'the account number must be 9 to 18 digits';
  else if (pick.account && pick.account === b.accountNo && need === 'account')
    out.account = 'this is the account that failed: enter the new one';
  if (pick.account && !out.account && pick.confirm !== pick.account) {
    out.confirm = pick.confirm
      ? 'the two account numbers differ'
      : 'type the new account number again to confirm it';
  }
  const code = pick.ifsc || b.ifsc;
  const check = checks[code];
  if (!pick.ifsc && need === 'ifsc') out.ifsc = 'enter the corrected IFSC (the bank said: IFSC)';
  else if (pick.ifsc && !IFSC_SHAPE.test(pick.ifsc))
    out.ifsc = 'the IFSC must be 4 letters, 0, then 6 letters or digits (like SBIN0003491)';
  else if (pick.ifsc && pick.ifsc === b.ifsc && need === 'ifsc')
    out.ifsc = 'this is the IFSC that failed: enter the corrected one';
  else if (!check) out.checking = !!pick.ifsc;
  else if (!check.valid && pick.ifsc) out.ifsc = check.message ?? 'not a bank branch';
  // The IFSC already on the bill is kept as the treasury took it, with a word of caution.
  else if (!check.valid)
    out.warning = `the current IFSC is not in the bank branch list shipped with the console: check it against the passbook.`;
  return out;
}

/** Why the dialog cannot go on, in one sentence; null when it can. */
export function blockReason(
  rows: BeneficiaryRow[],
  picks: Record<number, Pick>,
  checks: IfscChecks,
): string | null {
  const chosen = rows.filter((b) => picks[b.id]?.checked);
  if (chosen.length === 0) return 'Tick at least one failed beneficiary to include.';
  let checking = false;
  for (const b of chosen) {
    const p = rowProblems(b, picks[b.id]!, checks);
    const first = p.account ?? p.confirm ?? p.ifsc;
    if (first) return `${b.name}: ${first}.`.replace(/\.\.$/, '.');
    checking ||= !!p.checking;
  }
  return checking ? 'Checking the IFSC against the bank branch list…' : null;
}
