// Whether an IFSC names a real bank branch, from the RBI list the `ifsc` package ships
// (offline: no look-up leaves the machine). A code of the right shape can still be made up or
// mistyped (the letter O for a zero); the treasury would take it and the bank return the
// money weeks later, so the import and a revised PI both refuse it here.
import ifsc from 'ifsc';
import bankNames from 'ifsc/src/banknames.json';
import sublets from 'ifsc/src/sublet.json';
import customSublets from 'ifsc/src/custom-sublets.json';
import type { IfscCheck } from '../../../shared/types';
import { IFSC_RE } from './rules';

const names = bankNames as Record<string, string>;
const subletOf = sublets as Record<string, string>;
const customPrefixes = Object.entries(customSublets as Record<string, string>);

/** The bank a branch belongs to: a sub-member bank's codes sit under its sponsor's prefix. */
function bankName(code: string): string | null {
  const member = subletOf[code] ?? customPrefixes.find(([prefix]) => code.startsWith(prefix))?.[1];
  return names[member ?? code.slice(0, 4)] ?? null;
}

/** The code with O read as 0 and I as 1 after the bank part, when that is a real branch. */
function misreadOf(code: string): string | null {
  const guess = code.slice(0, 4) + code.slice(4).replace(/O/g, '0').replace(/I/g, '1');
  return guess !== code && ifsc.validate(guess) ? guess : null;
}

/** Why a code is refused, as the rest of a sentence that starts with the code; null if valid. */
function problemOf(code: string): string | null {
  if (!IFSC_RE.test(code)) {
    const letterO = code.length === 11 && code[4] === 'O';
    return (
      'must be 4 letters, 0, then 6 letters or digits (like SBIN0003491)' +
      (letterO ? ': the fifth character is the digit 0, not the letter O' : '')
    );
  }
  if (ifsc.validate(code)) return null;
  const guess = misreadOf(code);
  if (guess)
    return `is not a bank branch: a letter O or I was probably typed for 0 or 1 (${guess} is ${bankName(guess) ?? 'a branch'})`;
  const bank = names[code.slice(0, 4)];
  return bank
    ? `is not a bank branch: ${code.slice(0, 4)} is ${bank}, which has no branch ${code.slice(5)}`
    : `is not a bank branch: no bank has the code ${code.slice(0, 4)}`;
}

// An import repeats a few codes on many lines, and validate() scans the bank's list.
const seen = new Map<string, IfscCheck>();

export function checkIfsc(input: string): IfscCheck {
  const code = input.replace(/\s+/g, '').toUpperCase();
  let check = seen.get(code);
  if (!check) {
    const problem = problemOf(code);
    check = problem
      ? { code, valid: false, bankName: null, message: `IFSC ${code || '(empty)'} ${problem}.` }
      : { code, valid: true, bankName: bankName(code), message: null };
    if (seen.size > 10_000) seen.clear();
    seen.set(code, check);
  }
  return check;
}

/** The reason alone, for messages that name the field already ("ifsc is not a bank branch…"). */
export function ifscProblem(input: string): string | null {
  const code = input.replace(/\s+/g, '').toUpperCase();
  return checkIfsc(code).valid ? null : problemOf(code);
}

/**
 * The same check for a line imported from the ULB's own records. A known bank's branch that the
 * shipped list lacks is taken: the list lags the banks (the real treasury's FTPS sample pays
 * SBIN0020852, which it does not have), and refusing it would stop a real beneficiary's
 * payment. A wrong shape, an unknown bank and an O-for-0 misread of a real branch are refused.
 */
export function importIfscProblem(input: string): string | null {
  const code = input.replace(/\s+/g, '').toUpperCase();
  const problem = ifscProblem(code);
  if (!problem) return null;
  const knownBank = IFSC_RE.test(code) && names[code.slice(0, 4)] !== undefined;
  return knownBank && !misreadOf(code) ? null : problem;
}
