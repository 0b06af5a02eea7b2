// Public money is paid once: a PI or revised PI whose answer was lost is never failed,
// released or re-minted on a refusal, whatever its wording; PIS/FTPS settle it. Through the
// real send path: JitClient, the sandbox on loopback, push/COR code and the engine.
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';
import { startWorld, type World } from '../support/world';
import { allotment, available, importPayment } from '../support/payments';
import { pushPayment, repushPending } from '../../main/core/pi/push';
import { createRevisedPi } from '../../main/core/pi/revise';
import { getPi } from '../../main/core/pi/pi-queries';
import { runCheck } from '../../main/core/funds/check';
import { setReleaseAfterDays } from '../../main/core/pi/held-release';
import { dispatch } from '../../main/ipc/dispatch';
import type { ScenarioInput } from '../../sandbox/scenario';
import type { Service } from '../../shared/status';

const dir = tempDir('jit-paid-once-');
const HOUR = 60 * 60_000;
/** Re-sends refused in wordings the console does not special-case. */
const WORDINGS: Array<string | { errorCode: string; errorMsg: string }> = [
  'Duplicate Payment Information Id {billNo}',
  'Bill already processed',
  { errorCode: 'E1062', errorMsg: '' },
];

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function start(name: string, scenario: ScenarioInput = {}): Promise<World> {
  world = await startWorld(dir, name, {
    scenario: {
      allotments: [allotment(100_000)],
      repeatPush: { refusals: WORDINGS },
      fail: { accountSuffixes: ['99'] },
      ...scenario,
    },
  });
  await run(world, 'VA');
  return world;
}

const run = (w: World, service: Service) => w.app.engine.run(service, { trigger: 'manual' });

async function pi(w: World, id: number) {
  return w.app.ledger.read.get<{ status: string; billNo: string; heldSince: number | null }>(
    'SELECT status, bill_no AS billNo, held_since AS heldSince FROM pis WHERE id = ?',
    [id],
  );
}

/** What the treasury holds, per payment (its beneficiaries' ids start with the payment number). */
function billsAtTreasury(w: World, kind: 'PI' | 'COR', benfPrefix: string): string[] {
  return w.sandbox
    .bills()
    .filter((b) => b.kind === kind && b.benfIds.some((id) => id.startsWith(benfPrefix)))
    .map((b) => b.billNo);
}

describe('a PI whose answer was lost', () => {
  it('is held, not failed, when its re-send is refused in any wording; PIS confirms it', async () => {
    const w = await start('pi-lost');
    const losses = ['timeout', 'garbage', 'timeout'] as const;
    const pushed: Array<{ paymentId: number; piId: number; number: string }> = [];
    for (const [i, loss] of losses.entries()) {
      const number = `LOST-${i + 1}`;
      const paymentId = await importPayment(w, number, [`30001234561${i}`, `30001234562${i}`]);
      const before = await available(w);
      w.sandbox.faults.inject('PI', loss, { times: 1 });
      const first = await pushPayment(w.app, paymentId);
      expect(first).toMatchObject({ status: 'Pending', outcome: 'NO_RESPONSE' });
      expect(await available(w)).toBe(before - 20_000);
      const waiting = await getPi(w.app.ledger, first.piId, w.app.now());
      expect(waiting.held).toMatchObject({ stage: 'resend', service: 'PI', canRelease: false });
      expect(waiting.held!.releasableFrom).toBe(
        waiting.held!.since + waiting.held!.releaseAfterDays * 24 * HOUR,
      );
      expect(waiting.held!.next).toMatch(/Its funds stay held meanwhile/);
      expect(waiting.actions.map((a) => a.service)).toEqual(['PI']);
      // Still being sent again: not a held bill, so not one staff may release.
      expect(
        await dispatch(w.app.handlers, 'pi.release', {
          id: first.piId,
          reason: 'helpdesk says so',
        }),
      ).toMatchObject({
        ok: false,
        error: {
          code: 'REFUSED',
          message: expect.stringMatching(/not awaiting treasury confirmation/),
        },
      });
      pushed.push({ paymentId, piId: first.piId, number });
    }
    // The nightly re-send: the treasury has them all and refuses, each time in other words.
    const resend = await run(w, 'PI');
    expect(resend.outcomes).toEqual({ OK: 0, ERROR: 3, NO_RESPONSE: 0 });
    const messages = await w.app.ledger.read.all<{ message: string }>(
      `SELECT message FROM treasury_calls WHERE service = 'PI' AND outcome = 'ERROR' ORDER BY id`,
    );
    expect(messages.map((m) => m.message)).toEqual([
      `On call of PI API: Duplicate Payment Information Id ${(await pi(w, pushed[0]!.piId))!.billNo}`,
      'On call of PI API: Bill already processed',
      'On call of PI API: E1062',
    ]);
    for (const p of pushed) {
      expect(await pi(w, p.piId)).toMatchObject({ status: 'Pending', heldSince: w.app.now() });
      const detail = await getPi(w.app.ledger, p.piId, w.app.now());
      expect(detail.held).toMatchObject({ stage: 'confirm', service: 'PIS', canRelease: false });
      expect(detail.held!.next).toMatch(
        /Its funds stay held and its payment cannot get another PI/,
      );
      expect(detail.actions.map((a) => a.service)).toEqual(['PIS']);
      await expect(pushPayment(w.app, p.paymentId)).rejects.toMatchObject({ code: 'REFUSED' });
      await expect(repushPending(w.app, p.piId)).rejects.toThrow(/awaiting treasury confirmation/);
      expect(billsAtTreasury(w, 'PI', p.number)).toHaveLength(1);
    }
    expect(await available(w)).toBe(100_000_00 - 3 * 20_000);
    // Held PIs are not sent again: the nightly PI run has nothing to do.
    expect((await run(w, 'PI')).total).toBe(0);
    expect((await runCheck(w.app)).breaches).toEqual([]);

    const confirm = await run(w, 'PIS');
    expect(confirm.outcomes.OK).toBe(3);
    for (const p of pushed) {
      expect((await pi(w, p.piId))!.status).toBe('Approved');
      const history = (await getPi(w.app.ledger, p.piId, w.app.now())).history;
      expect(history.map((h) => h.reason)).toContain(
        'confirmed by PIS: the treasury holds this bill',
      );
      // No longer waiting for anything: refused as any PI that is not Pending.
      await expect(repushPending(w.app, p.piId)).rejects.toThrow(
        /is Approved; only a Pending payment instruction is sent again/,
      );
      expect(
        await dispatch(w.app.handlers, 'pi.release', { id: p.piId, reason: 'helpdesk says so' }),
      ).toMatchObject({
        ok: false,
        error: {
          code: 'REFUSED',
          message: expect.stringMatching(/not awaiting treasury confirmation/),
        },
      });
    }
    for (const s of ['PAG', 'PD', 'FD'] as const) await run(w, s);
    for (const p of pushed) {
      expect((await pi(w, p.piId))!.status).toBe('Completed');
      expect(billsAtTreasury(w, 'PI', p.number)).toHaveLength(1);
    }
    expect(await available(w)).toBe(100_000_00 - 3 * 20_000);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it('fails only on proof: PIS says it does not know the bill 3 times, a day after it was held', async () => {
    const w = await start('pi-absent');
    const paymentId = await importPayment(w, 'ABSENT-1', ['300012345630']);
    // HTTP 500 before the treasury processed it, then a refusal the console cannot read as "no".
    w.sandbox.faults.inject('PI', 'http500', { times: 1 });
    const first = await pushPayment(w.app, paymentId);
    expect(first.outcome).toBe('NO_RESPONSE');
    w.sandbox.faults.inject('PI', 'error', { times: 1, message: 'Bill already processed' });
    await run(w, 'PI');
    expect(await pi(w, first.piId)).toMatchObject({ status: 'Pending' });
    expect((await getPi(w.app.ledger, first.piId, w.app.now())).held?.reason).toMatch(
      /refused \(.*Bill already processed\)/,
    );
    expect(w.sandbox.bills()).toHaveLength(0);
    // Three "No data found" answers within the day prove nothing yet.
    for (let i = 0; i < 3; i++) await run(w, 'PIS');
    expect((await pi(w, first.piId))!.status).toBe('Pending');
    expect((await getPi(w.app.ledger, first.piId, w.app.now())).held?.unknownAnswers).toBe(3);
    expect(await available(w)).toBe(100_000_00 - 10_000);
    w.sandbox.clock.advance(24 * HOUR);
    await run(w, 'PIS');
    expect((await pi(w, first.piId))!.status).toBe('Failed');
    expect(await available(w)).toBe(100_000_00);
    // Now, and only now, the payment may get a new bill.
    const again = await pushPayment(w.app, paymentId);
    expect(again).toMatchObject({ status: 'Initiated' });
    expect(again.billNo).not.toBe(first.billNo);
    expect(billsAtTreasury(w, 'PI', 'ABSENT-1')).toEqual([again.billNo]);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });

  it("an HTTP error naming the bill as unknown is no proof: only the status service's own answer counts", async () => {
    const w = await start('pi-gateway');
    const paymentId = await importPayment(w, 'GATEWAY-1', ['300012345632']);
    w.sandbox.faults.inject('PI', 'http500', { times: 1 });
    const first = await pushPayment(w.app, paymentId);
    w.sandbox.faults.inject('PI', 'error', { times: 1, message: 'Bill already processed' });
    await run(w, 'PI');
    // Something before the treasury answers 404 in the treasury's words, naming the bill.
    w.sandbox.faults.inject('PIS', 'status', {
      status: 404,
      body: `No data found for ${first.billNo}`,
    });
    for (let i = 0; i < 3; i++) await run(w, 'PIS');
    w.sandbox.clock.advance(25 * HOUR);
    await run(w, 'PIS');
    const calls = await w.app.ledger.read.all<{ outcome: string; message: string }>(
      `SELECT outcome, message FROM treasury_calls WHERE service = 'PIS' ORDER BY id`,
    );
    expect(calls).toHaveLength(4);
    for (const c of calls) {
      expect(c).toEqual({ outcome: 'ERROR', message: expect.stringContaining(first.billNo) });
    }
    expect((await pi(w, first.piId))!.status).toBe('Pending');
    expect((await getPi(w.app.ledger, first.piId, w.app.now())).held?.unknownAnswers).toBe(0);
    expect(await available(w)).toBe(100_000_00 - 10_000);
    // PIS itself then says it does not know the bill, three times: that is proof.
    w.sandbox.faults.clear('PIS');
    for (let i = 0; i < 2; i++) await run(w, 'PIS');
    expect((await pi(w, first.piId))!.status).toBe('Pending');
    await run(w, 'PIS');
    expect((await pi(w, first.piId))!.status).toBe('Failed');
    expect(await available(w)).toBe(100_000_00);
  });

  it('a "not known" answer in between anything else starts the count again', async () => {
    const w = await start('pi-absent-reset');
    const paymentId = await importPayment(w, 'ABSENT-2', ['300012345631']);
    w.sandbox.faults.inject('PI', 'http500', { times: 1 });
    const first = await pushPayment(w.app, paymentId);
    w.sandbox.faults.inject('PI', 'error', { times: 1, message: 'E1062' });
    await run(w, 'PI');
    await run(w, 'PIS');
    await run(w, 'PIS');
    // A day later, with two "not known" behind it: another refusal, then a lost answer.
    w.sandbox.clock.advance(25 * HOUR);
    w.sandbox.faults.inject('PIS', 'error', { times: 1, message: 'Service busy, try later' });
    await run(w, 'PIS');
    expect((await pi(w, first.piId))!.status).toBe('Pending');
    w.sandbox.faults.inject('PIS', 'http500', { times: 1 });
    await run(w, 'PIS');
    expect((await pi(w, first.piId))!.status).toBe('Pending');
    await run(w, 'PIS');
    expect((await pi(w, first.piId))!.status).toBe('Pending');
    await run(w, 'PIS');
    await run(w, 'PIS');
    expect((await pi(w, first.piId))!.status).toBe('Failed');
  });

  it('may be released by hand, with a reason, only after the configured days of "not known"', async () => {
    const w = await start('pi-release');
    const paymentId = await importPayment(w, 'RELEASE-1', ['300012345640']);
    w.sandbox.faults.inject('PI', 'http500', { times: 1 });
    const { piId } = await pushPayment(w.app, paymentId);
    w.sandbox.faults.inject('PI', 'errorMsgs', {
      times: 1,
      messages: [{ errorCode: '9001', errorMsg: 'Request could not be processed' }],
    });
    await run(w, 'PI');
    // PIS answers in words that name no bill: never proof, so the PI stays held.
    w.sandbox.faults.inject('PIS', 'error', { message: 'Invalid request' });
    await run(w, 'PIS');
    const release = (reason: string) =>
      dispatch(w.app.handlers, 'pi.release', { id: piId, reason });
    expect(await release('too short')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const early = await release('Treasury helpdesk confirms no such bill');
    expect(early).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect(early.ok || early.error.message).toMatch(/may be released by hand from .* \(7 days/);

    for (const days of [0, 1.5, 366]) {
      await expect(setReleaseAfterDays(w.app, days)).rejects.toMatchObject({ code: 'REFUSED' });
    }
    const heldNow = async () => (await getPi(w.app.ledger, piId, w.app.now())).held!;
    expect((await heldNow()).releaseAfterDays).toBe(7);
    await setReleaseAfterDays(w.app, 1);
    expect((await heldNow()).releaseAfterDays).toBe(1);
    await setReleaseAfterDays(w.app, 365);
    expect((await heldNow()).releaseAfterDays).toBe(365);
    await setReleaseAfterDays(w.app, 2);
    // From the very instant the days are up, but only after PIS has answered since then.
    w.sandbox.clock.set((await heldNow()).releasableFrom);
    w.sandbox.faults.clear('PIS');
    w.sandbox.faults.inject('PIS', 'http500', { times: 1 });
    await run(w, 'PIS');
    expect(await heldNow()).toMatchObject({
      canRelease: false,
      releaseBlockedBy: expect.stringMatching(/PIS has not answered about it since it was held/),
    });
    w.sandbox.faults.inject('PIS', 'error', { message: 'Invalid request' });
    for (let i = 0; i < 5; i++) await run(w, 'PIS');
    expect((await pi(w, piId))!.status).toBe('Pending');
    const detail = await getPi(w.app.ledger, piId, w.app.now());
    expect(detail.held).toMatchObject({ canRelease: true, releaseAfterDays: 2 });
    const changed: unknown[] = [];
    w.app.events.on('pi.changed', (e) => changed.push(e));
    const done = await release('Treasury helpdesk confirms no such bill (ticket 4411)');
    expect(changed).toEqual([{ ids: [piId] }]);
    expect(done).toEqual({
      ok: true,
      data: { piId, billNo: detail.pi.billNo, status: 'Failed', releasedPaise: 10_000 },
    });
    expect(await available(w)).toBe(100_000_00);
    const history = (await getPi(w.app.ledger, piId, w.app.now())).history;
    expect(history[0]).toMatchObject({ fromStatus: 'Pending', toStatus: 'Failed' });
    expect(history[0]!.reason).toMatch(
      /released by hand after 2 days .*Invalid request.*Reason: Treasury helpdesk confirms no such bill \(ticket 4411\)/,
    );
    expect((await runCheck(w.app)).breaches).toEqual([]);
    // Released, it is no longer a live bill: the payment's new PI is its only one.
    expect((await pushPayment(w.app, paymentId)).status).toBe('Initiated');
    expect((await runCheck(w.app)).breaches).toEqual([]);
    expect(await release('Treasury helpdesk confirms no such bill')).toMatchObject({
      ok: false,
      error: { code: 'REFUSED' },
    });
    expect(
      await dispatch(w.app.handlers, 'pi.release', { id: 9_999, reason: 'no such bill at all' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('a revised PI whose answer was lost', () => {
  async function failedOnce(w: World, number: string) {
    const paymentId = await importPayment(w, number, ['300012345650', '300012345699']);
    const { piId } = await pushPayment(w.app, paymentId);
    for (const s of ['PIS', 'PAG', 'PD', 'FD'] as const) await run(w, s);
    const failed = (await getPi(w.app.ledger, piId, w.app.now())).beneficiaries.find(
      (b) => b.status === 'Payment Failed',
    );
    return { piId, failed: failed! };
  }

  for (const loss of ['garbage', 'timeout'] as const) {
    it(`after a ${loss} keeps its number, its re-send refused in any wording; FTPS confirms and pays it`, async () => {
      const w = await start(`cor-${loss}`);
      const { piId, failed } = await failedOnce(w, `COR-${loss}`);
      w.sandbox.faults.inject('COR', loss, { times: 1 });
      const pick = {
        piId,
        beneficiaries: [{ beneficiaryId: failed.id, correctedAccountNo: '300012345651' }],
      };
      const kept = await createRevisedPi(w.app, pick);
      expect(kept).toMatchObject({ status: 'Pending', outcome: 'NO_RESPONSE' });
      expect(kept.message).toMatch(/sent again under the same number/);
      expect(billsAtTreasury(w, 'COR', `COR-${loss}`)).toEqual([kept.billNo]);
      // Trying again makes no second revision, whatever the treasury would say.
      await expect(createRevisedPi(w.app, pick)).rejects.toThrow(/already in a revised PI/);
      expect((await runCheck(w.app)).breaches).toEqual([]);

      // The nightly re-send, same number and content: the treasury has it and says so oddly.
      const resend = await run(w, 'COR');
      expect(resend).toMatchObject({ total: 1, outcomes: { ERROR: 1 } });
      const detail = await getPi(w.app.ledger, kept.piId, w.app.now());
      expect(detail.pi.status).toBe('Pending');
      expect(detail.held).toMatchObject({ service: 'FTPS' });
      expect(detail.held!.next).toMatch(/Its beneficiaries cannot be revised again until then/);
      expect(detail.actions.map((a) => a.service)).toEqual(['FTPS']);
      expect((await run(w, 'COR')).total).toBe(0);
      expect(billsAtTreasury(w, 'COR', `COR-${loss}`)).toEqual([kept.billNo]);
      expect((await runCheck(w.app)).breaches).toEqual([]);

      await run(w, 'FTPS');
      expect((await pi(w, kept.piId))!.status).toBe('Completed');
      const paid = (await getPi(w.app.ledger, kept.piId, w.app.now())).beneficiaries;
      expect(paid).toEqual([
        expect.objectContaining({ status: 'Payment Successful', utrNo: expect.any(String) }),
      ]);
      expect(billsAtTreasury(w, 'COR', `COR-${loss}`)).toEqual([kept.billNo]);
      expect((await runCheck(w.app)).breaches).toEqual([]);
    });
  }

  it('a revision sent again after a lost request is accepted under its own number', async () => {
    const w = await start('cor-resend');
    const { piId, failed } = await failedOnce(w, 'CORRE');
    w.sandbox.faults.inject('COR', 'http500', { times: 1 });
    const kept = await createRevisedPi(w.app, {
      piId,
      beneficiaries: [{ beneficiaryId: failed.id }],
    });
    expect(kept.status).toBe('Pending');
    expect(w.sandbox.bills().filter((b) => b.kind === 'COR')).toEqual([]);
    // Being sent again, not held: its page says what waits on it, in a revised PI's terms.
    const waiting = (await getPi(w.app.ledger, kept.piId, w.app.now())).held!;
    expect(waiting).toMatchObject({ stage: 'resend', service: 'COR', canRelease: false });
    expect(waiting.next).toMatch(/Its beneficiaries cannot be revised again meanwhile/);
    expect(waiting.next).not.toMatch(/funds/);
    await run(w, 'COR');
    expect((await pi(w, kept.piId))!.status).toBe('Initiated');
    expect(billsAtTreasury(w, 'COR', 'CORRE')).toEqual([kept.billNo]);
  });

  it('a revision the treasury never got fails only on FTPS proof, then may be made again', async () => {
    const w = await start('cor-absent');
    const { piId, failed } = await failedOnce(w, 'CORABS');
    w.sandbox.faults.inject('COR', 'http500', { times: 1 });
    const pick = { piId, beneficiaries: [{ beneficiaryId: failed.id }] };
    const held = await createRevisedPi(w.app, pick);
    expect(held.status).toBe('Pending');
    w.sandbox.faults.inject('COR', 'error', { times: 1, message: 'Bill already processed' });
    await run(w, 'COR');
    for (let i = 0; i < 3; i++) await run(w, 'FTPS');
    expect((await pi(w, held.piId))!.status).toBe('Pending');
    w.sandbox.clock.advance(24 * HOUR);
    await run(w, 'FTPS');
    expect((await pi(w, held.piId))!.status).toBe('Failed');
    const again = await createRevisedPi(w.app, {
      piId,
      beneficiaries: [{ beneficiaryId: failed.id, correctedAccountNo: '300012345652' }],
    });
    expect(again).toMatchObject({ status: 'Initiated', outcome: 'OK' });
    expect(again.billNo).not.toBe(held.billNo);
    expect(billsAtTreasury(w, 'COR', 'CORABS')).toEqual([again.billNo]);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });
});
