// The dates money rules turn on, through the real path: the revised-PI window's last day and
// the day after (90 days, 31 March, 30 April, 1 May) seen by eligibility, a revised PI sent to
// the sandbox and a reissue; and bills made between 00:00 and 05:30 India time, when the UTC
// date is still the day before.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import {
  available,
  beneficiariesOn,
  completedPi,
  fund,
  importPayment,
  testWorld,
  piRow,
  type FundsWorld,
} from './funds-support';
import { pushPayment } from '../../main/core/pi/push';
import { corCheck, createRevisedPi } from '../../main/core/pi/revise';
import { reissueFailed } from '../../main/core/pi/reissue';
import { runCheck } from '../../main/core/funds/check';

const dir = tempDir();
const india = (local: string) => Date.parse(`${local}+05:30`);

async function world(start: string): Promise<FundsWorld> {
  const w = await testWorld(dir, 'bounds', { now: india(start) });
  await fund(w, 'B1', 100_000);
  return w;
}

/** A Completed PI billed on `billed` (India time) whose one line the bank returned. */
async function failedLine(start: string, number: string) {
  const w = await world(start);
  const piId = await completedPi(w, number, [25, 40], [2]);
  const [, failed] = await beneficiariesOn(w.app, piId);
  return { w, piId, pick: { piId, beneficiaries: [{ beneficiaryId: failed!.id }] } };
}

const WINDOWS = [
  {
    rule: '90 days inside the financial year',
    billed: '2023-10-02T10:00:00',
    lastDay: '2023-12-31',
    dayAfter: '2024-01-01',
  },
  {
    rule: 'the 90th day is 31 March',
    billed: '2024-01-01T10:00:00',
    lastDay: '2024-03-31',
    dayAfter: '2024-04-01',
  },
  {
    rule: 'the 90 days cross 31 March: until 30 April',
    billed: '2024-02-15T10:00:00',
    lastDay: '2024-04-30',
    dayAfter: '2024-05-01',
  },
];

describe('revised-PI window boundaries', () => {
  for (const c of WINDOWS) {
    it(`${c.rule}: the last day (${c.lastDay}, to 23:59:59) still takes a revised PI; a reissue is refused`, async () => {
      const { w, piId, pick } = await failedLine(c.billed, 'W-LAST');
      w.sandbox.clock.set(india(`${c.lastDay}T23:59:59`));
      expect(await corCheck(w.app, piId)).toMatchObject({
        allowed: true,
        newPiOffered: false,
        windowEndsOn: c.lastDay,
      });
      await expect(reissueFailed(w.app, pick)).rejects.toThrow(
        new RegExp(`open until ${c.lastDay}: generate a revised PI instead`),
      );
      const before = await available(w.app, 'B1');
      const cor = await createRevisedPi(w.app, pick);
      expect(cor).toMatchObject({ status: 'Initiated', outcome: 'OK' });
      expect(await piRow(w.app, cor.piId)).toMatchObject({ billDate: c.lastDay });
      expect(await available(w.app, 'B1')).toBe(before);
      expect((await runCheck(w.app)).breaches).toEqual([]);
    });

    it(`${c.rule}: the day after (${c.dayAfter}, from 00:00) offers a new PI; a revised PI is refused, the reissue pays it`, async () => {
      const { w, piId, pick } = await failedLine(c.billed, 'W-AFTER');
      w.sandbox.clock.set(india(`${c.dayAfter}T00:00:00`));
      expect(await corCheck(w.app, piId)).toMatchObject({
        allowed: false,
        newPiOffered: true,
        windowEndsOn: c.lastDay,
        reason: expect.stringContaining(`closed on ${c.lastDay}`),
      });
      await expect(createRevisedPi(w.app, pick)).rejects.toMatchObject({ code: 'REFUSED' });
      expect(w.sandbox.stats().calls.COR).toBe(0);
      const before = await available(w.app, 'B1');
      const moved = await reissueFailed(w.app, pick);
      expect(moved).toMatchObject({ paymentNumber: 'W-AFTER/R1', amountPaise: 4_000 });
      expect(await available(w.app, 'B1')).toBe(before + 4_000);
      const again = await pushPayment(w.app, moved.paymentId);
      expect(again).toMatchObject({ status: 'Initiated' });
      expect(await piRow(w.app, again.piId)).toMatchObject({ billDate: c.dayAfter });
      expect(await available(w.app, 'B1')).toBe(before);
      expect((await runCheck(w.app)).breaches).toEqual([]);
    });
  }
});

describe('bills made between 00:00 and 05:30 India time (UTC is still the day before)', () => {
  for (const [at, date, year] of [
    ['2023-10-02T00:00:00', '2023-10-02', '2023-24'],
    ['2023-10-02T05:29:59', '2023-10-02', '2023-24'],
    ['2024-04-01T00:00:00', '2024-04-01', '2024-25'],
    ['2024-04-01T05:29:59', '2024-04-01', '2024-25'],
    ['2024-03-31T23:59:59', '2024-03-31', '2023-24'],
  ] as const) {
    it(`a PI pushed at ${at} India time is dated ${date}, numbered in ${year}, and sent so`, async () => {
      const w = await world(at);
      const res = await pushPayment(w.app, await importPayment(w.app, 'EARLY', [10]));
      expect(res).toMatchObject({
        status: 'Initiated',
        billNo: `PI-1013/${year}/000001`,
      });
      expect(await piRow(w.app, res.piId)).toMatchObject({ billDate: date });
      const sent = await w.app.ledger.read.get<{ d: string }>(
        `SELECT request_json ->> '$.params.jitBillDate' AS d FROM treasury_calls WHERE service = 'PI'`,
      );
      expect(sent).toEqual({ d: date });
    });
  }

  it('the window of a PI billed at 02:00 India time on 1 January counts from that India date', async () => {
    const { w, piId, pick } = await failedLine('2024-01-01T02:00:00', 'EARLY-W');
    expect(await piRow(w.app, piId)).toMatchObject({ billDate: '2024-01-01' });
    // From the UTC date (31 December) the window would end on 30 March.
    w.sandbox.clock.set(india('2024-03-31T03:00:00'));
    expect(await corCheck(w.app, piId)).toMatchObject({
      allowed: true,
      windowEndsOn: '2024-03-31',
    });
    const cor = await createRevisedPi(w.app, pick);
    expect(await piRow(w.app, cor.piId)).toMatchObject({
      billDate: '2024-03-31',
      billNo: 'COR-1013/2023-24/000001',
    });
  });

  it('a revised PI made at 01:00 India time on 1 April is dated and numbered in the new year', async () => {
    const { w, pick } = await failedLine('2024-02-15T10:00:00', 'EARLY-C');
    w.sandbox.clock.set(india('2024-04-01T01:00:00'));
    const cor = await createRevisedPi(w.app, pick);
    expect(await piRow(w.app, cor.piId)).toMatchObject({
      billDate: '2024-04-01',
      billNo: 'COR-1013/2024-25/000001',
    });
  });
});
