// The engine's promises beyond the lifecycle table: partial answers, answers that do not
// match, garbage, retries, sessions, duplicates, the breaker, refresh and progress.
import { afterEach, describe, expect, it } from 'vitest';
import { refreshPi } from '../../main/core/reconcile/jobs';
import { logCall } from '../../main/core/pi/history';
import { applyGuarded } from '../../main/core/reconcile/guard';
import { pagPoller } from '../../main/core/reconcile/pollers/pag';
import type { JobProgress } from '../../shared/types';
import { tempDir } from '../support/tmp';
import { samplePi } from '../support/samples';
import {
  count,
  piState,
  seedPis,
  startWorld,
  type World,
  type WorldOptions,
} from '../support/world';

const dir = tempDir();
let w: World | undefined;
let n = 0;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

async function world(opts: WorldOptions = {}): Promise<World> {
  w = await startWorld(dir, `engine-${++n}`, opts);
  return w;
}

const bill = (i: number) => `PI-1013/2023-24/${String(i).padStart(6, '0')}`;
const smsCount = (world: World, event: string) =>
  count(world.app, 'SELECT count(*) AS n FROM sms_outbox WHERE event = ?', [event]);

async function toInProcess(world: World, ids: number[]) {
  for (const s of ['PIS', 'PAG'] as const) await world.app.engine.run(s, { trigger: 'manual' });
  for (const id of ids) expect((await piState(world.app, id)).status).toBe('In Process');
}

describe('reconciliation engine', () => {
  it('a PD answer missing a beneficiary pays the others; the PI stays In Process and PD keeps polling', async () => {
    const x = await world({
      scenario: {
        delays: { approveAfterMs: 0, adviceAfterMs: 0, paidAfterMs: 0, failedAfterMs: 0 },
        holdBack: { every: 3, extraMs: 3_600_000 },
      },
    });
    const [id] = await seedPis(x, [samplePi(bill(1), 3)]);
    await toInProcess(x, [id!]);
    await x.app.engine.run('PD', { trigger: 'manual' });
    let s = await piState(x.app, id!);
    expect(s.status).toBe('In Process');
    const paid = s.benfs.filter((b) => b.status === 'Payment Successful').length;
    expect(paid).toBeGreaterThan(0);
    expect(s.benfs.filter((b) => b.status === 'Payment In Process').length).toBe(3 - paid);
    expect(paid).toBeLessThan(3);
    expect(await smsCount(x, 'PD')).toBe(paid);
    // The same partial answer again changes nothing and sends nothing twice.
    x.sandbox.faults.inject('PD', 'duplicate', { times: 1 });
    await x.app.engine.run('PD', { trigger: 'manual' });
    expect(await smsCount(x, 'PD')).toBe(paid);
    x.sandbox.clock.advance(3_600_000);
    await x.app.engine.run('PD', { trigger: 'manual' });
    s = await piState(x.app, id!);
    expect(s.status).toBe('Completed');
    expect(await smsCount(x, 'PD')).toBe(3);
  });

  it('an FD answer naming an unknown benfId is recorded as an error and applies nothing', async () => {
    const x = await world({ scenario: { fail: { accountSuffixes: ['00001'] } } });
    const [id] = await seedPis(x, [samplePi(bill(2), 2)]);
    for (const s of ['PIS', 'PAG', 'PD'] as const) await x.app.engine.run(s, { trigger: 'manual' });
    x.sandbox.faults.inject('FD', 'unknownBenfId', { times: 1 });
    const r = await x.app.engine.run('FD', { trigger: 'manual' });
    expect(r.outcomes).toEqual({ OK: 0, ERROR: 1, NO_RESPONSE: 0 });
    const s = await piState(x.app, id!);
    expect(s.benfs.every((b) => b.status === 'Payment Successful')).toBe(true);
    expect(s.last_outcome).toBe('ERROR');
    expect(s.last_message).toMatch(
      /^On call of FD API: Response names beneficiary \S+, which is not on PI-1013/,
    );
    expect(await smsCount(x, 'FD')).toBe(0);
    const call = await x.app.ledger.read.get<{ response_json: string; outcome: string }>(
      `SELECT response_json, outcome FROM treasury_calls WHERE service = 'FD'`,
    );
    expect(call!.outcome).toBe('ERROR');
    expect(call!.response_json).toContain('benfDtls'); // the answer is kept for debugging
    // Applying the same (now correct) FD twice fails the beneficiary once, with one SMS.
    await x.app.engine.run('FD', { trigger: 'manual' });
    await x.app.engine.run('FD', { trigger: 'manual' });
    expect((await piState(x.app, id!)).benfs.map((b) => b.status)).toEqual([
      'Payment Failed',
      'Payment Successful',
    ]);
    expect(await smsCount(x, 'FD')).toBe(1);
  });

  it('a garbage body is No Response; missing fields are Response With Error; neither applies anything', async () => {
    const x = await world();
    const [id] = await seedPis(x, [samplePi(bill(3), 1)]);
    x.sandbox.faults.inject('PIS', 'garbage', { times: 1 });
    await x.app.engine.run('PIS', { trigger: 'manual' });
    expect(await piState(x.app, id!)).toMatchObject({
      status: 'Initiated',
      last_outcome: 'NO_RESPONSE',
    });
    x.sandbox.faults.inject('PIS', 'missingFields', { times: 1, field: 'pmtInstId' });
    await x.app.engine.run('PIS', { trigger: 'manual' });
    expect(await piState(x.app, id!)).toMatchObject({ status: 'Initiated', last_outcome: 'ERROR' });
    expect((await piState(x.app, id!)).last_message).toMatch(/^On call of PIS API: .*pmtInstId/);
  });

  it('retries a timeout until it gets an answer within the window; every attempt is logged', async () => {
    const x = await world({ clientTimeoutMs: 300, timeoutHoldMs: 1_000 });
    const [id] = await seedPis(x, [samplePi(bill(4), 1)]);
    x.sandbox.faults.inject('PIS', 'timeout', { times: 2 });
    const r = await x.app.engine.run('PIS', {
      trigger: 'schedule',
      windowEndsAt: x.app.now() + 60_000,
    });
    expect(r.outcomes).toEqual({ OK: 1, ERROR: 0, NO_RESPONSE: 2 });
    expect(r.unanswered).toBe(0);
    const calls = await x.app.ledger.read.all<{ attempt: number; outcome: string }>(
      `SELECT attempt, outcome FROM treasury_calls WHERE pi_id = ? ORDER BY id`,
      [id],
    );
    expect(calls).toEqual([
      { attempt: 1, outcome: 'NO_RESPONSE' },
      { attempt: 2, outcome: 'NO_RESPONSE' },
      { attempt: 3, outcome: 'OK' },
    ]);
    expect(await piState(x.app, id!)).toMatchObject({ status: 'Approved', last_outcome: 'OK' });
  });

  it('retries until the next wait would pass the window, then stops and says the next run carries on', async () => {
    const x = await world();
    const [id] = await seedPis(x, [samplePi(bill(5), 1)]);
    x.sandbox.faults.inject('PIS', 'reset');
    // Waits of about 20 ms, then 40, then 80 (jitter ±20%) on the frozen treasury clock: a
    // 50 ms window takes two retries and refuses the third.
    const r = await x.app.engine.run('PIS', {
      trigger: 'schedule',
      windowEndsAt: x.app.now() + 50,
    });
    expect(r.unanswered).toBe(1);
    expect(r.outcomes).toEqual({ OK: 0, ERROR: 0, NO_RESPONSE: 3 });
    const calls = await x.app.ledger.read.all<{ attempt: number }>(
      `SELECT attempt FROM treasury_calls WHERE pi_id = ? ORDER BY id`,
      [id],
    );
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    const run = await x.app.ledger.read.get<{ state: string; message: string }>(
      'SELECT state, message FROM job_runs WHERE id = ?',
      [r.runId],
    );
    expect(run).toEqual({
      state: 'done',
      message: "1 without response when the run's window closed; the next run carries on.",
    });
  });

  it('logs in again when the session expires mid-run and repeats the call once', async () => {
    const x = await world();
    const ids = await seedPis(
      x,
      [1, 2, 3, 4, 5, 6].map((i) => samplePi(bill(10 + i), 1)),
    );
    x.sandbox.faults.inject('PIS', 'sessionExpired', { times: 1, billNo: bill(14) });
    const r = await x.app.engine.run('PIS', { trigger: 'manual' });
    expect(r.outcomes.OK).toBe(6);
    for (const id of ids) expect((await piState(x.app, id)).status).toBe('Approved');
    expect(x.sandbox.stats().logins).toBe(2);
  });

  it('the breaker stops calling a treasury that is down and says so', async () => {
    const x = await world();
    await seedPis(
      x,
      [1, 2, 3, 4, 5, 6, 7, 8].map((i) => samplePi(bill(20 + i), 1)),
    );
    const engine = x.app.engine;
    // A low threshold for this test only.
    (
      engine.breaker as unknown as { settings: { threshold: number; cooldownMs: number } }
    ).settings.threshold = 3;
    (
      engine.breaker as unknown as { settings: { threshold: number; cooldownMs: number } }
    ).settings.cooldownMs = 600_000;
    x.sandbox.faults.inject('PIS', 'http500');
    const before = x.sandbox.stats().calls.PIS;
    const r = await engine.run('PIS', { trigger: 'manual' });
    const sent = x.sandbox.stats().calls.PIS - before;
    expect(sent).toBeLessThan(8);
    expect(sent).toBeGreaterThanOrEqual(3);
    expect(r.unanswered).toBe(8);
    expect(engine.breaker.state()).toMatchObject({ open: true });
    const jobs = await x.app.handlers['jobs.list']({});
    expect(jobs[0]!.breaker.message).toMatch(/not responding/);
  });

  it('a manual Refresh of one PI uses the engine, polls only that PI, and reports the outcome', async () => {
    const x = await world();
    const [a, b] = await seedPis(x, [samplePi(bill(30), 1), samplePi(bill(31), 1)]);
    const r = await refreshPi(x.app, a!);
    expect(r).toEqual({
      service: 'PIS',
      outcome: 'OK',
      message: 'On call of PIS API: Response is received and updated successfully',
    });
    expect((await piState(x.app, a!)).status).toBe('Approved');
    expect((await piState(x.app, b!)).status).toBe('Initiated');
    const runs = await x.app.ledger.read.all<{ trigger: string; total: number }>(
      'SELECT trigger, total FROM job_runs',
    );
    expect(runs).toEqual([{ trigger: 'manual', total: 1 }]);
  });

  it('reports progress events from start to done', async () => {
    const x = await world();
    await seedPis(
      x,
      [1, 2, 3].map((i) => samplePi(bill(40 + i), 1)),
    );
    const events: JobProgress[] = [];
    const off = x.app.events.on('job.progress', (e) => events.push(e));
    await x.app.engine.run('PIS', { trigger: 'manual' });
    off();
    expect(events[0]).toMatchObject({ service: 'PIS', state: 'running', done: 0, total: 3 });
    expect(events.at(-1)).toMatchObject({
      service: 'PIS',
      state: 'done',
      done: 3,
      total: 3,
      failures: 0,
    });
  });
});

describe('retries do not hold the service lock', () => {
  it('a Refresh runs while the nightly run waits to retry, and the retry leaves a moved PI alone', async () => {
    const x = await world();
    const [a, b] = await seedPis(x, [samplePi(bill(60), 1), samplePi(bill(61), 1)]);
    x.sandbox.faults.inject('PIS', 'reset', { billNo: bill(60) });
    let firstPassOver!: () => void;
    const firstPass = new Promise<void>((resolve) => (firstPassOver = resolve));
    const nightly = x.app.engine.run('PIS', {
      trigger: 'schedule',
      windowEndsAt: x.app.now() + 3_600_000,
      onFirstPass: () => firstPassOver(),
    });
    await firstPass;
    expect((await piState(x.app, b!)).status).toBe('Approved');
    // B moves on by hand while A is still being retried.
    expect((await refreshPi(x.app, b!)).service).toBe('PAG');
    expect(x.app.engine.isRunning('PIS')).toBe(true);
    x.sandbox.faults.clear();
    const r = await nightly;
    expect(r.unanswered).toBe(0);
    expect((await piState(x.app, a!)).status).toBe('Approved');
    expect((await piState(x.app, b!)).status).toBe('In Process');
  });
});

describe('answers that do not cover the PI', () => {
  it('a payment advice that leaves out a beneficiary applies nothing', async () => {
    const x = await world();
    const [id] = await seedPis(x, [samplePi(bill(70), 3)]);
    await x.app.engine.run('PIS', { trigger: 'manual' });
    const target = (await pagPoller.select(x.app)).find((t) => t.piId === id)!;
    const answer = await x.client.call('PAG', pagPoller.params(target));
    const data = answer.data as { benfList: unknown[] };
    const short = { ...answer, data: { ...data, benfList: data.benfList.slice(1) } };
    const applied = await x.app.ledger.write(async (tx) => {
      const callId = await logCall(tx, short, { piId: id });
      return applyGuarded(tx, short, (r) =>
        pagPoller.apply(tx, target, r, { callId, at: x.app.now(), runId: null }),
      );
    });
    expect(applied.outcome).toBe('ERROR');
    expect(applied.message).toMatch(/Advice lists 2 beneficiaries; PI-1013\/2023-24\/000070 has 3/);
    expect((await piState(x.app, id!)).status).toBe('Approved');
  });
});
