// A nightly call whose answer comes after a Refresh already moved the PI (here from a second
// console on the same ledger): its call row is closed, not left in flight, and not applied.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openApp, type App } from '../../main/app';
import { JitClient } from '../../main/jit/client';
import { getPi } from '../../main/core/pi/pi-queries';
import { refreshPi } from '../../main/core/reconcile/jobs';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { piState, seedPis, startWorld, type World } from '../support/world';

const dir = tempDir();
let w: World;
let other: App;
beforeAll(async () => {
  w = await startWorld(dir, 'late');
  other = await openApp({
    dbPath: path.join(dir, 'late.db'),
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

describe('an answer that comes after a Refresh moved the PI', () => {
  it('closes its call row with the answer, leaves the PI as the Refresh left it', async () => {
    const billNo = 'PI-1013/2023-24/000001';
    const [id] = await seedPis(w, [samplePi(billNo, 2)]);
    let release!: () => void;
    const until = new Promise<void>((r) => (release = r));
    w.sandbox.faults.inject('PIS', 'hold', { billNo, until, times: 1 });

    const nightly = w.app.engine.run('PIS', { trigger: 'schedule' });
    await vi.waitFor(() => expect(w.sandbox.stats().calls.PIS).toBe(1));
    // Meanwhile the other console's Refresh gets its answer and moves the PI.
    const refresh = await refreshPi(other, id!);
    expect(refresh.outcome).toBe('OK');
    expect((await piState(w.app, id!)).status).toBe('Approved');
    release();
    await nightly;

    const rows = await w.app.ledger.read.all<{
      in_flight: number;
      outcome: string;
      message: string;
      error_detail: string | null;
    }>(
      "SELECT in_flight, outcome, message, error_detail FROM treasury_calls WHERE pi_id = ? AND service = 'PIS' ORDER BY id",
      [id],
    );
    const answered = 'On call of PIS API: Response is received and updated successfully';
    expect(rows).toEqual([
      {
        in_flight: 0,
        outcome: 'OK',
        message: answered,
        error_detail: 'not applied: the PI had already moved on',
      },
      { in_flight: 0, outcome: 'OK', message: answered, error_detail: null },
    ]);
    const page = await getPi(w.app.ledger, id!);
    expect(page.pi.status).toBe('Approved');
    expect(page.latestCalls.find((c) => c.service === 'PIS')?.message).toBe(answered);
    expect((await piState(w.app, id!)).last_message).toBe(answered);
  });
});
