// The Overview's states: loading, error, an empty ledger, and figures given as text beside
// each chart (the tables a screen reader reads), with money formatted from paise.
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract';
import type { Overview } from '../../shared/overview';
import { PI_STATUSES } from '../../shared/status';
import { fail, ok, renderApp, useFakeApi } from './fake-api';

const { api } = useFakeApi();
const HOA = '2217-05-191-2634-01-00-00-00';

const empty: Overview = {
  pis: PI_STATUSES.map((status) => ({ status, original: 0, revised: 0 })),
  heads: [],
  runs: ['VA', 'PIS', 'PD'].map((service) => ({ service, lastRun: null })),
  sms: { sent: 0, queued: 0, failed: 0 },
  failures: {
    beneficiaries: 0,
    amountPaise: 0,
    pis: 0,
    nearestReviseBy: null,
    nearestBillNo: null,
    nearestPiId: null,
  },
};

const full: Overview = {
  pis: PI_STATUSES.map((status, i) => ({ status, original: i * 3, revised: i === 4 ? 2 : 0 })),
  heads: [
    {
      tenantId: 'od.angul',
      hoa: HOA,
      sanctions: 2,
      allottedPaise: 450_000_000,
      usedPaise: 12_345_650,
      availablePaise: 437_654_350,
    },
  ],
  runs: [
    {
      service: 'PD',
      lastRun: {
        id: 9,
        service: 'PD',
        trigger: 'schedule',
        startedAt: Date.UTC(2023, 9, 20, 16, 30),
        finishedAt: Date.UTC(2023, 9, 20, 16, 31),
        state: 'done',
        total: 40,
        done: 40,
        failures: 3,
        message: null,
      },
    },
    { service: 'FD', lastRun: null },
  ],
  sms: { sent: 1_234, queued: 5, failed: 1 },
  failures: {
    beneficiaries: 8,
    amountPaise: 694_550,
    pis: 2,
    nearestReviseBy: '2027-03-02',
    nearestBillNo: 'PI-1013/2026-27/000002',
    nearestPiId: 2,
  },
};

describe('Overview', () => {
  it('shows loading, then the figures as text: counts, funds per head, last runs, SMS, failures', async () => {
    let release: (r: Result<Overview>) => void = () => undefined;
    api().answer('overview.get', () => new Promise((resolve) => (release = resolve)));
    renderApp('#/overview');
    expect(await screen.findByText('Loading…')).toBeTruthy();
    await act(async () => release(ok(full)));

    const counts = await screen.findByRole('table', { name: 'Payment instructions by status' });
    const rows = within(counts)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toEqual([
      'StatusPIsRevised',
      'Pending00',
      'Initiated30',
      'Approved60',
      'In Process90',
      'Completed122',
      'Failed150',
      'Declined180',
    ]);
    expect(screen.getByRole('img', { name: /Bar chart of 65 payment instructions/ })).toBeTruthy();

    const funds = screen.getByRole('table', { name: 'Funds per head of account' });
    expect(within(funds).getAllByRole('row')[1]!.textContent).toBe(
      `${HOA}₹45,00,000.00₹1,23,456.50₹43,76,543.50`,
    );
    const runs = screen.getByRole('table', { name: 'Last run per service' });
    expect(within(runs).getAllByRole('row')[1]!.textContent).toMatch(
      /^PD20 Oct 2023, 22:00Done, 3 without answer40 of 401 min 0 s/,
    );
    expect(within(runs).getAllByRole('row')[2]!.textContent).toMatch(/^FDNever run/);

    expect(screen.getByRole('region', { name: 'Open failures' }).textContent).toBe(
      'Open failures8beneficiaries · ₹6,945.50 on 2 PIs · Needs action',
    );
    const nearest = screen.getByRole('region', { name: 'Nearest deadline' });
    expect(nearest.textContent).toContain('02 Mar 2027');
    expect(within(nearest).getByRole('link').getAttribute('href')).toBe('#/pi/2');
    expect(screen.getByRole('region', { name: 'SMS' }).textContent).toContain('1,234');
  });

  it('says plainly when there is nothing yet', async () => {
    api().answer('overview.get', ok(empty));
    renderApp('#/overview');
    await screen.findByText('No payment instructions yet.');
    expect(screen.getByText('No allotments yet.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Open failures' }).textContent).toContain(
      'No failed beneficiary waits to be paid again.',
    );
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('says why it could not load, and tries again', async () => {
    api().answer('overview.get', fail('INTERNAL', 'The ledger is busy.'));
    renderApp('#/overview');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the overview');
    expect(alert.textContent).toContain('The ledger is busy.');
    api().answer('overview.get', ok(empty));
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByText('No payment instructions yet.');
    expect(api().requestsFor('overview.get')).toEqual([{}, {}]);
  });

  it('is in the sidebar', async () => {
    api().answer('overview.get', ok(empty));
    renderApp('#/overview');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe(
      'page',
    );
  });
});
