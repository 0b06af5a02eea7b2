import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileGateway } from '../../main/notify/gateway';
import { queueSms } from '../../main/notify/outbox';
import schedule from 'node-schedule';
import { Scheduler } from '../../main/scheduler/scheduler';
import { DEFAULT_JOBS } from '../../main/scheduler/schedule';
import { tempDir } from '../support/tmp';
import { samplePi } from '../support/samples';
import { piState, seedPis, startWorld, T0, type World } from '../support/world';

const dir = tempDir();
let w: World | undefined;
let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  await w?.close();
});

describe('scheduler catch-up', () => {
  it('runs at start every job that fell due while the console was closed, then none again', async () => {
    w = await startWorld(dir, 'catchup');
    // The ledger existed two days ago; nothing has run since (T0 is 10:00 India time).
    await w.app.ledger.write((tx) =>
      tx.run(`UPDATE settings SET value = ? WHERE key = 'created_at'`, [
        String(T0 - 2 * 86_400_000),
      ]),
    );
    const [id] = await seedPis(w, [samplePi('PI-1013/2023-24/000900', 2)]);
    scheduler = new Scheduler(w.app);
    const missed = await scheduler.start();
    expect(missed.map((j) => j.name).sort()).toEqual(DEFAULT_JOBS.map((j) => j.name).sort());
    await scheduler.catchUp;
    const runs = await w.app.ledger.read.all<{ service: string; trigger: string }>(
      'SELECT DISTINCT service, trigger FROM job_runs ORDER BY service',
    );
    expect(runs.every((r) => r.trigger === 'catch-up')).toBe(true);
    expect(runs.map((r) => r.service)).toEqual([
      'COR',
      'FD',
      'FTFPS',
      'FTPS',
      'PAG',
      'PD',
      'PI',
      'PIS',
      'VA',
    ]);
    // Catch-up runs in parallel per job, so the PI moved at least one step.
    expect((await piState(w.app, id!)).status).not.toBe('Initiated');
    expect(await scheduler.missedJobs()).toEqual([]);
  });

  it('stopped while starting (a quit during start-up), it leaves nothing scheduled and runs nothing', async () => {
    w = await startWorld(dir, 'quit-early');
    await w.app.ledger.write((tx) =>
      tx.run(`UPDATE settings SET value = ? WHERE key = 'created_at'`, [
        String(T0 - 2 * 86_400_000),
      ]),
    );
    scheduler = new Scheduler(w.app);
    const starting = scheduler.start();
    await scheduler.stop();
    expect(await starting).toEqual([]);
    expect(Object.keys(schedule.scheduledJobs)).toEqual([]);
    expect(await w.app.ledger.read.get('SELECT count(*) AS n FROM job_runs')).toEqual({ n: 0 });
  });

  it('a new ledger has missed nothing', async () => {
    w = await startWorld(dir, 'fresh');
    scheduler = new Scheduler(w.app);
    expect(await scheduler.missedJobs()).toEqual([]);
  });
});

describe('SMS delivery with the schedule', () => {
  it('sends what the outbox holds while the scheduler runs, and stops with it', async () => {
    w = await startWorld(dir, 'sms');
    const [id] = await seedPis(w, [samplePi('PI-1013/2023-24/000950', 1)]);
    const b = (await w.app.ledger.read.get<{ id: number; mobile: string }>(
      'SELECT id, mobile FROM beneficiaries WHERE pi_id = ?',
      [id],
    ))!;
    await w.app.ledger.write((tx) =>
      queueSms(
        tx,
        'PD',
        [{ beneficiaryId: b.id, mobile: b.mobile, amountPaise: 100_000, utrNo: 'UTR950' }],
        null,
        1,
      ),
    );
    const log = path.join(dir, 'scheduler-sms.log');
    // The delivery loop's interval under fake time: what runs after stop is then certain.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    onTestFinished(() => void vi.useRealTimers());
    scheduler = new Scheduler(w.app, { jobs: [], sms: { gateway: fileGateway(log), everyMs: 20 } });
    await scheduler.start();
    // The delivery loop and the renewal of the ledger's scheduler lease.
    expect(vi.getTimerCount()).toBe(2);
    await vi.waitFor(async () => {
      expect(await w!.app.ledger.read.get('SELECT status FROM sms_outbox')).toEqual({
        status: 'sent',
      });
    });
    await scheduler.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(fs.readFileSync(log, 'utf8')).toContain(
      'transaction UTR950 is made to your registered bank account',
    );
    await w.app.ledger.write((tx) =>
      queueSms(
        tx,
        'FD',
        [{ beneficiaryId: b.id, mobile: b.mobile, amountPaise: 100_000, utrNo: 'UTR950' }],
        null,
        2,
      ),
    );
    // Ten minutes of delivery intervals pass: none fires, so nothing more is sent.
    await vi.advanceTimersByTimeAsync(600_000);
    expect(await w.app.ledger.read.get(`SELECT status FROM sms_outbox WHERE event = 'FD'`)).toEqual(
      { status: 'queued' },
    );
    expect(fs.readFileSync(log, 'utf8')).not.toContain('is failed');
  });
});
