// A PI push whose answer arrives while another process holds the ledger's write lock past its
// busy timeout: the answer is kept and saved once the lock is let go, and the window is told
// why the push is waiting. Dropping it would leave a bill the treasury accepted looking unsent.
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { Conn } from '../../main/ledger/conn';
import { pushPayment } from '../../main/core/pi/push';
import { runCheck } from '../../main/core/funds/check';
import type { JobProgress } from '../../shared/types';
import { tempDir } from '../support/tmp';
import { fund, importPayment, openWorld, piRow } from './funds-support';

const dir = tempDir();

describe('a push answer the ledger cannot save at once', () => {
  it('another process holding the write lock: the push waits, says why, and saves the answer', async () => {
    const w = await openWorld(dir, 'unsaved-push');
    onTestFinished(() => w.close());
    await fund(w, 'S1', 1_000);
    const paymentId = await importPayment(w.app, 'PAY-BUSY', [300]);
    const waiting: JobProgress[] = [];
    w.app.events.on('job.progress', (p) => p.state === 'waiting' && waiting.push(p));

    let release!: () => void;
    const until = new Promise<void>((r) => (release = r));
    w.sandbox.faults.inject('PI', 'hold', { until, times: 1 });
    const asked = w.sandbox.stats().calls.PI;
    const push = pushPayment(w.app, paymentId);
    await vi.waitFor(() => expect(w.sandbox.stats().calls.PI).toBe(asked + 1), {
      timeout: 30_000,
    });
    const other = await Conn.open(w.app.ledger.file);
    await other.exec('BEGIN IMMEDIATE');
    release();
    await vi.waitFor(
      () =>
        expect(waiting.map((p) => [p.service, p.message])).toContainEqual([
          'PI',
          expect.stringMatching(/Another program .* is holding the ledger/),
        ]),
      { timeout: 30_000 },
    );
    await other.exec('COMMIT');
    await other.close();

    const res = await push;
    expect(res.status).toBe('Initiated');
    expect((await piRow(w.app, res.piId)).status).toBe('Initiated');
    const calls = await w.app.ledger.read.all<{ in_flight: number; outcome: string }>(
      `SELECT in_flight, outcome FROM treasury_calls WHERE pi_id = ? AND service = 'PI'`,
      [res.piId],
    );
    expect(calls).toEqual([{ in_flight: 0, outcome: 'OK' }]);
    expect((await runCheck(w.app)).breaches).toEqual([]);
  });
});
