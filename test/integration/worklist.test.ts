// Needs action through the real path: PIs pushed to the sandbox over loopback, failures
// returned by the bank (accounts ending in 99), revised PIs sent and paid by the nightly runs.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  DAY,
  FAILING,
  beneficiariesOn,
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
import { corWindowEnd, createRevisedPi } from '../../main/core/pi/revise';
import { failedPage, stuckPage } from '../../main/core/pi/worklist';
import { releaseHeld } from '../../main/core/pi/held-release';
import { treasuryDate } from '../../shared/time';

const dir = tempDir();
async function world(opts: WorldOptions = {}): Promise<FundsWorld> {
  const w = await testWorld(dir, 'worklist', opts);
  await fund(w, 'C1', 1_000_000);
  return w;
}
// The whole list, in one page of each part.
async function worklist(w: FundsWorld) {
  const all = { limit: 1000, offset: 0 };
  const now = w.app.now();
  const failed = await failedPage(w.app.ledger, now, all);
  const pis = await stuckPage(w.app.ledger, now, all);
  return { failed: failed.rows, pis: pis.rows };
}
const paise = (rupees: number) => rupees * 100;

describe('needs action: failed beneficiaries', () => {
  it('lists failed beneficiaries by PI until a revised PI pays them, soonest deadline first', async () => {
    const w = await world();
    const a = await completedPi(w, 'W-A', [100, 200, 300], [2, 3]);
    const aDate = (await w.app.ledger.read.get<{ d: string }>(
      'SELECT bill_date AS d FROM pis WHERE id = ?',
      [a],
    ))!.d;
    w.sandbox.clock.advance(5 * DAY);
    const b = await completedPi(w, 'W-B', [50, 70], [1]);
    w.sandbox.clock.advance(2 * DAY);

    let list = await worklist(w);
    expect(list.failed.map((g) => [g.piId, g.count, g.amountPaise])).toEqual([
      [a, 2, paise(500)],
      [b, 1, paise(50)],
    ]);
    expect(list.failed[0]).toMatchObject({
      reasons: ['Account closed or transferred'],
      reviseBy: corWindowEnd(aDate),
      daysSinceFailure: 7,
      inRevision: [],
      nextStep: expect.stringMatching(/revised PI/),
    });
    expect(list.failed[1]!.daysSinceFailure).toBe(2);

    // One of A's two paid again with a good account, the other sent to an account that fails again.
    const failedA = (await beneficiariesOn(w.app, a)).filter((x) => x.status === 'Payment Failed');
    const cor = await createRevisedPi(w.app, {
      piId: a,
      beneficiaries: [
        { beneficiaryId: failedA[0]!.id, correctedAccountNo: '300000000010' },
        { beneficiaryId: failedA[1]!.id, correctedAccountNo: `3000000000${FAILING}` },
      ],
    });
    list = await worklist(w);
    // Sent but not yet paid: still listed, waiting for the revised PI.
    expect(list.failed[0]).toMatchObject({ piId: a, count: 2, inRevision: [cor.billNo] });
    expect(list.failed[0]!.nextStep).toMatch(/Wait for/);

    await nights(w, 'FTPS', 'FTFPS');
    await nights(w, 'FTPS', 'FTFPS');
    const corRows = await beneficiariesOn(w.app, cor.piId);
    expect(corRows.map((r) => r.status).sort()).toEqual(['Payment Failed', 'Payment Successful']);

    list = await worklist(w);
    // A is done; the row that failed again is listed on the revised PI, with A's deadline,
    // so it comes before B although B is older.
    expect(list.failed.map((g) => [g.piId, g.count, g.reviseBy])).toEqual([
      [cor.piId, 1, corWindowEnd(aDate)],
      [b, 1, expect.any(String)],
    ]);
    expect(list.failed[1]!.reviseBy > corWindowEnd(aDate)).toBe(true);
    // The totals leave out A's rows that the revised PI paid or failed again.
    const page = await failedPage(w.app.ledger, w.app.now(), { limit: 1, offset: 0 });
    expect([page.total, page.beneficiaries]).toEqual([2, 2]);
  });

  it('past the window it says to move the amount to a new payment', async () => {
    const w = await world();
    await completedPi(w, 'W-LATE', [100, 200], [1]);
    w.sandbox.clock.advance(120 * DAY);
    const [group] = (await worklist(w)).failed;
    expect(treasuryDate(w.app.now()) > group!.reviseBy).toBe(true);
    expect(group!.nextStep).toMatch(/window has closed.*new payment/);
  });
});

describe('needs action: PIs', () => {
  it('lists a declined PI, and a PI without an answer only after a day', async () => {
    const w = await world({ scenario: { decline: { billNoPattern: '000001$' } } });
    const decPayment = await importPayment(w.app, 'W-DEC', [10]);
    const declined = await pushPayment(w.app, decPayment);
    await nights(w, 'PIS');
    const silent = await pushPayment(w.app, await importPayment(w.app, 'W-SIL', [10]));
    w.sandbox.faults.inject('PIS', 'timeout');
    await run(w, 'PIS');
    expect(
      (await w.app.ledger.read.get<{ o: string }>(
        'SELECT last_outcome AS o FROM pis WHERE id = ?',
        [silent.piId],
      ))!.o,
    ).toBe('NO_RESPONSE');

    let list = await worklist(w);
    expect(list.pis.map((p) => [p.piId, p.reason])).toEqual([[declined.piId, 'declined']]);
    expect(list.pis[0]!.nextStep).toMatch(/declined/);

    w.sandbox.clock.advance(DAY + 60_000);
    await run(w, 'PIS'); // still silent: the age runs from the first unanswered call
    list = await worklist(w);
    expect(list.pis.map((p) => [p.piId, p.reason, p.ageDays])).toEqual([
      [declined.piId, 'declined', 1],
      [silent.piId, 'no-response', 1],
    ]);

    w.sandbox.faults.clear();
    await run(w, 'PIS');
    list = await worklist(w);
    expect(list.pis.map((p) => p.piId)).toEqual([declined.piId]);

    // Pushed again: the newer PI is the one to watch, the declined one leaves the list.
    const again = await pushPayment(w.app, decPayment);
    expect(again.piId).toBeGreaterThan(declined.piId);
    list = await worklist(w);
    expect(list.pis.map((p) => p.piId)).not.toContain(declined.piId);
  });
});

describe('needs action: held PIs', () => {
  it('lists a PI held awaiting confirmation with its age and next step, until it is released', async () => {
    const w = await world();
    const paymentId = await importPayment(w.app, 'W-HELD', [10]);
    // The first send never reaches the treasury; the re-send is refused: held for PIS.
    w.sandbox.faults.inject('PI', 'http500', { times: 1 });
    const { piId } = await pushPayment(w.app, paymentId);
    w.sandbox.faults.inject('PI', 'errorMsgs', {
      times: 1,
      messages: [{ errorCode: '9001', errorMsg: 'Request could not be processed' }],
    });
    await run(w, 'PI');
    // PIS without an answer does not make it a "no response" row: it is held.
    w.sandbox.faults.inject('PIS', 'timeout', { times: 1, holdMs: 50 });
    await run(w, 'PIS');

    let list = await worklist(w);
    expect(list.pis.map((p) => [p.piId, p.reason, p.status, p.ageDays])).toEqual([
      [piId, 'held', 'Pending', 0],
    ]);
    expect(list.pis[0]!.nextStep).toMatch(/wait for PIS to confirm it.*released by hand from/);

    // The treasury keeps answering in words that name no bill; after the configured days,
    // the next step is to release it by hand.
    w.sandbox.faults.inject('PIS', 'error', { message: 'Invalid request' });
    w.sandbox.clock.advance(8 * DAY);
    await run(w, 'PIS');
    list = await worklist(w);
    expect(list.pis.map((p) => [p.piId, p.reason, p.ageDays])).toEqual([[piId, 'held', 8]]);
    expect(list.pis[0]!.nextStep).toMatch(/release it by hand/);

    await releaseHeld(w.app, piId, 'Treasury helpdesk says no such bill (ticket 77)');
    list = await worklist(w);
    expect(list.pis.map((p) => [p.piId, p.reason])).toEqual([[piId, 'failed']]);
  });
});

describe('needs action: paging', () => {
  it('pages both lists in the order of the whole list, every page carrying the whole totals', async () => {
    const w = await world({ scenario: { decline: { billNoPattern: '00000[45]$' } } });
    for (const [i, number] of ['W-P1', 'W-P2', 'W-P3'].entries()) {
      await completedPi(w, number, [10, 20, 30], i === 1 ? [1] : [1, 2]);
      w.sandbox.clock.advance(DAY);
    }
    for (const number of ['W-D1', 'W-D2'])
      await pushPayment(w.app, await importPayment(w.app, number, [10]));
    await nights(w, 'PIS');

    const whole = await worklist(w);
    expect(whole.failed).toHaveLength(3);
    expect(whole.pis.map((p) => p.reason)).toEqual(['declined', 'declined']);

    const now = w.app.now();
    const failed = [];
    for (let offset = 0; offset < 4; offset++) {
      const page = await failedPage(w.app.ledger, now, { limit: 1, offset });
      expect(page).toMatchObject({ total: 3, beneficiaries: 5 });
      failed.push(...page.rows);
    }
    expect(failed).toEqual(whole.failed);

    const pis = [];
    for (let offset = 0; offset < 3; offset++) {
      const page = await stuckPage(w.app.ledger, now, { limit: 1, offset });
      expect(page.total).toBe(2);
      pis.push(...page.rows);
    }
    expect(pis).toEqual(whole.pis);
  });

  it('counts nothing on an empty worklist', async () => {
    const w = await world();
    const page = { limit: 10, offset: 0 };
    expect(await failedPage(w.app.ledger, w.app.now(), page)).toEqual({
      rows: [],
      total: 0,
      beneficiaries: 0,
    });
    expect(await stuckPage(w.app.ledger, w.app.now(), { ...page, offset: 5 })).toEqual({
      rows: [],
      total: 0,
    });
  });
});
