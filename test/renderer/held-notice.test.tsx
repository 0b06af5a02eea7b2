import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HeldInfo } from '../../shared/types';
import { detail, ok, renderApp, useFakeApi } from './fake-api';

const { api } = useFakeApi();

function held(overrides: Partial<HeldInfo> = {}): HeldInfo {
  return {
    stage: 'confirm',
    since: Date.UTC(2023, 9, 2, 4, 30),
    reason: 'an earlier send got no clean answer and this one was refused (Bill already processed)',
    service: 'PIS',
    unknownAnswers: 1,
    next: 'PIS asks the treasury about PI-1013/2023-24/000007 every night and on Refresh.',
    releaseAfterDays: 7,
    releasableFrom: Date.UTC(2023, 9, 9, 4, 30),
    canRelease: false,
    releaseBlockedBy:
      'It may be released by hand from 2023-10-09 10:00:00 (7 days after it was held).',
    ...overrides,
  };
}

const pending = (h: HeldInfo) =>
  detail(
    { held: h, actions: [{ kind: 'refresh', service: 'PIS', label: 'Refresh (PIS)' }] },
    { status: 'Pending' },
  );

describe('a PI awaiting treasury confirmation', () => {
  it('says why it is held and what happens next; release waits for the configured days', async () => {
    api().answer('pi.get', ok(pending(held())));
    renderApp('#/pi/7');
    await screen.findByText(/Awaiting treasury confirmation since/);
    expect(screen.getByText(/Bill already processed/)).toBeTruthy();
    expect(screen.getByText(/every night and on Refresh/)).toBeTruthy();
    const release = screen.getByRole('button', { name: 'Release by hand…' });
    expect((release as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/may be released by hand from 2023-10-09/)).toBeTruthy();
  });

  it('releases by hand with a reason of at least 10 characters', async () => {
    api().answer('pi.get', ok(pending(held({ canRelease: true, releaseBlockedBy: null }))));
    api().answer(
      'pi.release',
      ok({ piId: 7, billNo: 'PI-1013/2023-24/000007', status: 'Failed', releasedPaise: 300_000 }),
    );
    renderApp('#/pi/7');
    fireEvent.click(await screen.findByRole('button', { name: 'Release by hand…' }));
    const send = screen.getByRole('button', { name: 'Release' }) as HTMLButtonElement;
    const reason = screen.getByLabelText(/Reason/);
    fireEvent.change(reason, { target: { value: 'too short' } });
    expect(send.disabled).toBe(true);
    fireEvent.change(reason, { target: { value: 'Helpdesk ticket 4411: never received' } });
    fireEvent.click(send);
    await waitFor(() =>
      expect(api().requestsFor('pi.release')).toEqual([
        { id: 7, reason: 'Helpdesk ticket 4411: never received' },
      ]),
    );
    await waitFor(() =>
      expect(document.querySelector('.toast-ok')?.textContent).toContain('released by hand'),
    );
  });
});
