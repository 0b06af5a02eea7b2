import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../shared/types';
import type { Result } from '../../shared/contract';
import { ok, renderApp, useFakeApi } from './fake-api';

const { api } = useFakeApi();

describe('Verify ledger', () => {
  it('shows which table the file check is reading, then the rules, then the result', async () => {
    api().answer('funds.summary', ok([]));
    api().answer('allotments.list', ok({ rows: [], total: 0 }));
    let finish: (r: Result<CheckResult>) => void = () => undefined;
    api().answer('check.run', () => new Promise((resolve) => (finish = resolve)));
    renderApp('#/funds');
    fireEvent.click(await screen.findByRole('button', { name: 'Verify ledger' }));
    await screen.findByText('Starting the check…');

    act(() => api().emit('check.progress', { done: 2, total: 40, table: 'beneficiaries' }));
    expect(
      screen.getByText('Reading the ledger file: beneficiaries (table 3 of 40)…'),
    ).toBeTruthy();
    act(() => api().emit('check.progress', { done: 40, total: 40, table: null }));
    expect(screen.getByText('Checking funds, payments and beneficiaries…')).toBeTruthy();

    await act(async () => finish(ok({ ok: true, checkedAt: Date.now(), breaches: [] })));
    await screen.findByText('No breaches.');
    expect(screen.queryByRole('status', { name: /Ledger check/ })).toBeNull();
    expect(screen.queryByText(/Reading the ledger file/)).toBeNull();
  });
});
