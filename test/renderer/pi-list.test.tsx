import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PI_STATUSES, type PiStatus } from '../../shared/status';
import type { PiPage } from '../../shared/types';
import { SEARCH_PAUSE_MS } from '../../renderer/src/components/SearchBox';
import { fail, ok, piRow, renderApp, useFakeApi } from './fake-api';

const { api } = useFakeApi();

function page(rows: PiPage['rows'], counts: Partial<Record<PiStatus, number>> = {}): PiPage {
  const all = Object.fromEntries(PI_STATUSES.map((s) => [s, counts[s] ?? 0]));
  return { rows, total: rows.length, counts: all as PiPage['counts'] };
}

function bodyRows() {
  return within(screen.getByRole('grid', { name: 'Payment instructions' }))
    .getAllByRole('row')
    .filter((r) => r.getAttribute('aria-rowindex'));
}

describe('Payment Instructions list', () => {
  it('shows one row per PI with amount in rupees, status chip and last message', async () => {
    api().answer(
      'pi.list',
      ok(
        page([
          piRow(2, {
            status: 'Failed',
            lastOutcome: 'ERROR',
            lastMessage: 'On call of PI API: Wrong IFSC provided',
          }),
          piRow(1, { kind: 'COR', billNo: 'COR-1013/2023-24/000190', failedCount: 2 }),
        ]),
      ),
    );
    renderApp();
    await screen.findByText('PI-1013/2023-24/000002');
    expect(bodyRows()).toHaveLength(2);
    const first = bodyRows()[0]!;
    expect(within(first).getByText('₹1,23,456.50')).toBeTruthy();
    expect(within(first).getByText('Failed').className).toContain('tone-error');
    const msg = within(first).getByText('On call of PI API: Wrong IFSC provided');
    expect(msg.className).toContain('text-error');
    const second = bodyRows()[1]!;
    expect(within(second).getByText('COR-1013/2023-24/000190')).toBeTruthy();
    expect(within(second).getByText('Revised')).toBeTruthy();
    expect(within(second).getByText('2').className).toContain('text-error');
  });

  it('explains what to do when there are no PIs', async () => {
    api().answer('pi.list', ok(page([])));
    renderApp();
    await screen.findByText('No payment instructions yet.');
    expect(screen.getByText(/Import approved bills on the/)).toBeTruthy();
    const link = within(screen.getByRole('main')).getByRole('link', { name: 'Payments' });
    expect(link.getAttribute('href')).toBe('#/payments');
  });

  it('shows counts on the status tabs from the same call, and asks pi.list for the status picked', async () => {
    api().answer('pi.list', (req) =>
      ok(
        page(req.status === 'Failed' ? [piRow(5, { status: 'Failed' })] : [piRow(1), piRow(2)], {
          Failed: 4,
          Initiated: 5,
        }),
      ),
    );
    renderApp();
    await screen.findByText('PI-1013/2023-24/000001');
    const failedTab = screen.getByRole('tab', { name: /Failed/ });
    await waitFor(() => expect(failedTab.textContent).toContain('4'));
    expect(screen.getByRole('tab', { name: /All/ }).textContent).toContain('9');
    expect(api().requestsFor('pi.list')).toHaveLength(1);

    fireEvent.click(failedTab);
    await screen.findByText('PI-1013/2023-24/000005');
    expect(api().requestsFor('pi.list').at(-1)).toMatchObject({ status: 'Failed', offset: 0 });
    expect(failedTab.getAttribute('aria-selected')).toBe('true');
    expect(screen.queryByText('PI-1013/2023-24/000001')).toBeNull();
  });

  it('shows a search that stopped counting as "1,000+", on the tabs and in the title', async () => {
    api().answer('pi.list', (req) =>
      ok(
        req.search
          ? { ...page([piRow(3)], { Completed: 1000 }), total: 1000, capped: true }
          : page([piRow(1), piRow(3)], { Completed: 2 }),
      ),
    );
    renderApp();
    await screen.findByText('PI-1013/2023-24/000001');
    expect(screen.getByRole('tab', { name: /Completed/ }).textContent).toMatch(/2$/);
    fireEvent.change(screen.getByRole('searchbox', { name: /Search by bill/ }), {
      target: { value: 'Kuni' },
    });
    await waitFor(() => expect(screen.queryByText('PI-1013/2023-24/000001')).toBeNull());
    expect(screen.getByRole('tab', { name: /Completed/ }).textContent).toContain('1,000+');
    expect(screen.getByText('1,000+ instructions match')).toBeTruthy();
    expect(document.querySelector('.statusbar')?.textContent).toMatch(
      /Showing [\d,]+ of 1,000\+; scroll for more/,
    );
  });

  it('searches by bill or payment number', async () => {
    api().answer('pi.list', (req) => ok(page(req.search ? [piRow(3)] : [piRow(1), piRow(3)])));
    renderApp();
    await screen.findByText('PI-1013/2023-24/000001');
    fireEvent.change(screen.getByRole('searchbox', { name: /Search by bill/ }), {
      target: { value: '000003' },
    });
    await waitFor(() => expect(screen.queryByText('PI-1013/2023-24/000001')).toBeNull());
    expect(
      api()
        .requestsFor('pi.list')
        .some((r) => r.search === '000003'),
    ).toBe(true);
  });

  describe('typing in the search box', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('sends one call when typing pauses, with the whole text, and Enter sends at once', async () => {
      api().answer('pi.list', (req) => ok(page(req.search ? [piRow(3)] : [piRow(1)])));
      renderApp();
      await screen.findByText('PI-1013/2023-24/000001');
      vi.useFakeTimers();
      const box = screen.getByRole('searchbox', { name: /Search by bill/ });
      for (const text of ['K', 'Ku', 'Kun', 'Kuni', 'Kuni M', 'Kuni Majhi']) {
        fireEvent.change(box, { target: { value: text } });
        act(() => vi.advanceTimersByTime(SEARCH_PAUSE_MS - 50));
      }
      expect(api().requestsFor('pi.list')).toHaveLength(1);
      act(() => vi.advanceTimersByTime(50));
      expect(
        api()
          .requestsFor('pi.list')
          .map((r) => r.search),
      ).toEqual([undefined, 'Kuni Majhi']);
      act(() => vi.advanceTimersByTime(SEARCH_PAUSE_MS * 3));
      expect(api().requestsFor('pi.list')).toHaveLength(2);

      fireEvent.change(box, { target: { value: '9012' } });
      fireEvent.keyDown(box, { key: 'Enter' });
      expect(
        api()
          .requestsFor('pi.list')
          .map((r) => r.search),
      ).toEqual([undefined, 'Kuni Majhi', '9012']);
      // The pause after Enter does not ask again for the same text.
      act(() => vi.advanceTimersByTime(SEARCH_PAUSE_MS * 3));
      expect(api().requestsFor('pi.list')).toHaveLength(3);
    });
  });

  it('shows the beneficiary a search matched under its PI row', async () => {
    api().answer('pi.list', (req) =>
      ok(
        page(
          req.search
            ? [
                piRow(3, {
                  match: {
                    id: 31,
                    benfId: 'B0007',
                    name: 'Kuni Majhi',
                    accountNo: '300012349012',
                    utrNo: 'SBIN323100000042',
                    mobile: '9876500007',
                    status: 'Payment Successful',
                  },
                }),
                piRow(4, { match: null }),
              ]
            : [piRow(1)],
        ),
      ),
    );
    renderApp();
    await screen.findByText('PI-1013/2023-24/000001');
    fireEvent.change(screen.getByRole('searchbox', { name: /Search by bill/ }), {
      target: { value: 'kuni' },
    });
    const line = await screen.findByLabelText('Matched beneficiary Kuni Majhi');
    expect(line.textContent).toContain('300012349012');
    expect(line.textContent).toContain('SBIN323100000042');
    const [first, second] = bodyRows();
    expect(first!.contains(line)).toBe(true);
    expect(within(second!).queryByLabelText(/Matched beneficiary/)).toBeNull();
  });

  it('shows the error message from {ok:false} in a banner', async () => {
    api().answer('pi.list', fail('INTERNAL', 'The ledger is locked by another program.'));
    renderApp();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The ledger is locked by another program.');
  });

  it('moves with the arrow keys, opens with Enter, goes back with Esc, and / focuses search', async () => {
    api().answer('pi.list', ok(page([piRow(3), piRow(2), piRow(1)])));
    api().answer('pi.get', fail('NOT_FOUND', 'Payment instruction 2 was not found.'));
    renderApp();
    await screen.findByText('PI-1013/2023-24/000003');
    const grid = screen.getByRole('grid', { name: 'Payment instructions' });
    grid.focus();
    expect(bodyRows()[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(bodyRows()[1]!.getAttribute('aria-selected')).toBe('true');
    expect(bodyRows()[0]!.getAttribute('aria-selected')).toBe('false');
    fireEvent.keyDown(grid, { key: 'End' });
    expect(bodyRows()[2]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    fireEvent.keyDown(grid, { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe('#/pi/2'));
    await screen.findByText('Payment instruction 2 was not found.');
    expect(api().requestsFor('pi.get')).toContainEqual({ id: 2 });

    act(() => {
      fireEvent.keyDown(document.body, { key: 'Escape' });
    });
    await waitFor(() => expect(window.location.hash).toBe('#/pis'));
    await screen.findByText('PI-1013/2023-24/000003');
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: /Search by bill/ }));
  });
});
