// The PI page's states: failures band and failed-only filter, wrapping reasons, purpose and
// end-to-end ids, the history's grouped lines, a "not yet" call, the next step of a refused
// PI, print and Save as PDF; the PI list's held marker; Jobs counting "not yet" apart.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryRow, JobRunRow, JobStatus } from '../../shared/types';
import { benf, call, detail, ok, piRow, renderApp, useFakeApi } from './fake-api';
import { useRouter } from '../../renderer/src/store/router';

const { api } = useFakeApi();

const LONG_REASON =
  'Beneficiary account is inoperative as per the bank records; credit could not be posted to the account and the amount is returned to the remitter';

const failedDetail = () =>
  detail({
    beneficiaries: [
      benf(1, { endToEndId: 'E2E90001' }),
      benf(2, {
        status: 'Payment Failed',
        failedReason: 'Account closed',
        amountPaise: 450_050,
        challanNumber: 'CHL/23/40170',
      }),
      benf(3, { status: 'Payment Failed', failedReason: LONG_REASON, amountPaise: 244_500 }),
      benf(4, {
        status: 'Payment Failed',
        failedReason: 'Invalid IFSC',
        amountPaise: 100_000,
        revisedInBillNo: 'COR-1013/2023-24/000190',
      }),
    ],
    reviseBy: '2099-03-02',
  });

describe('PI page: failures', () => {
  it('shows the summary band, wraps long reasons, and lists the failed only on request', async () => {
    api().answer('pi.get', ok(failedDetail()));
    renderApp('#/pi/7');
    const band = await screen.findByRole('region', { name: 'Failed beneficiaries' });
    expect(within(band).getByText('3 failed · ₹7,945.50 · revise by 02 Mar 2099')).toBeTruthy();
    expect(band.textContent).toMatch(/2 still to pay again · 1 in COR-1013\/2023-24\/000190/);
    expect(band.textContent).toMatch(/Account closed × 1/);

    const table = screen.getByRole('table', { name: 'Beneficiaries' });
    const reason = within(table).getByText(LONG_REASON, { exact: false });
    expect(reason.closest('td')!.className).toContain('wrap');
    // End-to-end id under the UTR, the challan under the reason.
    expect(within(table).getByText('E2E90001')).toBeTruthy();
    expect(within(table).getByText('CHL/23/40170')).toBeTruthy();

    const rows = () => within(table).getAllByRole('row').slice(1);
    expect(rows().filter((r) => !r.className.includes('screen-hidden'))).toHaveLength(4);
    fireEvent.click(within(band).getByLabelText('Show failed only'));
    const shown = rows().filter((r) => !r.className.includes('screen-hidden'));
    expect(shown.map((r) => within(r).getAllByRole('cell')[1]!.textContent)).toEqual([
      'Wage Seeker 2',
      'Wage Seeker 3',
      'Wage Seeker 4',
    ]);
    // Hidden on screen only: print still has every beneficiary.
    expect(rows()).toHaveLength(4);
  });

  it('says the window has closed when the revise-by date has passed', async () => {
    api().answer('pi.get', ok(detail({ reviseBy: '2023-12-31' })));
    renderApp('#/pi/7');
    const band = await screen.findByRole('region', { name: 'Failed beneficiaries' });
    expect(band.textContent).toMatch(/revised-PI window closed 31 Dec 2023/);
    expect(band.textContent).toMatch(/move the amount to a new payment/);
  });

  it('has no band when nothing failed', async () => {
    api().answer('pi.get', ok(detail({ beneficiaries: [benf(1)], reviseBy: null })));
    renderApp('#/pi/7');
    await screen.findByRole('table', { name: 'Beneficiaries' });
    expect(screen.queryByRole('region', { name: 'Failed beneficiaries' })).toBeNull();
  });

  it('shows the purpose', async () => {
    api().answer('pi.get', ok(detail()));
    renderApp('#/pi/7');
    expect(await screen.findByText('Wages for work order WO/2023/17')).toBeTruthy();
  });
});

describe('PI page: status history', () => {
  const at = (d: number) => Date.UTC(2023, 9, d, 10);
  const history: HistoryRow[] = [
    {
      at: at(9),
      entity: 'beneficiaries',
      label: '8 beneficiaries',
      fromStatus: 'Payment Successful',
      toStatus: 'Payment Failed',
      reason: 'failed at bank',
      count: 8,
      note: null,
    },
    {
      at: at(9),
      entity: 'beneficiary',
      label: 'Wage Seeker 2 (B0002)',
      fromStatus: 'Payment Successful',
      toStatus: 'Payment Failed',
      reason: 'failed at bank',
      note: null,
    },
    {
      at: at(5),
      entity: 'pi',
      label: 'PI-1013/2023-24/000007',
      fromStatus: 'In Process',
      toStatus: 'Completed',
      reason: 'every beneficiary paid',
      note: '8 of 23 failed later at the bank',
    },
  ];

  it('tells the whole story in a line per event, each beneficiary on request', async () => {
    api().answer('pi.get', ok(detail({ history })));
    renderApp('#/pi/7');
    const table = await screen.findByRole('table', { name: 'Status history' });
    const lines = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent);
    expect(lines()).toEqual([
      expect.stringMatching(/8 beneficiaries.*Payment Successful.*Payment Failed.*failed at bank/),
      expect.stringMatching(/Completed.*every beneficiary paid, 8 of 23 failed later at the bank$/),
    ]);
    fireEvent.click(screen.getByLabelText('Each beneficiary on its own line'));
    expect(lines()).toEqual([
      expect.stringMatching(/Wage Seeker 2 \(B0002\)/),
      expect.stringMatching(/every beneficiary paid, 8 of 23 failed later/),
    ]);
  });
});

describe('PI page: "not yet" is not an error', () => {
  it('shows a waiting answer with a neutral border, its seed wording and the next check time', async () => {
    const waiting =
      'On call of PAG API: Payment advice is not yet generated for Bill Number PI-1013/2023-24/000007';
    api().answer(
      'pi.get',
      ok(
        detail({
          latestCalls: [
            call(12, 'PAG', 'ERROR', waiting),
            call(9, 'PIS', 'ERROR', 'On call of PIS API: Bill is under verification'),
          ],
          nextCheckAt: { PAG: Date.UTC(2023, 9, 3, 16, 45), PIS: Date.UTC(2023, 9, 3, 16, 0) },
        }),
      ),
    );
    renderApp('#/pi/7');
    const list = await screen.findByRole('list', { name: 'Latest call per service' });
    const item = within(list).getByText(waiting).closest('li')!;
    expect(item.className).toContain('tone-border-neutral');
    expect(within(item).getByText(waiting).className).toContain('text-neutral');
    expect(item.textContent).toMatch(/PAG asks again at its next run, 03 Oct 2023, 22:15/);
    const error = within(list)
      .getByText(/under verification/)
      .closest('li')!;
    expect(error.className).toContain('tone-border-error');
    expect(error.textContent).not.toMatch(/asks again/);
  });
});

describe('PI page: next step of a refused PI', () => {
  it('a declined PI says nobody was paid, quotes the treasury and pushes its payment again', async () => {
    const message =
      'On call of PIS API: This Bill Number PI-1013/2023-24/000007 is rejected by SSU';
    api().answer(
      'pi.get',
      ok(
        detail(
          {
            beneficiaries: [benf(1, { status: 'Payment Initiated', utrNo: null })],
            reviseBy: null,
            actions: [{ kind: 'push', label: 'Push again', paymentId: 5 }],
          },
          { status: 'Declined', lastOutcome: 'ERROR', lastMessage: message },
        ),
      ),
    );
    api().answer(
      'pi.push',
      ok({
        piId: 8,
        billNo: 'PI-1013/2023-24/000008',
        status: 'Initiated',
        outcome: 'OK',
        message: 'On call of PI API: Response is received and updated successfully',
      }),
    );
    renderApp('#/pi/7');
    const panel = await screen.findByRole('region', { name: 'Next step' });
    expect(panel.textContent).toMatch(/The SSU declined this PI: nobody was paid/);
    expect(within(panel).getByText(message)).toBeTruthy();
    expect(panel.textContent).toMatch(/push payment EP\/2023-24\/000007 again/);
    // Push again lives in the panel, not among the header's buttons.
    expect(screen.getAllByRole('button', { name: 'Push again' })).toHaveLength(1);
    fireEvent.click(within(panel).getByRole('button', { name: 'Push again' }));
    await waitFor(() => expect(api().requestsFor('pi.push')).toEqual([{ paymentId: 5 }]));
    await waitFor(() => expect(useRouter.getState().route).toMatchObject({ name: 'pi', id: 8 }));
  });

  it('a refused revised PI points to its original PI to revise again', async () => {
    api().answer(
      'pi.get',
      ok(
        detail(
          { beneficiaries: [benf(1, { status: 'Payment Pending' })], actions: [], reviseBy: null },
          {
            id: 31,
            kind: 'COR',
            billNo: 'COR-1013/2023-24/000190',
            status: 'Failed',
            parentPiId: 7,
            parentBillNo: 'PI-1013/2023-24/000007',
            lastOutcome: 'ERROR',
            lastMessage: 'On call of COR API: Invalid IFSC',
          },
        ),
      ),
    );
    renderApp('#/pi/31');
    const panel = await screen.findByRole('region', { name: 'Next step' });
    expect(panel.textContent).toMatch(/revised again.*from the original PI/);
    expect(
      within(panel).getByRole('link', { name: 'PI-1013/2023-24/000007' }).getAttribute('href'),
    ).toBe('#/pi/7');
    expect(within(panel).queryByRole('button')).toBeNull();
  });

  it('a completed PI has no next-step panel', async () => {
    api().answer('pi.get', ok(detail()));
    renderApp('#/pi/7');
    await screen.findByRole('table', { name: 'Beneficiaries' });
    expect(screen.queryByRole('region', { name: 'Next step' })).toBeNull();
  });
});

describe('PI page: print and Save as PDF', () => {
  afterEach(() => {
    delete window.jitConsole;
    vi.restoreAllMocks();
  });

  it('in the browser, Print and Save as PDF open the print dialog', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    api().answer('pi.get', ok(detail()));
    renderApp('#/pi/7');
    fireEvent.click(await screen.findByRole('button', { name: 'Save as PDF' }));
    expect(print).toHaveBeenCalledTimes(1);
    expect(document.querySelector('.toast')?.textContent).toMatch(/choose “Save as PDF”/);
    fireEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledTimes(2);
    expect(api().requestsFor('pi.savePdf')).toEqual([]);
  });

  it('in the desktop window, Save as PDF asks main to write the file and says where', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    window.jitConsole = api();
    api().answer('pi.get', ok(detail()));
    api().answer('pi.savePdf', ok({ saved: true, path: '/home/clerk/PI-1013_2023-24_000007.pdf' }));
    renderApp('#/pi/7');
    fireEvent.click(await screen.findByRole('button', { name: 'Save as PDF' }));
    await waitFor(() => expect(api().requestsFor('pi.savePdf')).toEqual([{ id: 7 }]));
    await waitFor(() =>
      expect(document.querySelector('.toast-ok')?.textContent).toMatch(
        /PDF saved.*PI-1013_2023-24_000007\.pdf/,
      ),
    );
    expect(print).not.toHaveBeenCalled();
  });

  it('marks navigation and buttons out of the print layout', async () => {
    api().answer('pi.get', ok(detail()));
    renderApp('#/pi/7');
    await screen.findByRole('table', { name: 'Beneficiaries' });
    expect(document.querySelector('.print-only.print-title')?.textContent).toMatch(
      /Payment Instruction PI-1013\/2023-24\/000007/,
    );
    expect(screen.getByRole('button', { name: 'Save as PDF' }).closest('.no-print')).toBeTruthy();
    expect(document.querySelector('.crumbs')!.className).toContain('no-print');
  });
});

describe('PI list: held marker', () => {
  it('marks a PI held awaiting treasury confirmation', async () => {
    api().answer(
      'pi.list',
      ok({
        rows: [
          piRow(2, { status: 'Pending', held: true }),
          piRow(1, { status: 'Pending', held: false }),
        ],
        total: 2,
        counts: {
          Pending: 2,
          Initiated: 0,
          Approved: 0,
          'In Process': 0,
          Completed: 0,
          Failed: 0,
          Declined: 0,
        },
      }),
    );
    renderApp('#/pis');
    const grid = await screen.findByRole('grid', { name: 'Payment instructions' });
    const held = await within(grid).findByText('Held');
    expect(held.getAttribute('title')).toBe('Held awaiting treasury confirmation');
    expect(held.closest('[role=row]')!.textContent).toMatch(/000002/);
    expect(within(grid).getAllByText('Held')).toHaveLength(1);
  });
});

describe('Jobs: "not yet" counted apart from errors', () => {
  const run = (over: Partial<JobRunRow>): JobRunRow => ({
    id: 4,
    service: 'PAG',
    trigger: 'schedule',
    startedAt: Date.UTC(2023, 9, 2, 16, 45),
    finishedAt: Date.UTC(2023, 9, 2, 16, 46),
    state: 'done',
    total: 10,
    done: 10,
    failures: 1,
    waiting: 6,
    message: null,
    ...over,
  });
  const job: JobStatus = {
    service: 'PAG',
    schedule: '15 22 * * *',
    nextRunAt: Date.UTC(2023, 9, 3, 16, 45),
    running: false,
    lastRun: run({}),
    breaker: { open: false, until: null, message: null },
  };

  it('shows the "not yet" answers in their own column and the next check in the last run', async () => {
    api().answer('jobs.list', ok([job]));
    api().answer('jobs.runs', ok({ rows: [run({})], total: 1 }));
    renderApp('#/jobs');
    const jobs = await screen.findByRole('table', { name: 'Jobs' });
    expect(jobs.textContent).toMatch(/6 not yet \(next check 03 Oct 2023, 22:15\), 1 failed/);
    const runs = await screen.findByRole('table', { name: 'Recent runs' });
    const headers = within(runs)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    const cells = within(runs).getAllByRole('row')[1]!.querySelectorAll('td');
    expect(cells[headers.indexOf('Not yet')]!.textContent).toBe('6');
    expect(cells[headers.indexOf('Not yet')]!.querySelector('.text-neutral')).toBeTruthy();
    expect(cells[headers.indexOf('No response / errors')]!.textContent).toBe('1');
  });
});
