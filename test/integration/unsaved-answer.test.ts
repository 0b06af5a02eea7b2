// A treasury answer that the ledger will not take at once: another process holds the write
// lock (SQLITE_BUSY), or the disk is full (SQLITE_FULL, provoked with max_page_count on the
// real file). The answer is kept and saved once the ledger takes it; the user is told why.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Conn } from '../../main/ledger/conn';
import type { JobProgress } from '../../shared/types';
import { samplePi } from '../support/samples';
import { tempDir } from '../support/tmp';
import { piState, seedPis, startWorld, type World } from '../support/world';

const dir = tempDir();
let w: World;
const progress: JobProgress[] = [];
beforeAll(async () => {
  w = await startWorld(dir, 'unsaved');
  w.app.events.on('job.progress', (p) => progress.push(p));
});
afterAll(() => w.close());

/** Start a run whose answer waits until `release` is called; resolves once it is asked. */
async function heldRun(service: 'PIS' | 'PD', billNo: string, piId: number) {
  let release!: () => void;
  const until = new Promise<void>((r) => (release = r));
  w.sandbox.faults.inject(service, 'hold', { billNo, until, times: 1 });
  const asked = w.sandbox.stats().calls[service];
  const run = w.app.engine.run(service, { trigger: 'manual', piId });
  await vi.waitFor(() => expect(w.sandbox.stats().calls[service]).toBe(asked + 1));
  return { run, release };
}

const troubles = (re: RegExp) =>
  progress.filter((p) => p.state === 'waiting' && re.test(p.message ?? ''));

describe('an answer the ledger cannot save at once', () => {
  it('another process holding the write lock: saved once it lets go', async () => {
    const billNo = 'PI-1013/2023-24/000001';
    const [id] = await seedPis(w, [samplePi(billNo, 2)]);
    const { run, release } = await heldRun('PIS', billNo, id!);
    const other = await Conn.open(w.app.ledger.file);
    await other.exec('BEGIN IMMEDIATE');
    release();
    await vi.waitFor(
      () => expect(troubles(/Another program .* is holding the ledger/)).not.toEqual([]),
      {
        timeout: 30_000,
      },
    );
    await other.exec('COMMIT');
    await other.close();
    const summary = await run;
    expect(summary.outcomes.OK).toBe(1);
    expect((await piState(w.app, id!)).status).toBe('Approved');
  });

  it('a full disk: the user is told in plain words, and the answer saved once there is room', async () => {
    const billNo = 'PI-1013/2023-24/000002';
    // PD writes a UTR and a history row for each of 400 beneficiaries: the file must grow.
    const [id] = await seedPis(w, [samplePi(billNo, 400)]);
    for (const s of ['PIS', 'PAG'] as const)
      await w.app.engine.run(s, { trigger: 'manual', piId: id });
    const { run, release } = await heldRun('PD', billNo, id!);
    // The file may not grow by a single page: as good as a full disk for SQLite.
    await w.app.ledger.write(async (tx) => {
      const { page_count } = (await tx.get<{ page_count: number }>('PRAGMA page_count'))!;
      await tx.get(`PRAGMA max_page_count = ${page_count}`);
    });
    release();
    await vi.waitFor(() => expect(troubles(/disk holding the ledger is full/)).not.toEqual([]), {
      timeout: 30_000,
    });
    await w.app.ledger.write((tx) => tx.get('PRAGMA max_page_count = 1073741823'));
    const summary = await run;
    expect(summary.outcomes.OK).toBe(1);
    const state = await piState(w.app, id!);
    expect(state.status).toBe('Completed');
    expect(state.benfs.every((b) => b.status === 'Payment Successful' && b.utr_no)).toBe(true);
    const calls = await w.app.ledger.read.all<{ in_flight: number; outcome: string }>(
      "SELECT in_flight, outcome FROM treasury_calls WHERE pi_id = ? AND service = 'PD'",
      [id],
    );
    expect(calls).toEqual([{ in_flight: 0, outcome: 'OK' }]);
  });
});
