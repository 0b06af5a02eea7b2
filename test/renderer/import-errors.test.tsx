// Payments → Import bills: a refused file's errors grouped by kind with counts, the first 200
// in view with the bad value and a hint, all of them downloadable as CSV; a file that is not
// CSV/JSON or is too big is refused before it is read or sent.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportError } from '../../shared/types';
import { IMPORT_MAX_BYTES } from '../../shared/import-file';
import { ok, renderApp, useFakeApi } from './fake-api';

const { api } = useFakeApi();

let downloads: { name: string; text: Promise<string> }[] = [];
beforeEach(() => {
  downloads = [];
  let blob: Blob | null = null;
  URL.createObjectURL = (b: Blob | MediaSource) => {
    blob = b as Blob;
    return 'blob:errors';
  };
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    downloads.push({ name: this.download, text: blob!.text() });
  });
});
afterEach(() => vi.restoreAllMocks());

// What main answers for a spreadsheet-damaged file (main/core/payments/import-errors.ts).
function errors(): ImportError[] {
  const amounts = Array.from({ length: 240 }, (_, i): ImportError => ({
    line: i + 2,
    field: 'amount',
    message: 'amount must be rupees with at most 2 decimals (got "1,250.50")',
    kind: 'amount',
    value: '1,250.50',
    hint: 'Write the amount as plain rupees: 1250.50, not 1,250.50.',
  }));
  return [
    ...amounts,
    {
      line: 300,
      field: 'account_no',
      message: 'account_no must be 9 to 18 digits',
      kind: 'account',
      value: '1.23457E+11',
      hint: 'A spreadsheet showed this long number in scientific notation (1.23457E+11)…',
    },
    {
      line: 301,
      field: 'name',
      message: 'name has a control or text-direction character',
      kind: 'text',
      value: '=HYPERLINK("http://x")',
      hint: null,
    },
  ];
}

function pick(file: File) {
  fireEvent.change(screen.getByLabelText('Import file'), { target: { files: [file] } });
}

async function openPayments() {
  api().answer('payments.list', ok({ rows: [], total: 0 }));
  renderApp('#/payments');
  await screen.findByText('No payments to pay yet.');
}

describe('Import bills', () => {
  it('groups the errors by kind with counts and shows the first 200 with value and hint', async () => {
    await openPayments();
    api().answer('payments.import', ok({ accepted: false, imported: [], errors: errors() }));
    pick(new File(['payment_number\n'], 'bills.csv', { type: 'text/csv' }));
    const table = await screen.findByRole('table', { name: 'Import errors' });
    expect(api().requestsFor('payments.import')).toEqual([
      { fileName: 'bills.csv', content: 'payment_number\n' },
    ]);
    expect(screen.getByRole('alert').textContent).toContain(
      'bills.csv was not imported: 242 problems. Nothing from this file was saved',
    );
    const groups = within(screen.getByRole('group', { name: 'Problems by kind' }))
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(groups).toEqual(['All 242', 'Amounts 240', 'Account numbers 1', 'Other values 1']);
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 200);
    expect(screen.getByText(/Showing the first 200 of 242/)).toBeTruthy();
    const first = within(table).getAllByRole('row')[1]!;
    expect(first.textContent).toContain('1,250.50');
    expect(first.textContent).toContain('Write the amount as plain rupees: 1250.50');

    fireEvent.click(screen.getByRole('button', { name: 'Account numbers 1' }));
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toMatch(
      /300.*account_no.*9 to 18 digits.*scientific.*1\.23457E\+11/,
    );
    expect(screen.queryByText(/Showing the first/)).toBeNull();
  });

  it('downloads every error as CSV, a formula-looking value kept as text', async () => {
    await openPayments();
    api().answer('payments.import', ok({ accepted: false, imported: [], errors: errors() }));
    pick(new File(['x'], 'bills.csv'));
    fireEvent.click(await screen.findByRole('button', { name: 'Download all 242 as CSV' }));
    expect(downloads.map((d) => d.name)).toEqual(['bills-errors.csv']);
    const text = (await downloads[0]!.text).replace(/^\uFEFF/, '');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('line,column,kind,problem,value in the file,hint');
    expect(lines).toHaveLength(1 + 242);
    expect(lines[1]).toBe(
      '2,amount,Amounts,"amount must be rupees with at most 2 decimals (got ""1,250.50"")","1,250.50","Write the amount as plain rupees: 1250.50, not 1,250.50."',
    );
    expect(lines[242]).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it('refuses a file over the size limit before reading or sending it', async () => {
    await openPayments();
    const file = new File(['x'], 'huge.csv');
    Object.defineProperty(file, 'size', { value: IMPORT_MAX_BYTES + 1 });
    const read = vi.spyOn(file, 'text');
    pick(file);
    await screen.findByText(/huge.csv is 20.0 MB; an import file may be at most 20 MB/);
    expect(read).not.toHaveBeenCalled();
    expect(api().requestsFor('payments.import')).toEqual([]);
  });

  it('says a workbook is not CSV or JSON and how to save it, without sending it', async () => {
    await openPayments();
    pick(new File(['PK\u0003\u0004'], 'bills.xlsx'));
    await screen.findByText(/bills.xlsx is a spreadsheet workbook, not a JSON or CSV file/);
    expect(screen.getByText(/Save As → CSV UTF-8/)).toBeTruthy();
    expect(api().requestsFor('payments.import')).toEqual([]);
  });

  it('reports an accepted file and reloads the list', async () => {
    await openPayments();
    api().answer(
      'payments.import',
      ok({ accepted: true, imported: ['EP/2023-24/000461'], errors: [] }),
    );
    const lists = api().requestsFor('payments.list').length;
    pick(new File(['ok'], 'bills.json'));
    await screen.findByText(/Imported 1 from bills.json/);
    await waitFor(() => expect(api().requestsFor('payments.list').length).toBeGreaterThan(lists));
  });
});
