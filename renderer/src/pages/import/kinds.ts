import type { ImportErrorKind } from '../../../../shared/types';

/** Group names, in the order the groups are listed: the file first, the ledger last. */
export const KIND_LABELS: Record<ImportErrorKind, string> = {
  file: 'The file',
  columns: 'Columns',
  missing: 'Missing values',
  amount: 'Amounts',
  account: 'Account numbers',
  ifsc: 'IFSC codes',
  mobile: 'Mobile numbers',
  text: 'Other values',
  duplicate: 'Repeated or disagreeing lines',
  ledger: 'Not in the ledger or already imported',
};
export const KIND_ORDER = Object.keys(KIND_LABELS) as ImportErrorKind[];
