import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { benf, detail, ok, renderApp, useFakeApi } from './fake-api';

const { api } = useFakeApi();

describe('View Payment Instruction', () => {
  it('shows the latest call per service coloured by outcome, the JIT ids and failure reasons', async () => {
    api().answer('pi.get', ok(detail()));
    renderApp('#/pi/7');
    await screen.findByRole('heading', { name: 'PI-1013/2023-24/000007' });

    const calls = screen.getByRole('list', { name: 'Latest call per service' });
    const ok_ = within(calls).getByText(
      'On call of FD API: Response is received and updated successfully',
    );
    const none = within(calls).getByText('On call of PAG API: No response is received.');
    const err = within(calls).getByText('On call of PIS API: Bill is under verification');
    expect(ok_.className).toContain('text-ok');
    expect(none.className).toContain('text-warn');
    expect(err.className).toContain('text-error');

    for (const id of [
      'PMI2023000458812',
      'ADV20231004117',
      'OBR/2023-24/0087712',
      'TKN776142',
      'VCH/1013/0045871',
    ]) {
      expect(screen.getByText(id)).toBeTruthy();
    }
    const grid = screen.getByRole('table', { name: 'Beneficiaries' });
    expect(within(grid).getByText('Account closed')).toBeTruthy();
    expect(within(grid).getByText('CHL/23/40170')).toBeTruthy();
    expect(within(grid).getByText('Payment Failed').className).toContain('tone-error');
    expect(within(grid).getAllByText('Payment Successful')).toHaveLength(2);
    expect(screen.getByRole('link', { name: /Full call log/ }).getAttribute('href')).toBe(
      '#/calls?piId=7',
    );
  });

  it('Refresh calls pi.refresh with the PI and shows its message', async () => {
    api().answer(
      'pi.get',
      ok(
        detail(
          { actions: [{ kind: 'refresh', service: 'PAG', label: 'Refresh (PAG)' }] },
          { status: 'Approved' },
        ),
      ),
    );
    api().answer(
      'pi.refresh',
      ok({
        service: 'PAG',
        outcome: 'NO_RESPONSE',
        message: 'On call of PAG API: No response is received.',
      }),
    );
    renderApp('#/pi/7');
    fireEvent.click(await screen.findByRole('button', { name: 'Refresh (PAG)' }));
    await waitFor(() => expect(api().requestsFor('pi.refresh')).toEqual([{ id: 7 }]));
    await waitFor(() =>
      expect(document.querySelector('.toast-warn')?.textContent).toContain(
        'No response is received.',
      ),
    );
    expect(api().requestsFor('pi.get').length).toBeGreaterThanOrEqual(2);
  });

  it('shows a pending channel error gracefully', async () => {
    api().answer(
      'pi.get',
      ok(detail({ actions: [{ kind: 'refresh', service: 'PIS', label: 'Refresh (PIS)' }] })),
    );
    renderApp('#/pi/7');
    fireEvent.click(await screen.findByRole('button', { name: 'Refresh (PIS)' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('pi.refresh is not available yet.');
  });
});

// The revised-PI dialog itself: revise-dialog.test.tsx.
describe('Generate Revised PI', () => {
  it('says the beneficiaries of a declined PI were not paid instead of their last status', async () => {
    api().answer(
      'pi.get',
      ok(
        detail(
          { beneficiaries: [benf(1, { status: 'Payment Initiated' })], actions: [] },
          { status: 'Declined' },
        ),
      ),
    );
    renderApp('#/pi/7');
    const table = await screen.findByRole('table', { name: /Beneficiaries/ });
    expect(within(table).getByText('Not paid (PI declined)')).toBeTruthy();
    expect(within(table).queryByText('Payment Initiated')).toBeNull();
  });
});
