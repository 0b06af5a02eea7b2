import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { WorklistFailedGroup, WorklistPiRow } from '../../shared/types';
import { benf, detail, fail, ok, renderApp, useFakeApi } from './fake-api';
import { useRouter } from '../../renderer/src/store/router';

const { api } = useFakeApi();

const LIST: { failed: WorklistFailedGroup[]; pis: WorklistPiRow[] } = {
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

/** The worklist's two channels answering one page each, with the totals of the whole list. */
function answerWith(list: typeof LIST) {
  api().answer(
    'worklist.failed',
    ok({
      rows: list.failed,
      total: list.failed.length,
      beneficiaries: list.failed.reduce((s, g) => s + g.count, 0),
    }),
  );
  api().answer('worklist.pis', ok({ rows: list.pis, total: list.pis.length }));
}

describe('Needs action', () => {
  it('shows failed beneficiaries by PI in the order given, with count, amount, reason class and fix, age and revise-by', async () => {
    answerWith(LIST);
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
    answerWith({ failed: [], pis: [] });
    renderApp('#/worklist');
    await screen.findByText('No failed beneficiary is waiting.');
    expect(
      screen.getByText('No payment instruction is held, stuck, failed or declined.'),
    ).toBeTruthy();
  });

  it('shows the error and retries', async () => {
    let calls = 0;
    answerWith(LIST);
    api().answer('worklist.failed', () =>
      ++calls === 1
        ? fail('INTERNAL', 'ledger busy')
        : ok({ rows: LIST.failed, total: 2, beneficiaries: 9 }),
    );
    renderApp('#/worklist');
    await screen.findByText(/ledger busy/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('table', { name: 'Failed beneficiaries by PI' });
  });

  it('loads the next page of a long list on request, and shows the totals of the whole list', async () => {
    const group = (piId: number): WorklistFailedGroup => ({
      ...LIST.failed[0]!,
      piId,
      billNo: `PI-1013/2023-24/${String(piId).padStart(6, '0')}`,
    });
    api().answer('worklist.failed', (req) =>
      ok({
        rows: Array.from({ length: Math.min(req.limit ?? 200, 250 - (req.offset ?? 0)) }, (_, i) =>
          group((req.offset ?? 0) + i + 1),
        ),
        total: 250,
        beneficiaries: 1_234,
      }),
    );
    api().answer('worklist.pis', ok({ rows: LIST.pis, total: 3 }));
    renderApp('#/worklist');
    const table = await screen.findByRole('table', { name: 'Failed beneficiaries by PI' });
    expect(within(table).getAllByRole('row')).toHaveLength(201);
    expect(screen.getByText(/1,234 failed beneficiaries to pay again · 3 payment/)).toBeTruthy();
    expect(screen.getByText('250 PIs')).toBeTruthy();
    expect(screen.getByText('Showing 200 of 250')).toBeTruthy();

    const more = screen.getByRole('button', { name: 'Show 50 more failed beneficiaries by PI' });
    fireEvent.click(more);
    await screen.findByText('PI-1013/2023-24/000250');
    // The keyboard carries on from the first row of the new page.
    expect(document.activeElement?.textContent).toBe('PI-1013/2023-24/000201');
    expect(within(table).getAllByRole('row')).toHaveLength(251);
    expect(screen.queryByRole('button', { name: /Show \d+ more failed/ })).toBeNull();
    expect(
      api()
        .requestsFor('worklist.failed')
        .map((r) => r.offset),
    ).toEqual([0, 200]);
    // The PIs list is whole on its first page: nothing more to ask for.
    expect(screen.queryByRole('button', { name: /more payment instructions/ })).toBeNull();
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
