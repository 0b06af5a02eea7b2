// Why a bank returned a credit, as the class of problem and the fix it needs. Banks word the
// same return many ways (" Account is Dormant", "A/C CLOSED", "Invalid IFSC"); staff need to
// know what to ask the beneficiary for, not to decode the wording.
export type FailureClass =
  | 'account-closed'
  | 'frozen-dormant'
  | 'name-mismatch'
  | 'ifsc'
  | 'invalid-account'
  | 'limit'
  | 'technical'
  | 'other';

export interface FailureAdvice {
  kind: FailureClass;
  label: string;
  fix: string;
  /** The fix needs a corrected account number or IFSC. */
  needsNewAccount: boolean;
}

const ADVICE: Record<FailureClass, Omit<FailureAdvice, 'kind'>> = {
  'account-closed': {
    label: 'Account closed',
    fix: 'Get the beneficiary’s new account number and IFSC, then revise with them.',
    needsNewAccount: true,
  },
  'frozen-dormant': {
    label: 'Frozen or dormant',
    fix: 'Ask the beneficiary to reactivate the account at the branch (KYC), or give another account.',
    needsNewAccount: false,
  },
  'name-mismatch': {
    label: 'Name mismatch',
    fix: 'Check the name on the passbook: the account must be in the beneficiary’s own name.',
    needsNewAccount: true,
  },
  ifsc: {
    label: 'IFSC',
    fix: 'Correct the IFSC from the passbook or a cheque leaf, then revise.',
    needsNewAccount: true,
  },
  'invalid-account': {
    label: 'Invalid account',
    fix: 'Correct the account number from the passbook (typed twice), then revise.',
    needsNewAccount: true,
  },
  limit: {
    label: 'Limit',
    fix: 'The account cannot take this credit: ask for full KYC at the branch, or another account.',
    needsNewAccount: false,
  },
  technical: {
    label: 'Technical',
    fix: 'Nothing to correct: revise with the same details.',
    needsNewAccount: false,
  },
  other: {
    label: 'Other',
    fix: 'Read the bank’s reason; ask the treasury if it is unclear.',
    needsNewAccount: false,
  },
};

// First match wins: "invalid IFSC" is an IFSC problem, "account closed" is not an invalid account.
const RULES: [FailureClass, RegExp][] = [
  ['account-closed', /clos|transferred/],
  ['frozen-dormant', /dormant|frozen|freez|inoperative|inactive|blocked|suspend/],
  ['name-mismatch', /name/],
  ['ifsc', /ifsc|branch|bank code|sort code/],
  [
    'invalid-account',
    /invalid (beneficiary )?(a\/?c|account)|no such account|(a\/?c|account)( number| no\.?)? (does not exist|not found|incorrect|invalid|wrong)|incorrect (a\/?c|account)|wrong (a\/?c|account)|invalid beneficiary/,
  ],
  ['limit', /limit|exceed|maximum|max amount/],
  [
    'technical',
    /technical|time ?out|timed out|network|unavailable|not available|host|system|cbs|offline|try again|unable to process/,
  ],
];

export function classifyFailure(reason: string | null | undefined): FailureAdvice {
  const text = (reason ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
  const kind = RULES.find(([, re]) => re.test(text))?.[0] ?? 'other';
  return { kind, ...ADVICE[kind] };
}
