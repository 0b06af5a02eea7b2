// The PI page's facts through the real path (sandbox on loopback, engine, ledger): "not yet"
// answers counted apart from errors with the next check time, the status history of a PI
// whose credits failed after it completed, its revise-by date and purpose, the next step of a
// declined PI, and the held marker of the PI list.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  DAY,
  completedPi,
  fund,
  importPayment,
  nights,
  testWorld,
  run,
  type FundsWorld,
  type WorldOptions,
} from './funds-support';
import { pushPayment } from '../../main/core/pi/push';
import { corWindowEnd } from '../../main/core/pi/revise';
import { getPi, listPis } from '../../main/core/pi/pi-queries';
import { listJobs, listRuns } from '../../main/core/reconcile/jobs';
import { nextRun } from '../../main/scheduler/schedule';
import type { JobProgress } from '../../shared/types';

const dir = tempDir();
async function world(opts: WorldOptions = {}): Promise<FundsWorld> {
  const w = await testWorld(dir, 'pi-page', opts);
  await fund(w, 'C1', 1_000_000);
  return w;
}
const detail = (w: FundsWorld, id: number) => getPi(w.app.ledger, id, w.app.now());

describe('"not yet" is not an error', () => {
  it('Jobs counts "not yet" answers apart from real errors; the PI page gets the next check time', async () => {
    const w = await world({
      scenario: {
        delays: { approveAfterMs: 0, adviceAfterMs: 2 * DAY, paidAfterMs: 0, failedAfterMs: 0 },
      },
    });
    const early = await pushPayment(w.app, await importPayment(w.app, 'NY-1', [100]));
    const broken = await pushPayment(w.app, await importPayment(w.app, 'NY-2', [100]));
    await nights(w, 'PIS');
    w.sandbox.faults.inject('PAG', 'error', {
      billNo: broken.billNo,
      message: 'Invalid bill reference',
    });
    const events: JobProgress[] = [];
    const off = w.app.events.on('job.progress', (e) => events.push(e));
    const summary = await run(w, 'PAG');
    off();
    expect(summary.outcomes.ERROR).toBe(2);
    expect(summary.waiting).toBe(1);
    expect(events.at(-1)).toMatchObject({ state: 'done', failures: 1, waiting: 1 });

    const [last] = (await listRuns(w.app, { limit: 1, offset: 0 })).rows;
    expect(last).toMatchObject({ service: 'PAG', done: 2, failures: 1, waiting: 1 });
    const pag = (await listJobs(w.app)).find((j) => j.service === 'PAG')!;
    expect(pag.lastRun).toMatchObject({ failures: 1, waiting: 1 });

    const page = await detail(w, early.piId);
    const call = page.latestCalls.find((c) => c.service === 'PAG')!;
    expect(call).toMatchObject({ outcome: 'ERROR' });
    expect(call.message).toBe(
      `On call of PAG API: Payment advice is not yet generated for Bill Number ${early.billNo}`,
    );
    // PAG asks again at its next scheduled run (22:15 India time by default).
    expect(page.nextCheckAt.PAG).toBe(nextRun('15 22 * * *', w.app.now()));
    expect(page.nextCheckAt.PAG).toBeGreaterThan(w.app.now());
  });
});

describe('the PI page of a PI whose credits failed after it completed', () => {
  it('says every beneficiary was paid and how many failed later, with the revise-by date and purpose', async () => {
    const w = await world();
    const id = await completedPi(w, 'HIST-1', [100, 200, 300], [1, 3]);
    const page = await detail(w, id);
    expect(page.pi.purpose).toBe('Wages for work order WO/2023/17');
    expect(page.reviseBy).toBe(corWindowEnd(page.pi.billDate));

    const completed = page.history.find((h) => h.entity === 'pi' && h.toStatus === 'Completed')!;
    expect(completed.reason).toBe('every beneficiary paid');
    expect(completed.note).toBe('2 of 3 failed later at the bank');
    const groups = page.history.filter((h) => h.entity === 'beneficiaries');
    expect(groups.map((g) => [g.label, g.fromStatus, g.toStatus, g.count])).toEqual([
      ['2 beneficiaries', 'Payment Successful', 'Payment Failed', 2],
      ['3 beneficiaries', 'Payment In Process', 'Payment Successful', 3],
      ['3 beneficiaries', 'Payment Initiated', 'Payment In Process', 3],
      ['3 beneficiaries', 'Payment Pending', 'Payment Initiated', 3],
      ['3 beneficiaries', null, 'Payment Pending', 3],
    ]);
    // Newest first: the failures come before (above) the completion they follow.
    expect(page.history.indexOf(groups[0]!)).toBeLessThan(page.history.indexOf(completed));
    // Each beneficiary's own rows are still there for "Include beneficiaries".
    expect(
      page.history.filter((h) => h.entity === 'beneficiary' && h.toStatus === 'Payment Failed'),
    ).toHaveLength(2);
  });

  it('a PI with nothing failed has no revise-by date and no note', async () => {
    const w = await world();
    const id = await completedPi(w, 'HIST-2', [100], []);
    const page = await detail(w, id);
    expect(page.reviseBy).toBeNull();
    expect(page.history.every((h) => !h.note)).toBe(true);
    // One beneficiary's event is named, not counted.
    const groups = page.history.filter((h) => h.entity === 'beneficiaries');
    expect(new Set(groups.map((g) => g.label))).toEqual(new Set(['Wage Seeker 1 (HIST-2-B1)']));
    expect(groups.every((g) => g.count === 1)).toBe(true);
  });
});

describe('next step of a declined PI', () => {
  it('offers Push again for its payment while it is the latest PI, and not after', async () => {
    const w = await world({ scenario: { decline: { billNoPattern: '000001$' } } });
    const paymentId = await importPayment(w.app, 'DEC-1', [100]);
    const first = await pushPayment(w.app, paymentId);
    await nights(w, 'PIS');
    let page = await detail(w, first.piId);
    expect(page.pi.status).toBe('Declined');
    expect(page.pi.paymentId).toBe(paymentId);
    expect(page.actions).toContainEqual({ kind: 'push', label: 'Push again', paymentId });

    const again = await pushPayment(w.app, paymentId);
    expect(again.status).toBe('Initiated');
    page = await detail(w, first.piId);
    expect(page.actions.some((a) => a.kind === 'push')).toBe(false);
    expect((await detail(w, again.piId)).actions.some((a) => a.kind === 'push')).toBe(false);
  });
});

describe('the PI list marks held PIs', () => {
  it('flags a PI held awaiting treasury confirmation, and only it', async () => {
    const w = await world();
    const ok = await pushPayment(w.app, await importPayment(w.app, 'HELD-0', [10]));
    w.sandbox.faults.inject('PI', 'http500', { times: 1 });
    const held = await pushPayment(w.app, await importPayment(w.app, 'HELD-1', [10]));
    w.sandbox.faults.inject('PI', 'errorMsgs', {
      times: 1,
      messages: [{ errorCode: '9001', errorMsg: 'Request could not be processed' }],
    });
    await run(w, 'PI');
    const list = await listPis(w.app.ledger, { limit: 10, offset: 0 });
    expect(list.rows.map((r) => [r.id, r.held])).toEqual([
      [held.piId, true],
      [ok.piId, false],
    ]);
    expect((await detail(w, held.piId)).pi.held).toBe(true);
  });
});
