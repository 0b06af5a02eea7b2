// SIGKILL between a batch's write-ahead and its apply: the call rows of every PI in the batch
// are committed, as many requests as run at once have reached the treasury (the rest of the
// batch is not sent yet), no answer is applied.
// On restart the rows are closed as interrupted; the next run applies each answer once.
import { describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openApp } from '../../main/app';
import { Conn } from '../../main/ledger/conn';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { piState, seedPis, startWorld } from '../support/world';
import { DEFAULT_SETTINGS } from '../../shared/settings';

const dir = tempDir('jit-batch-crash-');
const ROOT = path.resolve(__dirname, '../..');
const PIS = DEFAULT_SETTINGS.concurrency + 4;

describe('a kill between a batch write-ahead and its apply', () => {
  it(
    'leaves every call logged and applies each answer once after restart',
    { timeout: 300_000 },
    async () => {
      const w = await startWorld(dir, 'seed');
      const ids = await seedPis(
        w,
        Array.from({ length: PIS }, (_, i) =>
          samplePi(`PI-1013/2023-24/${String(i + 1).padStart(6, '0')}`, 3),
        ),
      );
      for (const s of ['PIS', 'PAG'] as const) await w.app.engine.run(s, { trigger: 'manual' });
      const file = w.app.ledger.file;
      await w.app.close();

      // The treasury holds every answer; the worker sends `concurrency` requests at once.
      let release!: () => void;
      const until = new Promise<void>((r) => (release = r));
      w.sandbox.faults.inject('PD', 'hold', { until, times: PIS });
      const keyFile = path.join(dir, 'treasury.pem');
      fs.writeFileSync(keyFile, w.sandbox.credentials.publicKeyPem);
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/support/batch-worker.ts', '--db', file],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            JIT_BASE_URL: w.sandbox.baseUrl,
            JIT_CLIENT_ID: w.sandbox.credentials.clientId,
            JIT_CLIENT_SECRET: w.sandbox.credentials.clientSecret,
            JIT_PUBLIC_KEY_FILE: keyFile,
          },
          stdio: 'ignore',
        },
      );
      const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_, s) => r(s)));
      await vi.waitFor(
        () => expect(w.sandbox.stats().calls.PD).toBe(DEFAULT_SETTINGS.concurrency),
        {
          timeout: 120_000,
          interval: 50,
        },
      );
      // The whole batch written ahead and committed before its requests left; nothing applied.
      const peek = await Conn.open(file);
      const rows = await peek.all<{ in_flight: number }>(
        "SELECT in_flight FROM treasury_calls WHERE service = 'PD'",
      );
      await peek.close();
      expect(rows).toEqual(Array(PIS).fill({ in_flight: 1 }));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      release();

      const app = await openApp({
        dbPath: file,
        treasury: w.client,
        treasuryInfo: { kind: 'sandbox', baseUrl: w.sandbox.baseUrl },
        now: () => w.sandbox.clock.now(),
      });
      try {
        const summary = await app.engine.run('PD', { trigger: 'manual' });
        expect(summary.outcomes).toEqual({ OK: PIS, ERROR: 0, NO_RESPONSE: 0 });
        for (const id of ids) {
          const s = await piState(app, id);
          expect(s.status).toBe('Completed');
          expect(s.benfs.every((b) => b.status === 'Payment Successful' && b.utr_no)).toBe(true);
          const calls = await app.ledger.read.all<{
            outcome: string;
            in_flight: number;
            error_detail: string | null;
          }>(
            "SELECT outcome, in_flight, error_detail FROM treasury_calls WHERE pi_id = ? AND service = 'PD' ORDER BY id",
            [id],
          );
          expect(calls).toEqual([
            {
              outcome: 'NO_RESPONSE',
              in_flight: 0,
              error_detail: expect.stringMatching(/^interrupted/),
            },
            { outcome: 'OK', in_flight: 0, error_detail: null },
          ]);
        }
        // One SMS and one history row per beneficiary paid: nothing applied twice.
        const once = await app.ledger.read.get<{ sms: number; paid: number }>(
          `SELECT (SELECT count(*) FROM sms_outbox) AS sms,
                (SELECT count(*) FROM status_history WHERE to_status = 'Payment Successful') AS paid`,
        );
        expect(once).toEqual({ sms: PIS * 3, paid: PIS * 3 });
      } finally {
        await app.close();
        await w.sandbox.close();
      }
    },
  );
});
