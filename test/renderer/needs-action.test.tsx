import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Worklist } from '../../shared/types';
import { benf, detail, fail, ok, renderApp, useFakeApi } from './fake-api';
import { useRouter } from '../../renderer/src/store/router';

const { api } = useFakeApi();

const LIST: Worklist = {
  failed: [
    {
      piId: 12,
      billNo: 'COR-1013/2023-24/000002',
      kind: 'COR',
      count: 1,
      amountPaise: 45_000,
      reasons: [' Account is Dormant'],
      daysSinceFailure: 1,
      reviseBy: '2023-12-31',
      inRevision: [],
      nextStep: 'Correct the bank details and generate a revised PI.',
    },
    {
      piId: 7,
      billNo: 'PI-1013/2023-24/000007',
      kind: 'PI',
      count: 8,
      amountPaise: 694_550,
      reasons: ['Account closed or transferred', 'Invalid IFSC'],
      daysSinceFailure: 12,
      reviseBy: '2024-01-05',
      inRevision: ['COR-1013/2023-24/000003'],
      nextStep: 'Correct the bank details and generate a revised PI.',
    },
  ],
  pis: [
    {
      piId: 9,
      billNo: 'PI-1013/2023-24/000009',
      kind: 'PI',
      status: 'Initiated',
      reason: 'no-response',
      since: Date.UTC(2023, 9, 3, 10),
      ageDays: 2,
      lastMessage: 'On call of PIS API: No response is received.',
      nextStep: 'Refresh the PI.',
    },
    {
      piId: 10,
      billNo: 'PI-1013/2023-24/000010',
      kind: 'PI',
      status: 'Declined',
      reason: 'declined',
      since: Date.UTC(2023, 9, 4, 10),
      ageDays: 1,
      lastMessage: 'Bill declined by SSU',
      nextStep: 'Read why it was declined, correct the bill and push it again.',
    },
    {
      piId: 11,
      billNo: 'PI-1013/2023-24/000011',
      kind: 'PI',
      status: 'Pending',
      reason: 'held',
      since: Date.UTC(2023, 9, 1, 10),
      ageDays: 4,
      lastMessage: 'On call of PI API: Bill already processed',
      nextStep: 'Nothing to send again: wait for PIS to confirm it (asked nightly and on Refresh).',
    },
  ],
};

describe('Needs action', () => {
  it('shows failed beneficiaries by PI in the order given, with count, amount, reason class and fix, age and revise-by', async () => {
    api().answer('worklist.get', ok(LIST));
    renderApp('#/worklist');
    const table = await screen.findByRole('table', { name: 'Failed beneficiaries by PI' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual([
      'COR-1013/2023-24/000002',
      'PI-1013/2023-24/000007',
    ]);
    const first = rows[0]!.textContent!;
    expect(first).toMatch(/Frozen or dormant/);
    expect(first).toMatch(/reactivate/);
    expect(first).toMatch(/1 day ago/);
    expect(first).toMatch(/31 Dec 2023/);
    const second = rows[1]!.textContent!;
    expect(second).toMatch(/₹6,945.50/);
    expect(second).toMatch(/Account closed/);
    expect(second).toMatch(/IFSC/);
    expect(second).toMatch(/12 days ago/);
    expect(
      screen.getByText(/9 failed beneficiaries to pay again · 3 payment instructions/),
    ).toBeTruthy();

    const pis = screen.getByRole('table', { name: 'Payment instructions that need action' });
    expect(within(pis).getByText('No response')).toBeTruthy();
    expect(within(pis).getByText('Declined')).toBeTruthy();
    expect(within(pis).getByText('2 days')).toBeTruthy();
    // A PI held awaiting treasury confirmation: its age and what to do (wait for PIS).
    const held = within(pis).getByText('Held').closest('tr')!;
    expect(within(held).getByText('PI-1013/2023-24/000011')).toBeTruthy();
    expect(within(held).getByText('Held').getAttribute('title')).toBe(
      'Awaiting treasury confirmation',
    );
    expect(held.textContent).toMatch(/4 days/);
    expect(held.textContent).toMatch(/wait for PIS to confirm it/);

    fireEvent.click(rows[1]!);
    expect(useRouter.getState().route).toMatchObject({ name: 'pi', id: 7 });
  });

  it('says so when nothing needs action', async () => {
    api().answer('worklist.get', ok({ failed: [], pis: [] }));
    renderApp('#/worklist');
    await screen.findByText('No failed beneficiary is waiting.');
    expect(
      screen.getByText('No payment instruction is held, stuck, failed or declined.'),
    ).toBeTruthy();
  });

  it('shows the error and retries', async () => {
    let calls = 0;
    api().answer('worklist.get', () =>
      ++calls === 1 ? fail('INTERNAL', 'ledger busy') : ok(LIST),
    );
    renderApp('#/worklist');
    await screen.findByText(/ledger busy/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('table', { name: 'Failed beneficiaries by PI' });
  });
});

describe('failure class on the PI page', () => {
  it('shows the class of a bank return beside its wording, with the fix as its tooltip', async () => {
    api().answer(
      'pi.get',
      ok(
        detail({
          beneficiaries: [
            benf(1),
            benf(2, { status: 'Payment Failed', failedReason: ' Account is Dormant' }),
          ],
        }),
      ),
    );
    api().answer('calls.list', ok({ rows: [], total: 0 }));
    renderApp('#/pi/7');
    const chip = await screen.findByText('Frozen or dormant');
    expect(chip.getAttribute('title')).toMatch(/reactivate/);
    expect(screen.getByText(/Account is Dormant/)).toBeTruthy();
  });
});
