// Two consoles on one ledger (the window and `serve`, or two `sms-send`): one runs the
// schedule, one sends SMS, and every message goes out at most once, even after a sender died
// between claiming a message and recording it.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app';
import { JitClient } from '../../main/jit/client';
import { deliverQueued } from '../../main/notify/deliver';
import type { SmsGateway } from '../../main/notify/gateway';
import { Scheduler } from '../../main/scheduler/scheduler';
import type { JobDef } from '../../main/scheduler/schedule';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { count, seedPis, startWorld, type World } from '../support/world';

const dir = tempDir();
let w: World;
let other: App;
beforeAll(async () => {
  w = await startWorld(dir, 'two');
  other = await openApp({
    dbPath: path.join(dir, 'two.db'),
    treasury: new JitClient({
      baseUrl: w.sandbox.baseUrl,
      ...w.sandbox.credentials,
      publicKey: w.sandbox.credentials.publicKeyPem,
      timeoutMs: 5_000,
    }),
    treasuryInfo: { kind: 'sandbox', baseUrl: w.sandbox.baseUrl },
    now: () => w.sandbox.clock.now(),
  });
});
afterAll(async () => {
  await other.close();
  await w.close();
});

/** The SMS provider's far side: counts what it is given, slowly, as a real one answers. */
function countingGateway(failOn?: string) {
  const got: string[] = [];
  const gateway: SmsGateway = {
    async send(to, body) {
      await new Promise((r) => setTimeout(r, 30));
      if (body === failOn) throw new Error('the console process died here');
      got.push(`${to}|${body}`);
      return { ok: true, detail: 'accepted' };
    },
  };
  return { gateway, got };
}

/** A paid PI: PD queues one SMS per beneficiary. */
async function paidPi(billNo: string, n: number): Promise<void> {
  const [id] = await seedPis(w, [samplePi(billNo, n)]);
  for (const s of ['PIS', 'PAG', 'PD'] as const)
    await w.app.engine.run(s, { trigger: 'manual', piId: id });
}

const queued = () => count(w.app, "SELECT count(*) AS n FROM sms_outbox WHERE status = 'queued'");

describe('two processes on one ledger', () => {
  it('two senders at once: each message goes out once', async () => {
    await paidPi('PI-1013/2023-24/000001', 3);
    expect(await queued()).toBe(3);
    const { gateway, got } = countingGateway();
    const reports = await Promise.all([
      deliverQueued(w.app.ledger, gateway, w.app.now, 'window'),
      deliverQueued(other.ledger, gateway, other.now, 'serve'),
    ]);
    expect(got).toHaveLength(3);
    expect(new Set(got).size).toBe(3);
    expect(reports.map((r) => r.sent).sort()).toEqual([0, 3]);
    expect(reports.filter((r) => r.heldBy)).toHaveLength(1);
    expect(await queued()).toBe(0);
  });

  it('a sender that died after claiming: the other does not send that message again', async () => {
    await w.app.ledger.write((tx) => tx.run('DELETE FROM leases'));
    await paidPi('PI-1013/2023-24/000002', 3);
    const ids = await w.app.ledger.read.all<{ id: number; body: string }>(
      "SELECT id, body FROM sms_outbox WHERE status = 'queued' ORDER BY id",
    );
    expect(ids).toHaveLength(3);
    const dying = countingGateway(ids[1]!.body);
    await expect(deliverQueued(w.app.ledger, dying.gateway, w.app.now, 'window')).rejects.toThrow(
      /died/,
    );
    expect(dying.got).toHaveLength(1);
    // Its lease runs out (as it does a couple of minutes after a crash); the other takes over.
    await other.ledger.write((tx) => tx.run("UPDATE leases SET expires_at = 0 WHERE name = 'sms'"));
    const { gateway, got } = countingGateway();
    const report = await deliverQueued(other.ledger, gateway, other.now, 'serve');
    // The message the dead sender was sending may have gone out: it is not sent again.
    expect(got.map((g) => g.split('|')[1])).toEqual([ids[2]!.body]);
    expect(report).toMatchObject({ sent: 1 });
    const rows = await w.app.ledger.read.all<{ status: string }>(
      'SELECT status FROM sms_outbox WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
      [JSON.stringify(ids.map((r) => r.id))],
    );
    expect(rows.map((r) => r.status)).toEqual(['sent', 'failed', 'sent']);
  });

  it('runs the schedule in one process only, and the other takes over when it stops', async () => {
    await w.app.ledger.write((tx) => tx.run('DELETE FROM leases'));
    const job: JobDef = { name: 'PIS', cron: '30 21 * * *', services: ['PIS'] };
    const window = new Scheduler(w.app, { jobs: [job] });
    const serve = new Scheduler(other, { jobs: [job] });
    try {
      await window.start();
      await serve.start();
      expect([window.holdsLease, serve.holdsLease]).toEqual([true, false]);
      const runs = () => count(w.app, "SELECT count(*) AS n FROM job_runs WHERE service = 'PIS'");
      const before = await runs();
      // The 21:30 job fires in both processes: only the holder runs it.
      await Promise.all([
        window.runJob(job, 'schedule', w.app.now()),
        serve.runJob(job, 'schedule', w.app.now()),
      ]);
      expect(await runs()).toBe(before + 1);
      await window.stop();
      await serve.renewLease();
      expect(serve.holdsLease).toBe(true);
      await serve.runJob(job, 'schedule', w.app.now());
      expect(await runs()).toBe(before + 2);
    } finally {
      await window.stop();
      await serve.stop();
    }
  });
});
