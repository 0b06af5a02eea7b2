// The Payments page's own states and the multi-push: paid/failed counts on a row, a refusal
// kept on its row, selection by keyboard and Shift+click, the funds preview (loading, error,
// data) and the pushes made one by one, in preview order, with their progress.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PaymentRow } from '../../shared/types';
import type { PushPreview } from '../../shared/push-preview';
import type { PushResult } from '../../shared/types';
import type { Result } from '../../shared/contract';
import { fail, ok, renderApp, useFakeApi } from './fake-api';

const { api } = useFakeApi();
const HOA = '2217-05-191-2634-01-00-00-00';

function payment(id: number, overrides: Partial<PaymentRow> = {}): PaymentRow {
  return {
    id,
    paymentNumber: `EP/2023-24/${String(id).padStart(6, '0')}`,
    tenantId: 'od.angul',
    hoa: HOA,
    grossPaise: 300_000,
    beneficiaryCount: 3,
    latestPiId: null,
    latestBillNo: null,
    latestStatus: null,
    canPush: true,
    progress: null,
    refusal: null,
    ...overrides,
  };
}

const preview = (ids: number[]): PushPreview => ({
  payments: ids.map((id, i) => ({
    paymentId: id,
    paymentNumber: `EP/2023-24/${String(id).padStart(6, '0')}`,
    grossPaise: 300_000,
    sanctionId: i === ids.length - 1 ? null : 1,
    mstAllotmentDistId: i === ids.length - 1 ? null : 'MAD-1013-01',
    hoa: i === ids.length - 1 ? null : HOA,
    refusal:
      i === ids.length - 1
        ? `Not enough funds for payment EP/2023-24/${String(id).padStart(6, '0')}: it needs ₹45,00,000.00`
        : null,
  })),
  sanctions: [
    {
      sanctionId: 1,
      mstAllotmentDistId: 'MAD-1013-01',
      tenantId: 'od.angul',
      hoa: HOA,
      availablePaise: 250_000_000,
      takesPaise: 300_000 * (ids.length - 1),
      leftPaise: 250_000_000 - 300_000 * (ids.length - 1),
    },
  ],
  heads: [
    {
      tenantId: 'od.angul',
      hoa: HOA,
      availablePaise: 250_000_000,
      takesPaise: 300_000 * (ids.length - 1),
      leftPaise: 250_000_000 - 300_000 * (ids.length - 1),
    },
  ],
  totalPaise: 300_000 * (ids.length - 1),
  refusedCount: 1,
});

describe('Payments rows', () => {
  it('says how far each payment got: Paid 15/23, 8 failed; PI in progress; a refusal stays on its row', async () => {
    api().answer(
      'payments.list',
      ok({
        total: 4,
        rows: [
          payment(1, {
            latestPiId: 11,
            latestBillNo: 'PI-1013/2023-24/000011',
            latestStatus: 'Completed',
            canPush: false,
            progress: { total: 23, paid: 15, failed: 8, moved: 0 },
          }),
          payment(2, {
            latestPiId: 12,
            latestBillNo: 'PI-1013/2023-24/000012',
            latestStatus: 'Approved',
            canPush: false,
            progress: { total: 3, paid: 0, failed: 0, moved: 0 },
          }),
          payment(3, {
            refusal: {
              message:
                'Not enough funds for payment EP/2023-24/000003: it needs ₹45,00,000.00 and head of account lacks funds.',
              at: Date.UTC(2023, 9, 2, 5, 0),
            },
          }),
          payment(4, {
            latestPiId: 14,
            latestBillNo: 'PI-1013/2023-24/000014',
            latestStatus: 'Completed',
            canPush: false,
            progress: { total: 2, paid: 2, failed: 0, moved: 0 },
          }),
        ],
      }),
    );
    renderApp('#/payments');
    const table = await screen.findByRole('table', { name: 'Payments' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]!.textContent).toContain('Paid 15/23, 8 failed');
    expect(rows[1]!.textContent).not.toMatch(/\bPaid\b(?! 15)/);
    expect(rows[2]!.textContent).toContain('PI in progress');
    expect(within(rows[3]!).getByRole('note').textContent).toBe(
      'Push refused (02 Oct 2023, 10:30): Not enough funds for payment EP/2023-24/000003: it needs ₹45,00,000.00 and head of account lacks funds.',
    );
    expect(rows[4]!.textContent).toContain('Paid 2/2');
    // Only payments that may get a PI can be selected.
    expect(within(rows[1]!).queryByRole('checkbox')).toBeNull();
    expect(
      within(rows[3]!).getByRole('checkbox', { name: 'Select EP/2023-24/000003' }),
    ).toBeTruthy();
  });

  it('shows its loading, empty and error states', async () => {
    let release: (r: Result<{ rows: PaymentRow[]; total: number }>) => void = () => undefined;
    api().answer('payments.list', () => new Promise((resolve) => (release = resolve)));
    renderApp('#/payments');
    await screen.findByRole('status');
    expect(screen.getByText('Loading…')).toBeTruthy();
    await act(async () => release(ok({ rows: [], total: 0 })));
    await screen.findByText('No payments to pay yet.');
    expect(screen.queryByRole('button', { name: 'Push selected…' })).toBeNull();
  });

  it('says why the list could not load', async () => {
    api().answer('payments.list', fail('INTERNAL', 'The ledger is busy.'));
    renderApp('#/payments');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load payments');
    expect(alert.textContent).toContain('The ledger is busy.');
  });
});

describe('pushing several payments', () => {
  function listOf(n: number) {
    api().answer(
      'payments.list',
      ok({ total: n, rows: Array.from({ length: n }, (_, i) => payment(n - i)) }),
    );
  }

  it('selects by Space and Shift+click, previews the funds, then pushes one by one in preview order with progress', async () => {
    listOf(5);
    const pushes: number[] = [];
    let answer: (r: Result<PushResult>) => void = () => undefined;
    api().answer('funds.preview', (req) => ok(preview(req.paymentIds)));
    api().answer('pi.push', (req) => {
      pushes.push(req.paymentId);
      return new Promise((resolve) => (answer = resolve));
    });
    renderApp('#/payments');
    const five = await screen.findByRole('checkbox', { name: 'Select EP/2023-24/000005' });
    // Space on a focused checkbox is a click without Shift.
    fireEvent.click(five);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select EP/2023-24/000003' }), {
      shiftKey: true,
    });
    expect(screen.getByText(/3 selected/)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select EP/2023-24/000004' }));
    expect(screen.getByText(/2 selected/)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select EP/2023-24/000004' }));

    fireEvent.click(screen.getByRole('button', { name: 'Push selected…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Push 3 payments' });
    expect(api().requestsFor('funds.preview')).toEqual([{ paymentIds: [5, 4, 3] }]);
    const heads = await within(dialog).findByRole('table', { name: 'Funds per head of account' });
    expect(heads.textContent).toContain('₹25,00,000.00');
    expect(heads.textContent).toContain('₹6,000.00');
    const planned = within(dialog).getByRole('table', { name: 'Payments to push' });
    expect(within(planned).getAllByRole('row')[3]!.textContent).toContain(
      'Would be refused: Not enough funds for payment EP/2023-24/000003: it needs ₹45,00,000.00',
    );
    expect(pushes).toEqual([]);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Push 3 (1 will be refused)' }));
    await waitFor(() => expect(pushes).toEqual([5]));
    expect(within(dialog).getByRole('status').textContent).toBe(
      'Pushing 1 of 3: EP/2023-24/000005',
    );
    expect(within(dialog).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0');
    const ok5: PushResult = {
      piId: 50,
      billNo: 'PI-1013/2023-24/000050',
      status: 'Initiated',
      outcome: 'OK',
      message: 'On call of PI API: Response is received and updated successfully',
    };
    await act(async () => answer(ok({ ...ok5 })));
    await waitFor(() => expect(pushes).toEqual([5, 4]));
    expect(within(dialog).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('33');
    await act(async () => answer(ok({ ...ok5, piId: 40, billNo: 'PI-1013/2023-24/000040' })));
    await waitFor(() => expect(pushes).toEqual([5, 4, 3]));
    await act(async () =>
      answer(
        fail('REFUSED', 'Not enough funds for payment EP/2023-24/000003: it needs ₹45,00,000.00'),
      ),
    );
    await within(dialog).findByText('Done: 2 sent, 1 refused or failed.');
    const results = within(dialog).getByRole('list', { name: 'Push results' });
    expect(
      within(results)
        .getAllByRole('listitem')
        .map((li) => li.className),
    ).toEqual(['text-ok', 'text-ok', 'text-error']);
    const listed = api().requestsFor('payments.list').length;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(api().requestsFor('payments.list').length).toBe(listed + 1));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the preview loading and its error, and pushes nothing without a preview', async () => {
    listOf(2);
    let release: (r: Result<PushPreview>) => void = () => undefined;
    api().answer('funds.preview', () => new Promise((resolve) => (release = resolve)));
    renderApp('#/payments');
    fireEvent.click(
      await screen.findByRole('checkbox', { name: 'Select every payment that can be pushed' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Push selected…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Push 2 payments' });
    expect(within(dialog).getByText('Working out the funds…')).toBeTruthy();
    expect(
      within(dialog).getByRole('button', { name: 'Push 2 payments' }).hasAttribute('disabled'),
    ).toBe(true);
    await act(async () => release(fail('NOT_FOUND', 'Payment 2 was not found.')));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('No funds preview');
    expect(alert.textContent).toContain('Payment 2 was not found.');
    expect(
      within(dialog).getByRole('button', { name: 'Push 2 payments' }).hasAttribute('disabled'),
    ).toBe(true);
    expect(api().requestsFor('pi.push')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('Payments follow the ledger', () => {
  it('reloads its rows when PIs change, so Paid x/y moves after a nightly run', async () => {
    let paid = 0;
    api().answer('payments.list', () =>
      ok({
        total: 1,
        rows: [
          payment(1, {
            latestPiId: 11,
            latestBillNo: 'PI-1013/2023-24/000011',
            latestStatus: 'Completed',
            canPush: false,
            progress: { total: 3, paid, failed: 3 - paid, moved: 0 },
          }),
        ],
      }),
    );
    renderApp('#/payments');
    await screen.findByText('Paid 0/3, 3 failed');
    paid = 2;
    act(() => api().emit('pi.changed', { ids: [11] }));
    await screen.findByText('Paid 2/3, 1 failed');
  });
});
