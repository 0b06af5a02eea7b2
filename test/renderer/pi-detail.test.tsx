import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CorEligibility } from '../../shared/types';
import { benf, detail, fail, ok, renderApp, useFakeApi } from './fake-api';

const { api } = useFakeApi();

function eligibility(overrides: Partial<CorEligibility> = {}): CorEligibility {
  return {
    allowed: true,
    reason: null,
    newPiOffered: false,
    windowEndsOn: '2023-12-31',
    beneficiaries: [benf(2, { status: 'Payment Failed', failedReason: 'Account closed' })],
    ...overrides,
  };
}

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

describe('Generate Revised PI', () => {
  it('validates IFSC and account inline and sends cor.create with the corrections', async () => {
    api().answer('pi.get', ok(detail()));
    api().answer('cor.check', ok(eligibility()));
    api().answer(
      'cor.create',
      ok({
        piId: 31,
        billNo: 'COR-1013/2023-24/000190',
        status: 'Initiated',
        outcome: 'OK',
        message: 'On call of COR API: Response is received and updated successfully',
      }),
    );
    renderApp('#/pi/7');
    fireEvent.click(await screen.findByRole('button', { name: 'Generate Revised PI' }));
    const dialog = await screen.findByRole('dialog', { name: /Generate Revised PI/ });
    await within(dialog).findByText('Account closed');
    expect(api().requestsFor('cor.check')).toEqual([{ piId: 7 }]);
    const send = within(dialog).getByRole('button', {
      name: 'Generate Revised PI',
    }) as HTMLButtonElement;
    expect(send.disabled).toBe(false);

    const ifsc = within(dialog).getByRole('textbox', {
      name: /Corrected IFSC/,
    }) as HTMLInputElement;
    fireEvent.change(ifsc, { target: { value: 'sbin003491' } });
    expect(within(dialog).getByText(/IFSC must be 4 letters, 0/)).toBeTruthy();
    expect(ifsc.getAttribute('aria-invalid')).toBe('true');
    expect(send.disabled).toBe(true);

    const account = within(dialog).getByRole('textbox', { name: /Corrected account/ });
    fireEvent.change(account, { target: { value: '12345' } });
    expect(within(dialog).getByText('Account number must be 9 to 18 digits.')).toBeTruthy();

    fireEvent.change(ifsc, { target: { value: 'ubin0543845' } });
    fireEvent.change(account, { target: { value: '32011456789' } });
    expect(within(dialog).queryByText(/IFSC must be/)).toBeNull();
    expect(send.disabled).toBe(false);
    fireEvent.click(send);
    await waitFor(() =>
      expect(api().requestsFor('cor.create')).toEqual([
        {
          piId: 7,
          beneficiaries: [
            { beneficiaryId: 2, correctedAccountNo: '32011456789', correctedIfsc: 'UBIN0553841' },
          ],
        },
      ]),
    );
    await waitFor(() => expect(window.location.hash).toBe('#/pi/31'));
  });

  it('says why a revised PI cannot be made and keeps the button disabled', async () => {
    api().answer('pi.get', ok(detail()));
    api().answer(
      'cor.check',
      ok(
        eligibility({
          allowed: false,
          reason: 'PI-1 has no failed beneficiary that is not already in a revised PI.',
        }),
      ),
    );
    renderApp('#/pi/7');
    fireEvent.click(await screen.findByRole('button', { name: 'Generate Revised PI' }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText(/no failed beneficiary that is not already in a revised PI/);
    expect(
      (within(dialog).getByRole('button', { name: 'Generate Revised PI' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
  });

  it('after the window, moves the failed amount to a new payment instead', async () => {
    api().answer('pi.get', ok(detail()));
    api().answer(
      'cor.check',
      ok(
        eligibility({
          allowed: false,
          reason: 'The revised PI window closed on 30 Apr 2024.',
          newPiOffered: true,
        }),
      ),
    );
    api().answer(
      'pi.reissue',
      ok({ paymentId: 12, paymentNumber: 'EP/2023-24/000180/R1', amountPaise: 100_000 }),
    );
    renderApp('#/pi/7');
    fireEvent.click(await screen.findByRole('button', { name: 'Generate Revised PI' }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText(/The revised PI window closed on 30 Apr 2024./);
    expect(within(dialog).getByText(/needs a new original PI/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Move to a new payment' }));
    await waitFor(() =>
      expect(api().requestsFor('pi.reissue')).toEqual([
        { piId: 7, beneficiaries: [{ beneficiaryId: 2 }] },
      ]),
    );
    expect(api().requestsFor('cor.create')).toEqual([]);
    await waitFor(() => expect(window.location.hash).toBe('#/payments'));
  });

  it('shows the treasury refusal from cor.create inside the dialog', async () => {
    api().answer('pi.get', ok(detail()));
    api().answer('cor.check', ok(eligibility()));
    api().answer(
      'cor.create',
      fail('REFUSED', 'The original PI has no online bill reference number yet.'),
    );
    renderApp('#/pi/7');
    fireEvent.click(await screen.findByRole('button', { name: 'Generate Revised PI' }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('Account closed');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Generate Revised PI' }));
    await within(dialog).findByText('The original PI has no online bill reference number yet.');
    expect(window.location.hash).toBe('#/pi/7');
  });

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
