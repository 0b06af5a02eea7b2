// Saved settings reach what they govern: the engine's concurrency and retries, FD's watch
// window, the scheduler's timetable (re-planned at once); and the files the console writes
// are readable by their owner only.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import schedule from 'node-schedule';
import { openApp, type App } from '../../main/app';
import { Ledger } from '../../main/ledger/ledger';
import { MIGRATIONS } from '../../main/ledger/migrations';
import { insertPi } from '../../main/core/pi/pi-store';
import { fdPoller } from '../../main/core/reconcile/pollers/fd';
import { saveEngineSettings } from '../../main/core/settings/ulb';
import { Scheduler } from '../../main/scheduler/scheduler';
import { fileGateway } from '../../main/notify/gateway';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { noTreasury } from '../e2e/support/host';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';

const dir = tempDir();
const DAY = 86_400_000;
const NOW = Date.parse('2024-01-15T12:00:00+05:30');
let app: App;
let scheduler: Scheduler | undefined;

afterAll(async () => {
  await scheduler?.stop();
  await app?.close();
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('settings in use', () => {
  it('the engine, FD and the scheduler follow saved settings, without a restart', async () => {
    app = await openApp({
      dbPath: path.join(dir, 'apply.db'),
      treasury: noTreasury(),
      treasuryInfo: { kind: 'remote', baseUrl: 'https://jit.example' },
      now: () => NOW,
    });
    expect(app.engine.settings).toMatchObject({ concurrency: 4, watchDays: 30 });
    await app.ledger.write(async (tx) => {
      const id = await insertPi(tx, samplePi('PI-1013/2023-24/000009', 1), NOW);
      await tx.run(`UPDATE pis SET status = 'Completed', completed_at = ? WHERE id = ?`, [
        NOW - 40 * DAY,
        id,
      ]);
      await tx.run(
        `INSERT INTO payment_advice (pi_id, online_bill_ref_no, token_number, token_date, received_at) VALUES (?, 'R', 'T', '2023-11-01', 1)`,
        [id],
      );
    });
    expect(await fdPoller.select(app)).toEqual([]);

    scheduler = new Scheduler(app);
    await scheduler.start();
    expect(scheduler.jobs.find((j) => j.name === 'VA')!.cron).toBe('0 21 * * *');

    await saveEngineSettings(app, {
      ...DEFAULT_SETTINGS,
      schedule: { ...DEFAULT_SETTINGS.schedule, VA: '20:10' },
      retryStartSeconds: 30,
      retryCapMinutes: 10,
      watchDays: 45,
      concurrency: 2,
    });
    expect(app.engine.settings).toMatchObject({
      concurrency: 2,
      watchDays: 45,
      retry: { baseMs: 30_000, maxMs: 600_000 },
    });
    // A PI completed 40 days ago is watched again under a 45-day window.
    expect((await fdPoller.select(app)).map((t) => t.key)).toEqual(['PI-1013/2023-24/000009']);
    expect(scheduler.jobs.find((j) => j.name === 'VA')!.cron).toBe('10 20 * * *');
    expect(Object.keys(schedule.scheduledJobs)).toHaveLength(7);
    const va = (await app.handlers['jobs.list']({})).find((j) => j.service === 'VA')!;
    expect(va.schedule).toBe('10 20 * * *');

    // Reopened, the ledger's settings apply from the start.
    await scheduler.stop();
    scheduler = undefined;
    await app.close();
    app = await openApp({
      dbPath: path.join(dir, 'apply.db'),
      treasury: noTreasury(),
      treasuryInfo: { kind: 'remote', baseUrl: 'https://jit.example' },
      now: () => NOW,
    });
    expect(app.engine.settings).toMatchObject({ concurrency: 2, watchDays: 45 });
  });
});

describe('files readable by their owner only', () => {
  it.skipIf(process.platform === 'win32')(
    'the ledger, its backup before a migration and sms.log are created 0600',
    async () => {
      const file = path.join(dir, 'owner.db');
      const old = await Ledger.open(file, { migrations: MIGRATIONS.slice(0, 2) });
      await old.close();
      expect(mode(file)).toBe(0o600);
      fs.chmodSync(file, 0o644);
      const upgraded = await Ledger.open(file);
      await upgraded.close();
      expect(mode(file)).toBe(0o600);
      const backups = fs.readdirSync(dir).filter((f) => f.startsWith('owner.db.v'));
      expect(backups).toHaveLength(1);
      expect(mode(path.join(dir, backups[0]!))).toBe(0o600);
      const wal = `${file}-wal`;
      if (fs.existsSync(wal)) expect(mode(wal)).toBe(0o600);

      const log = path.join(dir, 'sms.log');
      await fileGateway(log).send('9876543210', 'Rs. 100 paid');
      expect(mode(log)).toBe(0o600);
    },
  );
});
