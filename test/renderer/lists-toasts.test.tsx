// Sortable headers, the searchable and paged SMS outbox, and notices that close by themselves,
// count repeats instead of piling up, and wait while a dialog is open.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PI_STATUSES } from '../../shared/status';
import type { PiPage, SmsRow } from '../../shared/types';
import { SEARCH_PAUSE_MS } from '../../renderer/src/components/SearchBox';
import { Dialog } from '../../renderer/src/components/Dialog';
import { MAX_TOASTS, TOAST_MS, toast, useToasts } from '../../renderer/src/store/toasts';
import { ok, piRow, renderApp, useFakeApi } from './fake-api';

const { api } = useFakeApi();

afterEach(() => vi.useRealTimers());

function piPage(rows: PiPage['rows']): PiPage {
  const counts = Object.fromEntries(PI_STATUSES.map((s) => [s, 0])) as PiPage['counts'];
  return { rows, total: rows.length, counts };
}

function sms(id: number, overrides: Partial<SmsRow> = {}): SmsRow {
  return {
    id,
    beneficiaryId: id,
    billNo: `PI-1013/2023-24/${String(id).padStart(6, '0')}`,
    name: `Wage Seeker ${id}`,
    event: 'PD',
    utrNo: `SBIN82310045${String(id).padStart(4, '0')}`,
    mobile: '9437012345',
    body: `Payment of Rs. 1000.00 for MUKTA, transaction ${id}`,
    status: 'sent',
    attempts: 1,
    createdAt: Date.UTC(2023, 9, 9, 16),
    ...overrides,
  };
}

describe('sortable column headers', () => {
  it('asks pi.list for the order clicked and says it with aria-sort', async () => {
    api().answer('pi.list', ok(piPage([piRow(2), piRow(1)])));
    renderApp();
    const grid = await screen.findByRole('grid', { name: 'Payment instructions' });
    const header = within(grid).getByRole('columnheader', { name: /Bill no\./ });
    expect(header.getAttribute('aria-sort')).toBe('none');
    // Not every column sorts: only those an index serves.
    expect(
      within(grid).getByRole('columnheader', { name: /Gross/ }).hasAttribute('aria-sort'),
    ).toBe(false);

    fireEvent.click(within(header).getByRole('button'));
    await waitFor(() =>
      expect(api().requestsFor('pi.list').at(-1)).toMatchObject({
        sort: { key: 'billNo', dir: 'desc' },
        offset: 0,
      }),
    );
    expect(header.getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(within(header).getByRole('button'));
    await waitFor(() => expect(header.getAttribute('aria-sort')).toBe('ascending'));
    expect(api().requestsFor('pi.list').at(-1)).toMatchObject({
      sort: { key: 'billNo', dir: 'asc' },
    });
  });
});

describe('SMS outbox', () => {
  it('searches through sms.list and says how much of a long outbox is loaded', async () => {
    const first = Array.from({ length: 200 }, (_, i) => sms(1500 - i));
    api().answer('sms.list', (req) => {
      if (req.search) return ok({ rows: [sms(7, { name: 'Kuni Majhi' })], total: 1 });
      const offset = req.offset ?? 0;
      return ok({
        rows: offset === 0 ? first : [sms(1300 - offset)],
        total: 1500,
      });
    });
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderApp('#/sms');
    await screen.findByText('1,500 messages to beneficiaries');
    expect(screen.getByText(/Showing 200 of 1,500/)).toBeTruthy();
    expect(api().requestsFor('sms.list')[0]).toMatchObject({ limit: 200, offset: 0 });

    fireEvent.change(screen.getByRole('searchbox', { name: /Search SMS/ }), {
      target: { value: 'Kuni' },
    });
    act(() => vi.advanceTimersByTime(SEARCH_PAUSE_MS));
    await screen.findByText('1 message match');
    expect(api().requestsFor('sms.list').at(-1)).toMatchObject({ search: 'Kuni', offset: 0 });
    expect(await screen.findByText('Kuni Majhi')).toBeTruthy();
  });
});

describe('toasts', () => {
  it('close by themselves, errors later than the rest', () => {
    vi.useFakeTimers();
    render(<div />);
    act(() => {
      toast('ok', 'Saved');
      toast('error', 'Push refused', '₹45,00,000.00 is more than is available');
    });
    expect(useToasts.getState().toasts.map((t) => t.title)).toEqual(['Saved', 'Push refused']);
    act(() => vi.advanceTimersByTime(TOAST_MS.ok));
    expect(useToasts.getState().toasts.map((t) => t.title)).toEqual(['Push refused']);
    act(() => vi.advanceTimersByTime(TOAST_MS.error - TOAST_MS.ok));
    expect(useToasts.getState().toasts).toEqual([]);
  });

  it('count the same notice once instead of piling up, and keep at most a few', () => {
    vi.useFakeTimers();
    act(() => {
      for (let i = 0; i < 8; i++) toast('info', 'Started', `run ${i}`);
    });
    expect(useToasts.getState().toasts).toMatchObject([
      { title: 'Started', count: 8, detail: 'run 7' },
    ]);
    act(() => {
      for (let i = 0; i < 6; i++) toast('warn', `Notice ${i}`);
    });
    expect(useToasts.getState().toasts.map((t) => t.title)).toEqual(
      ['Notice 3', 'Notice 4', 'Notice 5'].slice(-MAX_TOASTS),
    );
  });

  it('wait while a dialog is open, then show with their full time', async () => {
    vi.useFakeTimers();
    api().answer('pi.list', ok(piPage([piRow(1)])));
    renderApp();
    act(() => toast('error', 'Push refused', 'Not enough funds'));
    expect(screen.getByRole('alert').textContent).toContain('Push refused');
    const dialog = render(
      <Dialog title="Generate Revised PI" onClose={() => undefined}>
        body
      </Dialog>,
    );
    expect(screen.queryByText('Push refused')).toBeNull();
    // Time spent behind the dialog does not count.
    act(() => vi.advanceTimersByTime(TOAST_MS.error * 2));
    dialog.unmount();
    expect(screen.getByText('Push refused')).toBeTruthy();
    const dismiss = screen.getByRole('button', { name: 'Dismiss' });
    fireEvent.click(dismiss);
    expect(screen.queryByText('Push refused')).toBeNull();
  });
});
