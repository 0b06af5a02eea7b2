import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { JobStatus, PaymentRow } from '../../shared/types';
import { ok, renderApp, useFakeApi } from './fake-api';

const { api } = useFakeApi();

function payment(id: number, overrides: Partial<PaymentRow> = {}): PaymentRow {
  return {
    id,
    paymentNumber: `EP/2023-24/${String(id).padStart(6, '0')}`,
    tenantId: 'od.angul',
    hoa: '2217-05-191-2634-01-00-00-00',
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

describe('Payments', () => {
  // Import and its errors: import-errors.test.tsx.
  it('enables Push only where canPush and sends pi.push with the payment', async () => {
    api().answer(
      'payments.list',
      ok({
        rows: [
          payment(1),
          payment(2, {
            canPush: false,
            latestPiId: 9,
            latestBillNo: 'PI-1013/2023-24/000009',
            latestStatus: 'Initiated',
          }),
        ],
        total: 2,
      }),
    );
    api().answer(
      'pi.push',
      ok({
        piId: 10,
        billNo: 'PI-1013/2023-24/000010',
        status: 'Initiated',
        outcome: 'OK',
        message: 'On call of PI API: Response is received and updated successfully',
      }),
    );
    renderApp('#/payments');
    const table = await screen.findByRole('table', { name: 'Payments' });
    const buttons = within(table).getAllByRole('button') as HTMLButtonElement[];
    expect(buttons.map((b) => [b.textContent, b.disabled])).toEqual([['Push', false]]);
    const live = within(table).getByRole('row', { name: /EP\/2023-24\/000002/ });
    expect(within(live).queryByRole('button')).toBeNull();
    expect(within(live).getByText('PI in progress')).toBeTruthy();
    fireEvent.click(buttons[0]!);
    await waitFor(() => expect(api().requestsFor('pi.push')).toEqual([{ paymentId: 1 }]));
    await waitFor(() =>
      expect(document.querySelector('.toast-ok')?.textContent).toContain(
        'PI-1013/2023-24/000010: Initiated',
      ),
    );
  });

  it('shows a channel that is not built yet as an error banner, not a crash', async () => {
    renderApp('#/payments');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('payments.list is not available yet.');
  });
});

describe('Jobs', () => {
  const job = (service: JobStatus['service']): JobStatus => ({
    service,
    schedule: '15 22 * * *',
    nextRunAt: Date.UTC(2023, 9, 21, 16, 45),
    running: false,
    lastRun: null,
    breaker: { open: service === 'PD', until: Date.UTC(2023, 9, 21, 17), message: 'treasury down' },
  });

  it('runs one service, and shows live progress from job.progress in the row and the header', async () => {
    api().answer('jobs.list', ok([job('PAG'), job('PD')]));
    api().answer('jobs.runs', ok({ rows: [], total: 0 }));
    api().answer('jobs.run', ok({ started: ['PAG'] }));
    renderApp('#/jobs');
    const table = await screen.findByRole('table', { name: 'Jobs' });
    expect(within(table).getAllByText('Daily 22:15 IST')).toHaveLength(2);
    expect(within(table).getByText('paused')).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: 'Run PAG now' }));
    await waitFor(() => expect(api().requestsFor('jobs.run')).toEqual([{ service: 'PAG' }]));

    act(() =>
      api().emit('job.progress', {
        runId: 4,
        service: 'PAG',
        state: 'running',
        done: 25,
        total: 100,
        failures: 1,
        message: null,
      }),
    );
    const bar = await screen.findByRole('progressbar', { name: 'PAG progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(
      screen.getByRole('progressbar', { name: 'Jobs progress' }).getAttribute('aria-valuenow'),
    ).toBe('25');
    expect(
      (within(table).getByRole('button', { name: 'Run PAG now' }) as HTMLButtonElement).disabled,
    ).toBe(true);

    act(() =>
      api().emit('job.progress', {
        runId: 4,
        service: 'PAG',
        state: 'done',
        done: 100,
        total: 100,
        failures: 1,
        message: null,
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('progressbar', { name: 'Jobs progress' })).toBeNull(),
    );
  });
});
